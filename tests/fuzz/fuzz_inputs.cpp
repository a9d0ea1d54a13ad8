#include "tests/fuzz/fuzz_inputs.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "netlint/base/diagnostics.h"
#include "netlint/config/config.h"
#include "netlint/engine/engine.h"
#include "netlint/model/address.h"
#include "netlint/model/traffic.h"
#include "netlint/rules/rule.h"

namespace netlint::fuzz {
namespace {

namespace fs = std::filesystem;

// One scratch folder per process, so parallel fuzzing jobs do not share files.
fs::path ScratchFile(const std::string& file_name) {
  const fs::path folder = fs::temp_directory_path() / ("netlint-fuzz-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  return folder / file_name;
}

void WriteBytes(const fs::path& path, std::span<const std::uint8_t> data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

[[noreturn]] void Broken(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s: %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

template <typename Value>
void CheckRoundTrip(std::string_view text, std::string_view what) {
  const std::optional<Value> value = Value::Parse(text);
  if (!value) return;
  const std::string printed = value->ToString();
  const std::optional<Value> again = Value::Parse(printed);
  if (!again || !(*again == *value)) Broken(what, printed);
}

}  // namespace

void CheckInputFile(std::span<const std::uint8_t> data, const std::string& file_name) {
  const fs::path path = ScratchFile(file_name);
  WriteBytes(path, data);
  engine::CheckOptions options;
  options.paths = {path.string()};
  options.preview = true;
  const engine::CheckResult result = engine::RunCheck(options);
  for (const rules::Finding& finding : result.findings) {
    if (finding.rule == "IN002") Broken("a rule failed", finding.message);
  }
}

void LoadConfigFile(std::span<const std::uint8_t> data) {
  const fs::path path = ScratchFile(".netlint.yaml");
  WriteBytes(path, data);
  FileTable files;
  DiagnosticSink diagnostics;
  (void)config::LoadConfig(path.string(), files, diagnostics);
}

void ParseValues(std::span<const std::uint8_t> data) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  CheckRoundTrip<model::Ipv4Address>(text, "IPv4 address");
  CheckRoundTrip<model::Ipv6Address>(text, "IPv6 address");
  CheckRoundTrip<model::Ipv4Prefix>(text, "IPv4 prefix");
  CheckRoundTrip<model::Ipv6Prefix>(text, "IPv6 prefix");
  if (const std::optional<model::Protocol> protocol = model::Protocol::Parse(text)) {
    const std::optional<model::Protocol> again = model::Protocol::Parse(protocol->Name());
    if (!again || *again != *protocol) Broken("protocol", protocol->Name());
  }
  const model::PortSet ports = rules::ParsePortList(text);
  // The set keeps sorted, disjoint, non-adjacent intervals: anything else is a broken set.
  const auto& intervals = ports.intervals();
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    if (intervals[i].first > intervals[i].last) Broken("port list", text);
    if (i > 0 && intervals[i - 1].last + 1 >= intervals[i].first) Broken("port list", text);
  }
}

bool RunTarget(std::string_view target, std::span<const std::uint8_t> data) {
  if (target == "describe_json") {
    CheckInputFile(data, "input.json");
  } else if (target == "cfn_template") {
    CheckInputFile(data, "template.yaml");
  } else if (target == "terraform_plan") {
    CheckInputFile(data, "plan.json");
  } else if (target == "config") {
    LoadConfigFile(data);
  } else if (target == "values") {
    ParseValues(data);
  } else {
    return false;
  }
  return true;
}

}  // namespace netlint::fuzz
