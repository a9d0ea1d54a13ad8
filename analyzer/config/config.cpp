#include "netlint/config/config.h"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "netlint/rules/registry.h"

namespace netlint::config {
namespace {

class Reader {
 public:
  Reader(FileId file, DiagnosticSink& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  SourceRef Where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return {file_, static_cast<std::uint32_t>(mark.line + 1),
            static_cast<std::uint32_t>(mark.column + 1), ""};
  }
  void Problem(const YAML::Node& node, std::string message) const {
    diagnostics_.Report("IN004", Severity::kWarning, "", "configuration: " + std::move(message),
                        Where(node));
  }
  std::optional<std::string> Scalar(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) {
      Problem(node, std::string(what) + " must be a single value");
      return std::nullopt;
    }
    return node.Scalar();
  }
  // A list of codes, or one code, or a comma-separated string of codes.
  std::vector<std::string> Codes(const YAML::Node& node, std::string_view what) const {
    std::vector<std::string> codes;
    auto add = [&](const YAML::Node& item) {
      if (auto text = Scalar(item, what)) {
        std::stringstream parts(*text);
        std::string part;
        while (std::getline(parts, part, ',')) {
          part.erase(0, part.find_first_not_of(" \t"));
          part.erase(part.find_last_not_of(" \t") + 1);
          if (part.empty()) continue;
          if (!KnownSelector(part)) Problem(item, "no rule code starts with '" + part + "'");
          codes.push_back(part);
        }
      }
    };
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) add(item);
    } else {
      add(node);
    }
    return codes;
  }

  static bool KnownSelector(std::string_view selector) {
    if (selector == "ALL") return true;
    for (const auto& rule : rules::AllRules()) {
      if (rule.code.substr(0, selector.size()) == selector) return true;
    }
    return false;
  }

 private:
  FileId file_;
  DiagnosticSink& diagnostics_;
};

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::filesystem::path FindConfig(const std::filesystem::path& start) {
  std::error_code ec;
  for (std::filesystem::path folder = std::filesystem::absolute(start, ec); !folder.empty();
       folder = folder.parent_path()) {
    const std::filesystem::path candidate = folder / ".netlint.yaml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (folder == folder.parent_path()) break;
  }
  return {};
}

std::string Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

std::optional<Config> LoadConfig(const std::string& path, FileTable& files,
                                 DiagnosticSink& diagnostics) {
  const FileId file = files.Add(path);
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::ParserException& error) {
    diagnostics.Report("IN001", Severity::kError, "", "configuration is not valid YAML: " + error.msg,
                       SourceRef{file, static_cast<std::uint32_t>(error.mark.line + 1),
                                 static_cast<std::uint32_t>(error.mark.column + 1), ""});
    return std::nullopt;
  } catch (const YAML::Exception& error) {
    diagnostics.Report("IN001", Severity::kError, "", "cannot read configuration: " + error.msg,
                       SourceRef{file, 0, 0, ""});
    return std::nullopt;
  }
  Config config;
  config.path = path;
  const Reader reader(file, diagnostics);
  if (root.IsNull()) return config;
  if (!root.IsMap()) {
    reader.Problem(root, "the configuration must be a mapping of settings");
    return config;
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "select") {
      config.select = reader.Codes(value, "select");
    } else if (key == "ignore") {
      config.ignore = reader.Codes(value, "ignore");
    } else if (key == "severity") {
      if (!value.IsMap()) {
        reader.Problem(value, "severity must map rule codes to error, warning or note");
        continue;
      }
      for (const auto& item : value) {
        const std::string code = item.first.Scalar();
        const auto severity = item.second.IsScalar() ? ParseSeverity(item.second.Scalar())
                                                     : std::nullopt;
        if (rules::MakeRule(code) == nullptr) {
          reader.Problem(item.first, "unknown rule code '" + code + "'");
        } else if (!severity) {
          reader.Problem(item.second, "severity of " + code + " must be error, warning or note");
        } else {
          config.severity[code] = *severity;
        }
      }
    } else if (key == "rules") {
      if (!value.IsMap()) {
        reader.Problem(value, "rules must map rule codes to their options");
        continue;
      }
      for (const auto& item : value) {
        const std::string code = item.first.Scalar();
        const auto rule = rules::MakeRule(code);
        if (rule == nullptr) {
          reader.Problem(item.first, "unknown rule code '" + code + "'");
          continue;
        }
        if (!item.second.IsMap()) {
          reader.Problem(item.second, "the options of " + code + " must be a mapping");
          continue;
        }
        for (const auto& option : item.second) {
          const std::string name = option.first.Scalar();
          bool known = false;
          for (const rules::RuleOption& documented : rule->Meta().options) {
            known = known || documented.name == name;
          }
          if (!known) {
            reader.Problem(option.first, code + " has no option '" + name + "'");
            continue;
          }
          if (option.second.IsSequence()) {
            std::string joined;
            for (const YAML::Node& part : option.second) {
              if (!joined.empty()) joined += ", ";
              joined += part.Scalar();
            }
            config.options[code][name] = joined;
          } else if (auto text = reader.Scalar(option.second, code + " " + name)) {
            config.options[code][name] = *text;
          }
        }
      }
    } else if (key == "ignores") {
      if (!value.IsSequence()) {
        reader.Problem(value, "ignores must be a list of {rule, resource, reason, expires}");
        continue;
      }
      for (const YAML::Node& item : value) {
        if (!item.IsMap()) {
          reader.Problem(item, "an ignore entry must be a mapping");
          continue;
        }
        IgnoreEntry ignore;
        ignore.source = reader.Where(item);
        for (const auto& field : item) {
          const std::string name = field.first.Scalar();
          auto text = reader.Scalar(field.second, "ignore " + name);
          if (!text) continue;
          if (name == "rule") {
            ignore.rule = *text;
            if (!Reader::KnownSelector(*text)) {
              reader.Problem(field.second, "no rule code starts with '" + *text + "'");
            }
          } else if (name == "resource") {
            ignore.resource = *text;
          } else if (name == "reason") {
            ignore.reason = *text;
          } else if (name == "expires") {
            ignore.expires = *text;
            if (!IsDate(*text)) reader.Problem(field.second, "expires must be a date, YYYY-MM-DD");
          } else {
            reader.Problem(field.first, "unknown key '" + name +
                                            "' in an ignore entry (rule, resource, reason, expires)");
          }
        }
        if (ignore.rule.empty()) {
          reader.Problem(item, "an ignore entry needs a rule");
          continue;
        }
        if (ignore.reason.empty()) {
          reader.Problem(item, "an ignore entry needs a reason: say why the finding is accepted");
          continue;
        }
        config.ignores.push_back(std::move(ignore));
      }
    } else {
      reader.Problem(entry.first, "unknown setting '" + key +
                                      "' (select, ignore, severity, rules, ignores)");
    }
  }
  return config;
}

}  // namespace netlint::config
