#include "tests/support/golden.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "netlint/engine/engine.h"
#include "netlint/report/reporter.h"

namespace netlint::testing {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string CompareWithGolden(const std::filesystem::path& golden, const std::string& actual) {
  const char* update = std::getenv("NETLINT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    WriteFile(golden, actual);
    return {};
  }
  const std::string expected = ReadFile(golden);
  if (expected == actual) return {};
  return "golden file " + golden.string() + " differs (rerun with NETLINT_UPDATE_GOLDEN=1 to " +
         "accept)\n--- expected\n" + expected + "--- actual\n" + actual;
}

std::string RunConcise(const std::vector<std::string>& paths, const std::vector<std::string>& codes,
                       const std::filesystem::path& relative_to,
                       const std::filesystem::path& config) {
  engine::CheckOptions options;
  options.paths = paths;
  options.select = codes;
  options.preview = true;
  options.config_path = config.string();
  const engine::CheckResult result = engine::RunCheck(options);
  report::ReportOptions report_options;
  report_options.relative_to = relative_to.string();
  std::ostringstream out;
  report::MakeReporter(report::OutputFormat::kConcise, report_options)->Write(result, out);
  return std::move(out).str();
}

std::filesystem::path FixturesDir() { return NETLINT_FIXTURES_DIR; }

}  // namespace netlint::testing
