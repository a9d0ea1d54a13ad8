// The netlint command line: parses flags, calls the engine, prints a report, maps the result to
// an exit code (0 clean, 1 findings at or above --fail-on, 2 usage error or no usable input).

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "netlint/config/config.h"
#include "netlint/diff/diff.h"
#include "netlint/engine/engine.h"
#include "netlint/ingest/template_parameters.h"
#include "netlint/report/diff_report.h"
#include "netlint/report/reach_report.h"
#include "netlint/report/reporter.h"
#include "netlint/report/rule_docs.h"
#include "netlint/rules/registry.h"

namespace {

constexpr std::string_view kNoUsableInput =
    "netlint: no usable input: none of the given paths holds AWS CLI JSON, a CloudFormation "
    "template or a Terraform plan that netlint recognises\n";

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::toupper(static_cast<unsigned char>(a[i - 1])) ==
                        std::toupper(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest rule code, for "did you mean" hints.
std::string SuggestCode(std::string_view wanted) {
  std::string best;
  std::size_t best_distance = 3;  // farther than 2 edits is not a typo
  for (const auto& rule : netlint::rules::AllRules()) {
    const std::size_t distance = EditDistance(wanted, rule.code);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(rule.code);
    }
  }
  return best;
}

bool UseColour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::string_view(term) != "dumb");
}

std::vector<std::string> SplitCodes(const std::vector<std::string>& values) {
  std::vector<std::string> codes;
  for (const std::string& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = value.find(',', start);
      std::string code = value.substr(start, comma == std::string::npos ? comma : comma - start);
      code.erase(0, code.find_first_not_of(' '));
      code.erase(code.find_last_not_of(' ') + 1);
      std::transform(code.begin(), code.end(), code.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (!code.empty()) codes.push_back(code);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return codes;
}

// --parameters files first, then each --parameter: a value given on the command line overrides
// one from a file. Prints the problem and returns false on a malformed value or file.
struct TemplateParameterFlags {
  std::vector<std::string> assignments;  // --parameter Key=Value
  std::vector<std::string> files;        // --parameters FILE

  void AddTo(CLI::App& command) {
    command.add_option("--parameter", assignments,
                       "Value of a CloudFormation template parameter, Key=Value (repeatable); also "
                       "AWS::Region and AWS::AccountId")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command.add_option("--parameters", files,
                       "CloudFormation parameter values from a JSON file, as aws cloudformation "
                       "create-stack or deploy take them (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }
  bool Read(std::vector<netlint::ingest::TemplateParameter>& out) const {
    for (const std::string& file : files) {
      std::string error;
      if (!netlint::ingest::ReadParametersFile(file, out, error)) {
        std::cerr << "netlint: --parameters: " << error << '\n';
        return false;
      }
    }
    for (const std::string& text : assignments) {
      std::string error;
      std::optional<netlint::ingest::TemplateParameter> parameter =
          netlint::ingest::ParseParameterAssignment(text, error);
      if (!parameter) {
        std::cerr << "netlint: --parameter: " << error << '\n';
        return false;
      }
      out.push_back(std::move(*parameter));
    }
    return true;
  }
};

struct CheckFlags {
  std::vector<std::string> paths;
  TemplateParameterFlags parameters;
  std::string format = "text";
  std::string fail_on = "warning";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool preview = false;
  std::string colour = "auto";
  bool timings = false;
  std::string output;  // file to write the report to, atomically; empty: stdout
  std::string config;  // --config FILE; empty: the nearest .netlint.yaml, if any
  bool no_config = false;
  std::string baseline;        // report only findings not in this baseline
  std::string write_baseline;  // record the findings of this run as a baseline
  std::string git_base;        // compare with this git revision of the same paths
};

// Writes the report to `path` through a temporary file in the same folder, renamed over `path`
// only once complete: a failed or interrupted run never leaves a half-written report behind.
bool WriteReportFile(const std::string& path, const std::function<void(std::ostream&)>& write,
                     std::string& error) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path temporary = target;
  temporary += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write " + temporary.string();
      return false;
    }
    write(out);
    out.flush();
    if (!out) {
      error = "cannot write " + temporary.string();
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    error = "cannot replace " + path + ": " + ec.message();
    fs::remove(temporary, ec);
    return false;
  }
  return true;
}

void PrintTimings(const netlint::engine::CheckResult& result, std::ostream& out) {
  const netlint::engine::StageTimings& t = result.timings;
  out << std::fixed << std::setprecision(3) << "timings (seconds): load " << t.load_seconds
      << ", model " << t.model_seconds << ", graph " << t.graph_seconds << ", rules "
      << t.rules_seconds << ", locate "
      << t.locate_seconds << '\n';
  for (const auto& [code, seconds] : t.per_rule) {
    out << "  " << std::left << std::setw(8) << code << ' ' << seconds << '\n';
  }
}

// What a command's results leave for the operating system to reclaim. They are deliberately
// never destroyed: the process ends right after reporting, and freeing millions of model objects
// one by one would only delay the exit (large estates spend a tenth of their run in
// destructors). main() ends the process with std::_Exit once the output is flushed.
struct KeptUntilExit {
  std::unique_ptr<const netlint::engine::CheckResult> check;
  std::unique_ptr<const netlint::engine::LoadedModel> reach;
  std::unique_ptr<const netlint::diff::DiffResult> diff;
};

// The engine options the check flags ask for; prints the problem and returns nothing on a
// usage error (an unknown rule code, a missing configuration file, a malformed parameter).
std::optional<netlint::engine::CheckOptions> BuildCheckOptions(const CheckFlags& flags) {
  netlint::engine::CheckOptions options;
  options.paths = flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths;
  options.select = SplitCodes(flags.select);
  options.ignore = SplitCodes(flags.ignore);
  options.preview = flags.preview;
  if (!flags.parameters.Read(options.load.template_parameters)) return std::nullopt;
  if (!flags.no_config) {
    options.config_path =
        flags.config.empty() ? netlint::config::FindConfig(std::filesystem::current_path()).string()
                             : flags.config;
  }
  if (!flags.config.empty() && !std::filesystem::is_regular_file(flags.config)) {
    std::cerr << "netlint: --config: no such file: " << flags.config << '\n';
    return std::nullopt;
  }

  std::vector<std::string> unknown;
  netlint::engine::SelectRuleCodes(options, unknown);
  if (!unknown.empty()) {
    for (const std::string& selector : unknown) {
      std::cerr << "netlint: unknown rule code or prefix '" << selector << "'";
      if (const std::string hint = SuggestCode(selector); !hint.empty()) {
        std::cerr << "; did you mean '" << hint << "'?";
      }
      std::cerr << " (netlint rules lists them)\n";
    }
    return std::nullopt;
  }
  options.baseline_path = flags.baseline;
  return options;
}

int RunCheckCommand(const CheckFlags& flags, KeptUntilExit& kept) {
  const std::optional<netlint::engine::CheckOptions> built = BuildCheckOptions(flags);
  if (!built) return kExitUsage;
  const netlint::engine::CheckOptions& options = *built;

  netlint::report::ReportOptions report_options;
  report_options.fail_on = *netlint::ParseSeverity(flags.fail_on);
  report_options.color = flags.format == "text" && UseColour(flags.colour);
  try {
    kept.check = std::make_unique<const netlint::engine::CheckResult>(
        netlint::engine::RunCheck(options));
  } catch (const std::runtime_error& error) {
    std::cerr << "netlint: " << error.what() << '\n';
    return kExitUsage;
  }
  const auto& result = *kept.check;
  if (!flags.write_baseline.empty()) {
    try {
      netlint::engine::WriteBaseline(flags.write_baseline, result);
    } catch (const std::runtime_error& error) {
      std::cerr << "netlint: " << error.what() << '\n';
      return kExitUsage;
    }
  }
  auto reporter =
      netlint::report::MakeReporter(*netlint::report::ParseOutputFormat(flags.format),
                                    report_options);
  if (flags.output.empty()) {
    reporter->Write(result, std::cout);
    std::cout.flush();
  } else if (std::string error; !WriteReportFile(
                 flags.output, [&](std::ostream& out) { reporter->Write(result, out); }, error)) {
    std::cerr << "netlint: --output: " << error << '\n';
    return kExitUsage;
  }
  if (flags.format == "sarif") {
    if (const std::size_t left_out = netlint::report::SarifResultsLeftOut(result, report_options)) {
      std::cerr << "netlint: " << left_out
                << " results were left out of the SARIF report to stay within "
                << report_options.max_sarif_results
                << " per run (GitHub code scanning's limit is 25,000); the most severe were "
                   "kept\n";
    }
  }
  if (flags.timings) PrintTimings(result, std::cerr);
  if (!result.usable_input) {
    std::cerr << kNoUsableInput;
    return kExitUsage;
  }
  return netlint::report::HasFailures(result, report_options.fail_on) ? kExitFindings
                                                                      : kExitClean;
}

// `netlint diff BASE HEAD`, `netlint diff --git-base REV [PATHS]` and, with `introduced_only`,
// `netlint check --git-base REV [PATHS]`: the latter reports the new findings through the
// check's reporters (and, in text, the opened flows), so CI keeps reading the format it knows.
int RunDiffCommand(const CheckFlags& flags, bool introduced_only, KeptUntilExit& kept) {
  namespace fs = std::filesystem;
  std::optional<netlint::engine::CheckOptions> built = BuildCheckOptions(flags);
  if (!built) return kExitUsage;
  netlint::diff::DiffOptions options;
  options.check = std::move(*built);
  std::unique_ptr<netlint::diff::GitSnapshot> snapshot;
  if (flags.git_base.empty()) {
    if (flags.paths.size() != 2) {
      std::cerr << "netlint: diff takes two inputs, BASE and HEAD (or --git-base REV and the "
                   "paths to compare)\n";
      return kExitUsage;
    }
    for (const std::string& path : flags.paths) {
      std::error_code ec;
      if (!fs::exists(path, ec)) {
        std::cerr << "netlint: no such file or folder: " << path << '\n';
        return kExitUsage;
      }
    }
    options.base.paths = {flags.paths[0]};
    options.head.paths = {flags.paths[1]};
  } else {
    options.head.paths = flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths;
    try {
      snapshot = std::make_unique<netlint::diff::GitSnapshot>(flags.git_base, options.head.paths);
    } catch (const std::runtime_error& error) {
      std::cerr << "netlint: " << error.what() << '\n';
      return kExitUsage;
    }
    options.base.paths = snapshot->paths();
    options.base.missing_is_empty = true;
    options.base_named_as_head = true;
  }

  try {
    kept.diff = std::make_unique<const netlint::diff::DiffResult>(netlint::diff::RunDiff(options));
  } catch (const std::runtime_error& error) {
    std::cerr << "netlint: " << error.what() << '\n';
    return kExitUsage;
  }
  const netlint::diff::DiffResult& result = *kept.diff;

  netlint::report::ReportOptions report_options;
  report_options.fail_on = *netlint::ParseSeverity(flags.fail_on);
  report_options.color = flags.format == "text" && UseColour(flags.colour);
  std::function<void(std::ostream&)> write;
  std::shared_ptr<const netlint::engine::CheckResult> introduced;
  if (introduced_only) {
    introduced = std::make_shared<const netlint::engine::CheckResult>(
        netlint::report::IntroducedFindings(result));
    std::shared_ptr<const netlint::report::Reporter> reporter = netlint::report::MakeReporter(
        *netlint::report::ParseOutputFormat(flags.format), report_options);
    write = [introduced, reporter](std::ostream& out) { reporter->Write(*introduced, out); };
  } else {
    const netlint::report::DiffFormat format = *netlint::report::ParseDiffFormat(flags.format);
    write = [&result, format, &report_options](std::ostream& out) {
      netlint::report::WriteDiff(result, format, report_options, out);
    };
  }
  if (flags.output.empty()) {
    write(std::cout);
    std::cout.flush();
  } else if (std::string error; !WriteReportFile(flags.output, write, error)) {
    std::cerr << "netlint: --output: " << error << '\n';
    return kExitUsage;
  }
  if (flags.timings) {
    const netlint::diff::DiffResult::Timings& t = result.timings;
    std::cerr << std::fixed << std::setprecision(3) << "timings (seconds): diff " << t.total
              << ": checks " << t.checks << " (base: load " << result.base->timings.load_seconds
              << ", rules " << result.base->timings.rules_seconds << "; head: load "
              << result.head->timings.load_seconds << ", rules "
              << result.head->timings.rules_seconds << "), pairing " << t.pairing
              << ", findings " << t.findings << ", flows " << t.flows << '\n';
  }
  // Either version may hold nothing (a change that adds or deletes every input), not both.
  if (!result.head->usable_input && !result.base->usable_input) {
    std::cerr << kNoUsableInput;
    return kExitUsage;
  }
  return netlint::report::DiffHasFailures(result, report_options.fail_on) ? kExitFindings
                                                                          : kExitClean;
}

int RunRuleCommand(const std::string& code_text, const std::string& format) {
  std::string code = code_text;
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  auto rule = netlint::rules::MakeRule(code);
  if (rule == nullptr) {
    std::cerr << "netlint: unknown rule '" << code_text << "'";
    if (const std::string hint = SuggestCode(code); !hint.empty()) {
      std::cerr << "; did you mean '" << hint << "'?";
    }
    std::cerr << '\n';
    return kExitUsage;
  }
  if (format == "json") {
    std::cout << netlint::report::RuleMetaJson(rule->Meta()) << '\n';
  } else {
    std::cout << netlint::report::RuleDocMarkdown(rule->Meta());
  }
  return kExitClean;
}

struct ReachFlags {
  std::vector<std::string> paths;
  TemplateParameterFlags parameters;
  std::string from;
  std::string to;
  std::optional<int> port;
  std::string protocol = "tcp";
  std::string format = "text";
  bool timings = false;
};

// Exit codes of `netlint reach`: 0 reachable, 1 not reachable, 3 unknown (2 stays usage).
constexpr int kExitUnknown = 3;

int RunReachCommand(const ReachFlags& flags, KeptUntilExit& kept) {
  const std::vector<std::string> paths =
      flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths;
  netlint::ingest::LoadOptions load_options;
  if (!flags.parameters.Read(load_options.template_parameters)) return kExitUsage;
  kept.reach = std::make_unique<const netlint::engine::LoadedModel>(
      netlint::engine::LoadModel(paths, load_options));
  const auto& loaded = *kept.reach;
  if (loaded.stats.files_recognised == 0) {
    std::cerr << kNoUsableInput;
    return kExitUsage;
  }
  const netlint::reach::Reachability& reachability = *loaded.reachability;
  // Query time covers resolving the names, every query and locating the trace's settings.
  const auto query_start = std::chrono::steady_clock::now();
  std::string error;
  const auto from = reachability.Resolve(flags.from, error);
  if (!from) {
    std::cerr << "netlint: --from: " << error << '\n';
    return kExitUsage;
  }
  const auto to = reachability.Resolve(flags.to, error);
  if (!to) {
    std::cerr << "netlint: --to: " << error << '\n';
    return kExitUsage;
  }
  netlint::reach::FlowSpec flow;
  flow.protocol = *netlint::model::Protocol::Parse(flags.protocol);
  const bool ipv6 = !from->address.v6.Empty() || !to->address.v6.Empty();
  if (ipv6 && (!from->address.v4.Empty() || !to->address.v4.Empty())) {
    std::cerr << "netlint: --from and --to are addresses of different families\n";
    return kExitUsage;
  }
  if (ipv6) flow.family = netlint::model::IpFamily::kV6;
  if (flow.protocol.HasPorts()) {
    if (!flags.port && to->kind != netlint::reach::Endpoint::Kind::kAwsService) {
      std::cerr << "netlint: --port is required for " << flags.protocol << '\n';
      return kExitUsage;
    }
    flow.port = static_cast<std::uint16_t>(flags.port.value_or(443));
  } else if (flags.port) {
    flow.port = static_cast<std::uint16_t>(*flags.port);
  }
  std::vector<netlint::reach::Endpoint> destinations;
  if (to->kind == netlint::reach::Endpoint::Kind::kAwsService) {
    for (const std::string& service :
         netlint::reach::Reachability::ExpandServiceName(to->service)) {
      destinations.push_back(netlint::reach::Endpoint::AwsService(service));
    }
  } else {
    destinations.push_back(*to);
  }
  std::vector<netlint::reach::Answer> answers;
  for (const auto& destination : destinations) {
    answers.push_back(reachability.Query(*from, destination, flow));
  }
  std::vector<netlint::SourceRef*> sources;
  for (auto& answer : answers) {
    for (auto& path : answer.paths) {
      for (auto& hop : path.hops) {
        for (auto& check : hop.checks) sources.push_back(&check.source);
      }
    }
  }
  netlint::engine::LocateSources(sources, loaded.files);
  const double query_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - query_start).count();
  netlint::report::ReportOptions options;
  if (flags.format == "json") {
    netlint::report::WriteAnswersJson(answers, loaded.files, options, std::cout);
  } else {
    netlint::report::WriteAnswersText(answers, loaded.files, options, std::cout);
  }
  std::cout.flush();
  if (flags.timings) {
    std::cerr << std::fixed << std::setprecision(4) << "timings (seconds): load "
              << loaded.load_seconds << ", model " << loaded.model_seconds << ", graph "
              << loaded.graph_seconds << ", query "
              << query_seconds << '\n';
  }
  netlint::reach::Verdict overall = netlint::reach::Verdict::kReachable;
  for (const auto& answer : answers) overall = netlint::reach::Worse(overall, answer.verdict);
  switch (overall) {
    case netlint::reach::Verdict::kReachable: return kExitClean;
    case netlint::reach::Verdict::kBlocked: return kExitFindings;
    case netlint::reach::Verdict::kUnknown: return kExitUnknown;
  }
  return kExitUnknown;
}

int Run(int argc, char** argv, KeptUntilExit& kept) {
  // Reports can be large: write them through a buffer, not one system call per character.
  std::ios::sync_with_stdio(false);
  CLI::App app{"netlint: a network policy linter and static analyzer for AWS networks"};
  app.set_version_flag("--version", std::string("netlint ") + NETLINT_VERSION);
  app.require_subcommand(1);

  CheckFlags check_flags;
  CLI::App* check = app.add_subcommand(
      "check", "Check AWS CLI describe-* JSON, CloudFormation templates and Terraform plans (files or folders) and report findings");
  check->add_option("paths", check_flags.paths, "Files or folders to check (default: .)");
  check->add_option("--format", check_flags.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "concise", "sarif", "github", "junit"}));
  check->add_option("--config", check_flags.config,
                    "Configuration file (default: the nearest .netlint.yaml upwards)");
  check->add_flag("--no-config", check_flags.no_config, "Ignore every .netlint.yaml");
  check->add_option("--baseline", check_flags.baseline,
                    "Report only findings that are not in this baseline file");
  check->add_option("--write-baseline", check_flags.write_baseline,
                    "Record this run's findings as a baseline file");
  check->add_option("--output", check_flags.output,
                    "Write the report to this file (atomically) instead of standard output");
  check->add_option("--fail-on", check_flags.fail_on,
                    "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  check->add_option("--select", check_flags.select,
                    "Only these rule codes or prefixes (comma-separated, e.g. SG,CIDR001)");
  check->add_option("--ignore", check_flags.ignore, "Skip these rule codes or prefixes");
  check->add_flag("--preview", check_flags.preview, "Also run rules in preview");
  check->add_option("--color", check_flags.colour, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_flag("--timings", check_flags.timings, "Print the time of each stage to stderr");
  check->add_option("--git-base", check_flags.git_base,
                    "Report only what the change from this git revision introduces: new "
                    "findings and newly opened flows");
  check_flags.parameters.AddTo(*check);

  CheckFlags diff_flags;
  CLI::App* diff_command = app.add_subcommand(
      "diff", "What a change does to the network: findings new, fixed and unchanged, flows "
              "opened and closed, between BASE and HEAD or a git revision and the work tree");
  diff_command->add_option("paths", diff_flags.paths,
                           "BASE and HEAD (files or folders); with --git-base, the paths to "
                           "compare (default: .)");
  diff_command->add_option("--git-base", diff_flags.git_base,
                           "Read the base version of the paths from this git revision");
  diff_command->add_option("--format", diff_flags.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}));
  diff_command->add_option("--config", diff_flags.config,
                           "Configuration file (default: the nearest .netlint.yaml upwards)");
  diff_command->add_flag("--no-config", diff_flags.no_config, "Ignore every .netlint.yaml");
  diff_command->add_option("--output", diff_flags.output,
                           "Write the report to this file (atomically) instead of standard "
                           "output");
  diff_command
      ->add_option("--fail-on", diff_flags.fail_on,
                   "Exit 1 when a new finding or an opened flow is at or above this severity "
                   "(a flow from the internet is an error, other opened flows notes)")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  diff_command->add_option("--select", diff_flags.select,
                           "Only these rule codes or prefixes (comma-separated, e.g. SG,CIDR001)");
  diff_command->add_option("--ignore", diff_flags.ignore, "Skip these rule codes or prefixes");
  diff_command->add_flag("--preview", diff_flags.preview, "Also run rules in preview");
  diff_command->add_option("--color", diff_flags.colour, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  diff_command->add_flag("--timings", diff_flags.timings, "Print the diff's time to stderr");
  diff_flags.parameters.AddTo(*diff_command);

  std::string rules_format = "text";
  CLI::App* rules_command = app.add_subcommand("rules", "List every rule");
  rules_command->add_option("--format", rules_format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}));

  std::string rule_code;
  std::string rule_format = "markdown";
  CLI::App* rule_command = app.add_subcommand("rule", "Explain one rule (its documentation)");
  rule_command->add_option("code", rule_code, "Rule code, e.g. SG001")->required();
  rule_command->add_option("--format", rule_format, "Output format")
      ->check(CLI::IsMember({"markdown", "json"}));

  ReachFlags reach_flags;
  CLI::App* reach_command = app.add_subcommand(
      "reach", "Can traffic get from one end to another? The answer, hop by hop");
  reach_command->add_option("paths", reach_flags.paths, "Files or folders to load (default: .)");
  reach_command
      ->add_option("--from", reach_flags.from,
                   "Source: a resource id, name or ARN, 'internet', or an IP address")
      ->required();
  reach_command
      ->add_option("--to", reach_flags.to,
                   "Destination: a resource id, name or ARN, 'internet', aws:SERVICE (aws:ecr, "
                   "aws:s3, aws:logs, ...) or an IP address")
      ->required();
  reach_command->add_option("--port", reach_flags.port, "Destination port (tcp/udp)")
      ->check(CLI::Range(0, 65535));
  reach_command
      ->add_option("--protocol", reach_flags.protocol,
                   "Protocol: tcp, udp, icmp or a protocol number 0-255")
      ->check([](const std::string& text) {
        const auto protocol = netlint::model::Protocol::Parse(text);
        return protocol && !protocol->IsAll() ? std::string()
                                              : "expected tcp, udp, icmp or a number 0-255";
      });
  reach_command->add_option("--format", reach_flags.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  reach_command->add_flag("--timings", reach_flags.timings,
                          "Print load, model and query time to stderr");
  reach_flags.parameters.AddTo(*reach_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitClean : kExitUsage;
  }

  try {
    if (check->parsed()) {
      if (!check_flags.git_base.empty()) {
        if (!check_flags.baseline.empty() || !check_flags.write_baseline.empty()) {
          std::cerr << "netlint: --git-base compares with a revision; it does not combine with "
                       "--baseline or --write-baseline\n";
          return kExitUsage;
        }
        return RunDiffCommand(check_flags, /*introduced_only=*/true, kept);
      }
      return RunCheckCommand(check_flags, kept);
    }
    if (diff_command->parsed()) return RunDiffCommand(diff_flags, /*introduced_only=*/false, kept);
    if (rules_command->parsed()) {
      netlint::report::WriteRuleList(std::cout, rules_format);
      return kExitClean;
    }
    if (rule_command->parsed()) return RunRuleCommand(rule_code, rule_format);
    if (reach_command->parsed()) return RunReachCommand(reach_flags, kept);
  } catch (const std::exception& error) {
    std::cerr << "netlint: internal error: " << error.what() << '\n';
    return kExitUsage;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  KeptUntilExit kept;
  const int code = Run(argc, argv, kept);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}
