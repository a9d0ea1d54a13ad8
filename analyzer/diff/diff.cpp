#include "netlint/diff/diff.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <string_view>
#include <unordered_map>

#include "analyzer/diff/resource_entries.h"

namespace netlint::diff {
namespace {

namespace fs = std::filesystem;

std::string MappedId(const std::string& id, const Renames* renames) {
  if (renames != nullptr) {
    if (const auto found = renames->find(id); found != renames->end()) return found->second;
  }
  return id;
}

// Where each resource's own record starts, per file: a finding's JSON Pointer below a record is
// written relative to the resource, so that the identity survives renaming the logical id that
// the pointer spells out (CloudFormation's /Resources/<id>) and moving the record in its file
// (a describe snapshot's /SecurityGroups/<index>).
class RecordIndex {
 public:
  RecordIndex(const model::Network& network, const Renames* renames) : renames_(renames) {
    const std::vector<ResourceEntry> entries = ResourceEntries(network);
    records_.reserve(entries.size());
    for (const ResourceEntry& entry : entries) {
      const SourceRef& source = entry.resource->source;
      if (!source.HasFile() || source.pointer.empty()) continue;
      records_.emplace(Place{source.file, source.pointer}, entry);
    }
  }

  // The pointer with the longest record prefix replaced by the record's resource.
  [[nodiscard]] std::string Relative(const SourceRef& source) const {
    if (!source.HasFile() || source.pointer.empty()) return source.pointer;
    const std::string_view pointer = source.pointer;
    // Candidate prefixes, longest first: the whole pointer, then up to each '/'.
    for (std::size_t end = pointer.size(); end != 0 && end != std::string_view::npos;
         end = pointer.rfind('/', end - 1)) {
      if (const auto found = records_.find(Place{source.file, pointer.substr(0, end)});
          found != records_.end()) {
        const ResourceEntry& entry = found->second;
        std::string relative = "@";
        relative += model::ResourceKindName(entry.kind);
        relative += ':';
        relative += MappedId(entry.resource->id, renames_);
        relative += pointer.substr(end);
        return relative;
      }
    }
    return source.pointer;
  }

 private:
  // A record's place: views into the network's sources, which outlive the index.
  struct Place {
    FileId file;
    std::string_view pointer;
    friend bool operator==(const Place&, const Place&) = default;
  };
  struct PlaceHash {
    std::size_t operator()(const Place& place) const {
      return std::hash<std::string_view>{}(place.pointer) * 31U + place.file;
    }
  };
  const Renames* renames_;
  std::unordered_map<Place, ResourceEntry, PlaceHash> records_;
};

struct Identities {
  std::string exact;  // where the finding points, relative to its resource
  std::string loose;  // what it says, for findings whose place shifted inside the resource
  // Where it points in its resource, whatever the file: for a resource moved to another file
  // of the same version (a template split in two). Empty for findings about no resource.
  std::string moved;
};

Identities IdentityOf(const rules::Finding& finding, const std::vector<std::string>& file_keys,
                      const RecordIndex& records, const Renames* renames) {
  std::string common = finding.rule;
  const auto add = [&](std::string& text, std::string_view part) {
    text += std::to_string(part.size());
    text += ':';
    text += part;
  };
  add(common, finding.resource_kind);
  add(common, MappedId(finding.resource, renames));
  add(common, finding.key);
  std::string moved = finding.resource.empty() ? std::string() : common;
  add(common, finding.source.HasFile() && finding.source.file < file_keys.size()
                  ? file_keys[finding.source.file]
                  : std::string());
  Identities identities{common, common, std::move(moved)};
  if (!identities.moved.empty()) add(identities.moved, records.Relative(finding.source));
  add(identities.exact, records.Relative(finding.source));
  if (finding.resource.empty()) add(identities.exact, finding.message);
  add(identities.loose, finding.message);
  return identities;
}

// Marks head findings matched by base findings under one identity; unmatched ones stay open.
// An empty identity matches nothing.
void MatchBy(const std::vector<std::string>& base_keys, std::vector<bool>& base_matched,
             const std::vector<std::string>& head_keys, std::vector<bool>& head_matched,
             std::size_t& matched) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> open;
  for (std::size_t i = head_keys.size(); i-- > 0;) {
    if (!head_matched[i] && !head_keys[i].empty()) open[head_keys[i]].push_back(i);
  }
  for (std::size_t i = 0; i < base_keys.size(); ++i) {
    if (base_matched[i] || base_keys[i].empty()) continue;
    const auto found = open.find(base_keys[i]);
    if (found == open.end() || found->second.empty()) continue;
    head_matched[found->second.back()] = true;
    found->second.pop_back();
    base_matched[i] = true;
    ++matched;
  }
}

// The name of each file of a check under which it is the same file in the other version: the
// position of the input path it was found under and its path below that input (empty when the
// input is the file itself). Files outside every input (a configuration) are named by their
// path.
std::vector<std::string> FileKeys(const FileTable& files, const std::vector<std::string>& inputs) {
  std::error_code ec;
  std::vector<fs::path> roots;
  roots.reserve(inputs.size());
  for (const std::string& input : inputs)
    roots.push_back(fs::absolute(input, ec).lexically_normal());
  std::vector<std::string> keys;
  for (FileId id = 0; id < files.size(); ++id) {
    const fs::path file = fs::absolute(files.Path(id), ec).lexically_normal();
    std::string key = "path:" + files.Path(id);
    for (std::size_t i = 0; i < roots.size(); ++i) {
      const fs::path relative = file.lexically_relative(roots[i]);
      if (relative.empty()) continue;
      const std::string text = relative.generic_string();
      if (text == ".." || text.rfind("../", 0) == 0) continue;
      key = std::to_string(i) + ":" + (text == "." ? std::string() : text);
      break;
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

// RunCheck hands its file table to the result and keeps the rest of the loaded model in
// `analysis`. The flow diff reads the model with its own table (to locate traces), so a copy of
// the table is put back; the object was created mutable, only the handle is const.
engine::LoadedModel& ModelOf(engine::CheckResult& result) {
  auto model = std::const_pointer_cast<engine::LoadedModel>(
      std::static_pointer_cast<const engine::LoadedModel>(result.analysis));
  model->files = result.files;
  return *model;
}

// The base's files under the names of the head paths they were copied from.
FileTable NamedAsHead(const std::vector<std::string>& base_keys, const FileTable& base_files,
                      const std::vector<std::string>& head_paths) {
  FileTable named;
  for (FileId id = 0; id < base_files.size(); ++id) {
    const std::string& key = base_keys[id];
    const std::size_t colon = key.find(':');
    std::size_t input = head_paths.size();
    if (colon != std::string::npos && colon > 0 && key.find_first_not_of("0123456789") == colon) {
      input = std::stoul(key.substr(0, colon));
    }
    if (input < head_paths.size()) {
      const std::string below = key.substr(colon + 1);
      named.Add(below.empty() ? head_paths[input]
                              : (fs::path(head_paths[input]) / below).generic_string());
    } else {
      named.Add(base_files.Path(id));
    }
  }
  return named;
}

constexpr std::string_view kOpenedFlowRule = "REACH005";

// What head's configuration says of REACH005: its severity, and ignore entries for it that
// have not expired (an expired one is reported by the check itself), on an end of the flow or
// on every flow.
void ApplyConfiguration(const config::Config& configuration, DiffResult& result) {
  if (auto severity = configuration.severity.find(kOpenedFlowRule);
      severity != configuration.severity.end()) {
    result.opened_flow_severity = severity->second;
  }
  const std::string today = config::Today();
  std::vector<const config::IgnoreEntry*> entries;
  for (const config::IgnoreEntry& entry : configuration.ignores) {
    const bool rule = entry.rule == "ALL" || kOpenedFlowRule.starts_with(entry.rule);
    if (rule && (entry.expires.empty() || entry.expires >= today)) entries.push_back(&entry);
  }
  if (entries.empty()) return;
  const auto accepted = [&](const Flow& flow) {
    return std::any_of(entries.begin(), entries.end(), [&](const config::IgnoreEntry* entry) {
      return entry->resource.empty() || entry->resource == flow.from ||
             entry->resource == flow.to;
    });
  };
  result.flows_suppressed = static_cast<std::size_t>(std::erase_if(result.flows.opened, accepted));
}

void LocateTraces(std::vector<Flow>& flows, const FileTable& files) {
  std::vector<SourceRef*> sources;
  for (Flow& flow : flows) {
    for (reach::Hop& hop : flow.trace.hops) {
      for (reach::Check& check : hop.checks) sources.push_back(&check.source);
    }
  }
  engine::LocateSources(sources, files);
}

}  // namespace

FindingsDiff DiffFindings(const engine::CheckResult& base,
                          const std::vector<std::string>& base_file_keys,
                          const engine::CheckResult& head,
                          const std::vector<std::string>& head_file_keys, const Renames& renames) {
  const model::Network empty;
  const RecordIndex base_records(base.network ? *base.network : empty, &renames);
  const RecordIndex head_records(head.network ? *head.network : empty, nullptr);
  std::vector<std::string> base_exact;
  std::vector<std::string> base_loose;
  std::vector<std::string> base_moved;
  for (const rules::Finding& finding : base.findings) {
    Identities identities = IdentityOf(finding, base_file_keys, base_records, &renames);
    base_exact.push_back(std::move(identities.exact));
    base_loose.push_back(std::move(identities.loose));
    base_moved.push_back(std::move(identities.moved));
  }
  std::vector<std::string> head_exact;
  std::vector<std::string> head_loose;
  std::vector<std::string> head_moved;
  for (const rules::Finding& finding : head.findings) {
    Identities identities = IdentityOf(finding, head_file_keys, head_records, nullptr);
    head_exact.push_back(std::move(identities.exact));
    head_loose.push_back(std::move(identities.loose));
    head_moved.push_back(std::move(identities.moved));
  }
  FindingsDiff diff;
  std::vector<bool> base_matched(base.findings.size());
  std::vector<bool> head_matched(head.findings.size());
  MatchBy(base_exact, base_matched, head_exact, head_matched, diff.unchanged);
  MatchBy(base_loose, base_matched, head_loose, head_matched, diff.unchanged);
  // A resource moved to another file keeps its findings. Findings about no resource never pair
  // across files (their identity is empty, and empty identities are skipped).
  MatchBy(base_moved, base_matched, head_moved, head_matched, diff.unchanged);
  // IN003's note about the input as a whole ("2 references to VPCs could not be checked") is
  // placed at the first resource it counts, which a move changes: it pairs by what it says.
  // Other input findings keep their file (a parse error in a new file is new).
  const auto input_note = [](const rules::Finding& finding) {
    return finding.rule == "IN003" ? finding.rule + '\x1f' + finding.message : std::string();
  };
  std::vector<std::string> base_notes;
  for (const rules::Finding& finding : base.findings) base_notes.push_back(input_note(finding));
  std::vector<std::string> head_notes;
  for (const rules::Finding& finding : head.findings) head_notes.push_back(input_note(finding));
  MatchBy(base_notes, base_matched, head_notes, head_matched, diff.unchanged);
  for (std::size_t i = 0; i < head.findings.size(); ++i) {
    if (!head_matched[i]) diff.added.push_back(head.findings[i]);
  }
  for (std::size_t i = 0; i < base.findings.size(); ++i) {
    if (!base_matched[i]) diff.fixed.push_back(base.findings[i]);
  }
  return diff;
}

DiffResult RunDiff(const DiffOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const auto existing = [](const DiffSide& side) {
    std::vector<std::string> paths;
    for (const std::string& path : side.paths) {
      std::error_code ec;
      if (!side.missing_is_empty || fs::exists(path, ec)) paths.push_back(path);
    }
    return paths;
  };
  // Findings are told apart by their JSON Pointer, not their line: only the new and fixed ones
  // are located, once the diff has picked them.
  engine::CheckOptions base_options = options.check;
  base_options.paths = existing(options.base);
  base_options.locate = false;
  engine::CheckOptions head_options = options.check;
  head_options.paths = existing(options.head);
  head_options.locate = false;
  // The two versions are independent: the base loads while the head does.
  auto base_check = std::async(std::launch::async, [&] { return engine::RunCheck(base_options); });
  DiffResult result;
  result.head = std::make_unique<engine::CheckResult>(engine::RunCheck(head_options));
  result.base = std::make_unique<engine::CheckResult>(base_check.get());
  auto stage_start = std::chrono::steady_clock::now();
  const auto lap = [&stage_start] {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - stage_start).count();
    stage_start = now;
    return seconds;
  };
  result.timings.checks = std::chrono::duration<double>(stage_start - start).count();

  const model::Network empty;
  result.renames = MatchResources(result.base->network ? *result.base->network : empty,
                                  result.head->network ? *result.head->network : empty);
  result.timings.pairing = lap();
  const std::vector<std::string> base_keys = FileKeys(result.base->files, options.base.paths);
  result.findings = DiffFindings(*result.base, base_keys, *result.head,
                                 FileKeys(result.head->files, options.head.paths), result.renames);
  engine::LocateFindings(result.findings.added, result.head->files);
  engine::LocateFindings(result.findings.fixed, result.base->files);
  result.timings.findings = lap();
  const config::Config* configuration = result.head->configuration.get();
  result.flows_compared = engine::SelectsRule(options.check, configuration, kOpenedFlowRule);
  if (result.flows_compared && result.base->analysis && result.head->analysis) {
    result.flows = DiffFlows(ModelOf(*result.base), ModelOf(*result.head), result.renames);
    if (configuration != nullptr) ApplyConfiguration(*configuration, result);
    LocateTraces(result.flows.opened, result.head->files);
    LocateTraces(result.flows.closed, result.base->files);
  }
  if (options.base_named_as_head) {
    result.base->files = NamedAsHead(base_keys, result.base->files, options.head.paths);
  }
  result.timings.flows = lap();
  result.timings.total = std::chrono::duration<double>(stage_start - start).count();
  return result;
}

}  // namespace netlint::diff
