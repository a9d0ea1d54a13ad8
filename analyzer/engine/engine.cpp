#include "netlint/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <charconv>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <fstream>
#include <map>
#include <optional>

#include "analyzer/base/parallel.h"
#include "analyzer/engine/inline_suppressions.h"
#include "analyzer/ingest/cfn/template_adapter.h"
#include "analyzer/ingest/cfn/template_tree.h"
#include "analyzer/ingest/json/json_locator.h"
#include "analyzer/ingest/mapped_file.h"
#include "analyzer/ingest/text_decoding.h"
#include <nlohmann/json.hpp>

#include "netlint/config/config.h"
#include "netlint/report/fingerprint.h"
#include "netlint/model/validate.h"
#include "netlint/rules/registry.h"

namespace netlint::engine {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool MatchesSelector(std::string_view code, std::string_view selector) {
  return selector == "ALL" || code.substr(0, selector.size()) == selector;
}

bool AnyMatches(std::string_view code, const std::vector<std::string>& selectors) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& selector) { return MatchesSelector(code, selector); });
}

rules::Finding FindingFromDiagnostic(Diagnostic diagnostic) {
  rules::Finding finding;
  finding.rule = std::move(diagnostic.code);
  finding.severity = diagnostic.severity;
  finding.resource = std::move(diagnostic.resource);
  finding.message = std::move(diagnostic.message);
  finding.source = std::move(diagnostic.source);
  return finding;
}

void LocateFindingSources(std::vector<rules::Finding>& findings, const FileTable& files) {
  std::vector<SourceRef*> sources;
  for (rules::Finding& finding : findings) {
    sources.push_back(&finding.source);
    for (rules::Related& related : finding.related) sources.push_back(&related.source);
    for (reach::Hop& hop : finding.path) {
      for (reach::Check& check : hop.checks) sources.push_back(&check.source);
    }
  }
  LocateSources(sources, files);
}

void SortFindings(std::vector<rules::Finding>& findings, const FileTable& files) {
  auto key = [&](const rules::Finding& f) {
    return std::make_tuple(f.source.HasFile() ? files.Path(f.source.file) : std::string(),
                           f.source.line, f.source.column, std::string_view(f.rule),
                           std::string_view(f.resource), std::string_view(f.message));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const rules::Finding& a, const rules::Finding& b) {
                     return key(a) < key(b);
                   });
}

}  // namespace

// Fills in line and column for sources that only have a JSON Pointer. Files are visited one at a
// time, each read once and released before the next, so locating findings in a large estate
// never holds more than one input file in memory.
namespace {

// RFC 6901 reference tokens of a pointer, unescaped.
std::vector<std::string> PointerTokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::size_t pos = 0;
  while (pos < pointer.size() && pointer[pos] == '/') {
    const std::size_t next = pointer.find('/', pos + 1);
    std::string token(pointer.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos
                                                                             : next - pos - 1));
    std::string unescaped;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size()) {
        unescaped += token[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        unescaped += token[i];
      }
    }
    tokens.push_back(std::move(unescaped));
    if (next == std::string_view::npos) break;
    pos = next;
  }
  return tokens;
}

std::optional<std::size_t> IndexToken(const std::string& token) {
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return index;
}

// Locates a source inside its record alone, when loading noted where the record lies: reads a
// few hundred bytes instead of the whole file. Returns false when the record is not known.
bool LocateInRecord(SourceRef& source, const FileTable& files, std::ifstream& file) {
  const std::vector<std::string> tokens = PointerTokens(source.pointer);
  if (tokens.empty()) return false;
  const RecordPlace* place = nullptr;
  std::size_t consumed = 0;
  if (auto index = IndexToken(tokens[0])) {
    place = files.FindRecord(source.file, "", *index);
    consumed = 1;
  }
  if (place == nullptr && tokens.size() >= 2) {
    if (auto index = IndexToken(tokens[1])) {
      place = files.FindRecord(source.file, tokens[0], *index);
      consumed = 2;
    }
  }
  if (place == nullptr) return false;
  std::string record(place->length, '\0');
  file.clear();
  file.seekg(static_cast<std::streamoff>(place->offset));
  if (!file.read(record.data(), static_cast<std::streamsize>(record.size()))) return false;
  std::string rest;
  for (std::size_t i = consumed; i < tokens.size(); ++i) rest += "/" + EscapePointerToken(tokens[i]);
  ingest::JsonLocator locator(std::move(record));
  const std::optional<std::size_t> offset = locator.Offset(rest);
  if (!offset) return false;
  const auto [line, column] = locator.LineColumns({*offset}).front();
  source.line = place->line + line - 1;
  source.column = line == 1 ? place->column + column - 1 : column;
  return true;
}

// CloudFormation templates (YAML, or JSON read as YAML) are located in their parsed tree, which
// also finds a resource's property when a rule names it as a child of the resource.
void LocateInTemplate(const std::string& text, const std::vector<SourceRef*>& sources) {
  auto in_template = [](const SourceRef* source) {
    return source->pointer.rfind("/Resources/", 0) == 0;
  };
  if (std::none_of(sources.begin(), sources.end(), in_template)) return;
  const ingest::cfn::TreeParse parsed = ingest::cfn::ParseTree(text);
  if (!parsed.root || !ingest::cfn::IsTemplate(*parsed.root)) return;
  for (SourceRef* source : sources) {
    if (!in_template(source)) continue;
    if (auto position = ingest::cfn::LocateInTree(*parsed.root, PointerTokens(source->pointer))) {
      std::tie(source->line, source->column) = *position;
    }
  }
}

// The sources not located yet, by walking the JSON text of their file.
void LocateInJson(ingest::JsonLocator&& locator, const std::vector<SourceRef*>& sources) {
  std::vector<std::size_t> offsets;
  std::vector<SourceRef*> located;
  offsets.reserve(sources.size());
  for (SourceRef* source : sources) {
    if (source->line != 0) continue;
    if (auto offset = locator.Offset(source->pointer)) {
      offsets.push_back(*offset);
      located.push_back(source);
    }
  }
  const auto positions = locator.LineColumns(offsets);
  for (std::size_t k = 0; k < located.size(); ++k) {
    std::tie(located[k]->line, located[k]->column) = positions[k];
  }
}

}  // namespace

void LocateSources(const std::vector<SourceRef*>& sources, const FileTable& files) {
  std::map<FileId, std::vector<SourceRef*>> by_file;
  for (SourceRef* source : sources) {
    if (source->HasFile() && source->line == 0 && !source->pointer.empty()) {
      if (const SourceRef* elsewhere = files.FindRedirect(source->file, source->pointer)) {
        *source = *elsewhere;
        continue;
      }
      by_file[source->file].push_back(source);
    }
  }
  // Records whose place loading noted are read alone; the rest by walking the whole file.
  std::vector<std::pair<FileId, std::vector<SourceRef*>>> placed(by_file.begin(), by_file.end());
  ParallelFor(placed.size(), [&](std::size_t i) {
    auto& [file_id, file_sources] = placed[i];
    std::ifstream file(files.Path(file_id), std::ios::binary);
    std::vector<SourceRef*> rest;
    for (SourceRef* source : file_sources) {
      if (!file || !LocateInRecord(*source, files, file)) rest.push_back(source);
    }
    file_sources = std::move(rest);
  });
  by_file.clear();
  for (auto& [file_id, file_sources] : placed) {
    if (!file_sources.empty()) by_file[file_id] = std::move(file_sources);
  }
  std::vector<std::pair<FileId, std::vector<SourceRef*>>> work(by_file.begin(), by_file.end());
  ParallelFor(work.size(), [&](std::size_t i) {
    auto& [file, file_sources] = work[i];
    std::string text;
    std::string error;
    std::error_code ec;
    if (std::filesystem::file_size(files.Path(file), ec) > ingest::kLargestWholeFile && !ec) {
      // Only a Terraform plan is read from a file this large (from a mapping): locate in one
      // too, when it is plain UTF-8 as plans are.
      std::optional<ingest::MappedFile> mapping = ingest::MappedFile::Open(files.Path(file));
      if (!mapping || mapping->text().starts_with("\xEF\xBB\xBF") ||
          mapping->text().substr(0, std::size_t{64} * 1024).find('\0') != std::string_view::npos) {
        return;
      }
      LocateInJson(ingest::JsonLocator::Over(mapping->text()), file_sources);
      return;
    }
    if (ingest::ReadWholeFile(files.Path(file), text, error) != ingest::ReadStatus::kRead ||
        !ingest::NormaliseEncoding(text)) {
      return;
    }
    LocateInTemplate(text, file_sources);
    LocateInJson(ingest::JsonLocator(std::move(text)), file_sources);
  });
}

void LocateFindings(std::vector<rules::Finding>& findings, const FileTable& files) {
  LocateFindingSources(findings, files);
  SortFindings(findings, files);
}

namespace {

// Drops the findings a configuration's ignore entries accept, counting them; an entry past its
// expiry date no longer applies and says so, at its line in the configuration.
void ApplyIgnores(const config::Config& configuration, CheckResult& result) {
  const std::string today = config::Today();
  std::vector<const config::IgnoreEntry*> active;
  for (const config::IgnoreEntry& entry : configuration.ignores) {
    if (!entry.expires.empty() && entry.expires < today) {
      rules::Finding expired;
      expired.rule = "IN004";
      expired.severity = Severity::kWarning;
      expired.message = "configuration: the ignore entry for " + entry.rule +
                        (entry.resource.empty() ? "" : " on " + entry.resource) +
                        " expired on " + entry.expires + "; its findings are reported again";
      expired.source = entry.source;
      result.findings.push_back(std::move(expired));
      continue;
    }
    active.push_back(&entry);
  }
  std::vector<rules::Finding> kept;
  for (rules::Finding& finding : result.findings) {
    const auto entry = std::find_if(active.begin(), active.end(), [&](const auto* candidate) {
      return MatchesSelector(finding.rule, candidate->rule) &&
             (candidate->resource.empty() || candidate->resource == finding.resource ||
              candidate->resource == finding.resource_name);
    });
    if (entry == active.end()) {
      kept.push_back(std::move(finding));
    } else {
      ++result.summary.suppressed;
      result.suppressed.push_back({std::move(finding), (*entry)->reason});
    }
  }
  result.findings = std::move(kept);
}

// Drops the findings the resources' own definitions accept (CloudFormation Metadata, the
// netlint:ignore tag), counting them; suppressions that cannot apply are reported as IN004.
void ApplyInlineSuppressions(const model::Network& network, bool report_problems,
                             CheckResult& result) {
  std::vector<rules::Finding> problems;
  const InlineSuppressions suppressions(network, problems);
  if (report_problems) {
    for (rules::Finding& problem : problems) result.findings.push_back(std::move(problem));
  }
  if (suppressions.empty()) return;
  std::vector<rules::Finding> kept;
  for (rules::Finding& finding : result.findings) {
    if (const model::InlineSuppression* suppression = suppressions.Find(finding)) {
      ++result.summary.suppressed;
      result.suppressed.push_back({std::move(finding), suppression->reason, true});
    } else {
      kept.push_back(std::move(finding));
    }
  }
  result.findings = std::move(kept);
}

// A finding's file for its fingerprint: relative to the working folder, where netlint runs in
// CI, so a baseline written on one machine holds on another.
std::string BaselineFile(const rules::Finding& finding, const FileTable& files) {
  if (!finding.source.HasFile()) return {};
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(files.Path(finding.source.file), ec);
  return absolute.lexically_relative(std::filesystem::current_path(ec)).generic_string();
}

// The fingerprints of a baseline file: {"version": "1", "fingerprints": ["...", ...]}.
std::set<std::string> ReadBaseline(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read the baseline " + path);
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(file);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error("the baseline " + path + " is not JSON: " + error.what());
  }
  if (!document.is_object() || !document.contains("fingerprints") ||
      !document["fingerprints"].is_array()) {
    throw std::runtime_error("the baseline " + path +
                             " has no \"fingerprints\" list (write one with --write-baseline)");
  }
  std::set<std::string> fingerprints;
  for (const auto& entry : document["fingerprints"]) {
    if (entry.is_string()) fingerprints.insert(entry.get<std::string>());
  }
  return fingerprints;
}

}  // namespace

void WriteBaseline(const std::string& path, const CheckResult& result) {
  std::set<std::string> fingerprints;
  for (const rules::Finding& finding : result.findings) {
    fingerprints.insert(report::FindingFingerprint(finding, BaselineFile(finding, result.files)));
  }
  nlohmann::json document{{"version", "1"},
                          {"tool", "netlint"},
                          {"fingerprints", std::vector<std::string>(fingerprints.begin(),
                                                                    fingerprints.end())}};
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << document.dump(2) << '\n';
    if (!out) throw std::runtime_error("cannot write the baseline " + path);
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw std::runtime_error("cannot write the baseline " + path + ": " + ec.message());
}

LoadedModel LoadModel(const std::vector<std::string>& paths, const ingest::LoadOptions& options) {
  LoadedModel loaded;
  loaded.network = std::make_shared<model::Network>();
  model::Network& network = *loaded.network;
  DiagnosticSink diagnostics;
  auto stage_start = Clock::now();
  loaded.stats = ingest::LoadInputs(paths, network, loaded.files, diagnostics, options);
  loaded.load_seconds = SecondsSince(stage_start);
  stage_start = Clock::now();
  network.Freeze();
  loaded.topology = std::make_unique<model::Topology>(network);
  model::ValidateReferences(*loaded.topology, diagnostics);
  loaded.model_seconds = SecondsSince(stage_start);
  stage_start = Clock::now();
  loaded.reachability = std::make_unique<reach::Reachability>(*loaded.topology);
  loaded.graph_seconds = SecondsSince(stage_start);
  for (Diagnostic& diagnostic : diagnostics.Take()) {
    loaded.input_findings.push_back(FindingFromDiagnostic(std::move(diagnostic)));
  }
  return loaded;
}

std::vector<std::string> SelectRuleCodes(const CheckOptions& options,
                                         std::vector<std::string>& unknown) {
  auto known_selector = [](const std::string& selector) {
    if (selector == "ALL") return true;
    return std::any_of(rules::AllRules().begin(), rules::AllRules().end(),
                       [&](const rules::RegisteredRule& rule) {
                         return MatchesSelector(rule.code, selector);
                       });
  };
  for (const auto* list : {&options.select, &options.ignore}) {
    for (const std::string& selector : *list) {
      if (!known_selector(selector)) unknown.push_back(selector);
    }
  }
  std::vector<std::string> codes;
  for (const auto& rule : rules::MakeAllRules()) {
    const rules::RuleMeta& meta = rule->Meta();
    // Reported from two versions by `netlint diff`, never by checking one.
    if (meta.compares_versions) continue;
    const bool exact_select =
        std::find(options.select.begin(), options.select.end(), meta.code) != options.select.end();
    if (meta.status == rules::RuleStatus::kPreview && !options.preview && !exact_select) continue;
    if (!options.select.empty() && !AnyMatches(meta.code, options.select)) continue;
    if (AnyMatches(meta.code, options.ignore)) continue;
    codes.emplace_back(meta.code);
  }
  return codes;
}

bool SelectsRule(const CheckOptions& options, const config::Config* configuration,
                 std::string_view code) {
  const std::vector<std::string>& select =
      options.select.empty() && configuration != nullptr ? configuration->select : options.select;
  const std::vector<std::string>& ignore =
      options.ignore.empty() && configuration != nullptr ? configuration->ignore : options.ignore;
  return (select.empty() || AnyMatches(code, select)) && !AnyMatches(code, ignore);
}

std::vector<rules::Finding> RunRule(const rules::Rule& rule,
                                    const rules::AnalysisContext& context) {
  rules::FindingSink sink(rule.Meta());
  try {
    rule.Check(context, sink);
    return sink.Take();
  } catch (const std::exception& error) {
    // Reported even when IN002 is not selected: a missing rule must never look like a pass.
    rules::Finding failure;
    failure.rule = "IN002";
    failure.severity = Severity::kError;
    failure.message = "rule " + std::string(rule.Meta().code) +
                      " failed and its findings are missing: " + error.what();
    return {failure};
  } catch (...) {
    rules::Finding failure;
    failure.rule = "IN002";
    failure.severity = Severity::kError;
    failure.message = "rule " + std::string(rule.Meta().code) +
                      " failed with an unknown error and its findings are missing";
    return {failure};
  }
}

CheckResult RunCheck(const CheckOptions& options) {
  CheckResult result;
  LoadedModel loaded = LoadModel(options.paths, options.load);
  result.files = std::move(loaded.files);
  result.timings.load_seconds = loaded.load_seconds;
  result.timings.model_seconds = loaded.model_seconds;
  result.timings.graph_seconds = loaded.graph_seconds;
  result.summary.files_seen = loaded.stats.files_seen;
  result.summary.files_recognised = loaded.stats.files_recognised;
  result.usable_input = loaded.stats.files_recognised > 0;
  const model::Network& network = *loaded.network;
  const model::Topology& topology = *loaded.topology;
  result.summary.resources = network.ResourceCount();
  auto stage_start = Clock::now();

  // The configuration: its findings (unknown keys, ...) go with the input's.
  std::optional<config::Config> configuration;
  if (!options.config_path.empty()) {
    DiagnosticSink config_problems;
    configuration = config::LoadConfig(options.config_path, result.files, config_problems);
    for (Diagnostic& problem : config_problems.Take()) {
      loaded.input_findings.push_back(FindingFromDiagnostic(std::move(problem)));
    }
  }
  CheckOptions effective = options;
  if (configuration) {
    if (effective.select.empty()) effective.select = configuration->select;
    if (effective.ignore.empty()) effective.ignore = configuration->ignore;
  }
  std::vector<std::string> unknown_selectors;
  const std::vector<std::string> selected = SelectRuleCodes(effective, unknown_selectors);
  auto is_selected = [&](std::string_view code) {
    return std::find(selected.begin(), selected.end(), code) != selected.end();
  };

  for (rules::Finding& finding : loaded.input_findings) {
    if (is_selected(finding.rule)) result.findings.push_back(std::move(finding));
  }

  // Rules only read the model, so they run side by side; their findings are gathered in code
  // order, which keeps the output independent of the number of threads.
  struct RuleRun {
    std::vector<rules::Finding> findings;
    double seconds = 0;
  };
  std::vector<RuleRun> runs(selected.size());
  ParallelFor(selected.size(), [&](std::size_t i) {
    const auto rule_start = Clock::now();
    std::unique_ptr<rules::Rule> rule = rules::MakeRule(selected[i]);
    const rules::RuleMeta& meta = rule->Meta();
    std::map<std::string, std::string, std::less<>> values;
    if (configuration) {
      if (auto found = configuration->options.find(meta.code);
          found != configuration->options.end()) {
        values = found->second;
      }
    }
    const rules::RuleOptions rule_options(meta, std::move(values));
    const rules::AnalysisContext context{
        network, topology, rule_options, loaded.reachability.get(),
        configuration ? std::span<const config::Policy>(configuration->policies)
                      : std::span<const config::Policy>()};
    runs[i].findings = RunRule(*rule, context);
    if (configuration) {
      if (auto severity = configuration->severity.find(meta.code);
          severity != configuration->severity.end()) {
        // Only the rule's own findings: a policy rule also reports selectors it cannot use.
        for (rules::Finding& finding : runs[i].findings) {
          if (finding.rule == meta.code) finding.severity = severity->second;
        }
      }
    }
    runs[i].seconds = SecondsSince(rule_start);
  });
  for (std::size_t i = 0; i < selected.size(); ++i) {
    ++result.summary.rules_run;
    for (rules::Finding& finding : runs[i].findings) result.findings.push_back(std::move(finding));
    result.timings.per_rule.emplace_back(selected[i], runs[i].seconds);
  }
  result.timings.rules_seconds = SecondsSince(stage_start);
  stage_start = Clock::now();

  ApplyInlineSuppressions(network, is_selected("IN004"), result);
  if (configuration) ApplyIgnores(*configuration, result);
  if (!options.baseline_path.empty()) {
    const std::set<std::string> known = ReadBaseline(options.baseline_path);
    std::erase_if(result.findings, [&](const rules::Finding& finding) {
      const bool old = known.count(report::FindingFingerprint(finding, BaselineFile(finding, result.files))) != 0;
      if (old) ++result.summary.baselined;
      return old;
    });
  }
  if (options.locate) {
    LocateFindingSources(result.findings, result.files);
    std::vector<rules::Finding> accepted;
    for (auto& entry : result.suppressed) accepted.push_back(std::move(entry.finding));
    LocateFindingSources(accepted, result.files);
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      result.suppressed[i].finding = std::move(accepted[i]);
    }
  }
  SortFindings(result.findings, result.files);
  result.timings.locate_seconds = SecondsSince(stage_start);
  result.network = loaded.network;
  if (configuration) result.configuration = std::make_shared<const config::Config>(std::move(*configuration));
  result.analysis = std::make_shared<LoadedModel>(std::move(loaded));
  // The reachability engine and topology point into the network; the result keeps the network
  // alive, so they may go now.
  for (const rules::Finding& finding : result.findings) {
    ++result.summary.by_severity[static_cast<std::size_t>(finding.severity)];
  }
  return result;
}

}  // namespace netlint::engine
