// Validates SARIF logs the way code scanning will read them: the OASIS SARIF 2.1.0 JSON schema
// (through ajv; the schema is draft-04, which ajv 8 reads once its "$schema" and "id" keywords
// are restated for draft-07, the keywords it uses mean the same), Microsoft's SARIF multitool
// with its SARIF and GitHub ingestion rules (it exits 0 whatever it finds, so its own output log
// is read), and GitHub's upload limits.
//
//   NODE_PATH=<tools>/node_modules node validate.js MULTITOOL SCHEMA FILE.sarif...
// Prints one line per problem; exits 1 when any file has one, 2 when the tools are unusable.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { execFileSync } = require("child_process");

const [multitool, schemaPath, ...files] = process.argv.slice(2);
if (!multitool || !schemaPath || files.length === 0) {
  console.error("usage: validate.js MULTITOOL SCHEMA FILE.sarif...");
  process.exit(2);
}
let Ajv, addFormats;
try {
  Ajv = require("ajv");
  addFormats = require("ajv-formats");
} catch (error) {
  console.error("ajv and ajv-formats are not installed: " + error.message);
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
schema["$schema"] = "http://json-schema.org/draft-07/schema#";
if (schema.id) {
  schema["$id"] = schema.id;
  delete schema.id;
}
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

let problems = 0;
const report = (file, text) => {
  problems++;
  console.log(`${file}: ${text}`);
};

for (const file of files) {
  const bytes = fs.readFileSync(file);
  let log;
  try {
    log = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    report(file, "not JSON: " + error.message);
    continue;
  }
  if (log.version !== "2.1.0") report(file, `version is ${JSON.stringify(log.version)}, not "2.1.0"`);
  if (!validateSchema(log)) {
    for (const error of validateSchema.errors) report(file, `schema: ${error.instancePath} ${error.message}`);
  }
  // GitHub code scanning's upload limits.
  if (zlib.gzipSync(bytes).length > 10 * 1024 * 1024) report(file, "larger than 10 MB gzipped");
  const runs = log.runs || [];
  if (runs.length > 20) report(file, `${runs.length} runs, more than 20`);
  for (const run of runs) {
    if ((run.results || []).length > 25000) report(file, `${run.results.length} results, more than 25000`);
    for (const rule of (run.tool && run.tool.driver && run.tool.driver.rules) || []) {
      if (((rule.properties || {}).tags || []).length > 20) report(file, `rule ${rule.id} has more than 20 tags`);
    }
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "netlint-sarif-")), "multitool.sarif");
  try {
    execFileSync(multitool, ["validate", file, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning",
                             "-o", out, "--log", "ForceOverwrite"], { stdio: "pipe" });
  } catch (error) {
    report(file, "multitool failed: " + error.message);
    continue;
  }
  const result = JSON.parse(fs.readFileSync(out, "utf8"));
  for (const run of result.runs || []) {
    for (const finding of run.results || []) {
      if ((finding.level || "warning") === "error") {
        report(file, `multitool ${finding.ruleId}: ${(finding.message && finding.message.text) || ""}`);
      }
    }
    for (const invocation of run.invocations || []) {
      for (const note of invocation.toolExecutionNotifications || []) {
        if (note.level === "error") report(file, "multitool: " + note.message.text);
      }
    }
  }
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
}
process.exit(problems === 0 ? 0 : 1);
