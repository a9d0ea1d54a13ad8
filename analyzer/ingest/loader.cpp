#include "netlint/ingest/loader.h"

#include <algorithm>
#include <limits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "analyzer/base/parallel.h"
#include "analyzer/ingest/aws/describe_document.h"
#include "analyzer/ingest/cfn/stacks.h"
#include "analyzer/ingest/cfn/template_adapter.h"
#include "analyzer/ingest/input_files.h"
#include "analyzer/ingest/json/json_records.h"
#include "analyzer/ingest/mapped_file.h"
#include "analyzer/ingest/scope_from_path.h"
#include "analyzer/ingest/terraform/plan_document.h"
#include "analyzer/ingest/text_decoding.h"

namespace netlint::ingest {
namespace {

enum class ContentKind { kJson, kOther, kEmpty };

ContentKind Sniff(const std::string& text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return (c == '{' || c == '[') ? ContentKind::kJson : ContentKind::kOther;
  }
  return ContentKind::kEmpty;
}

// The first member name of a JSON document that is an object, when it is written without
// escapes; empty otherwise.
std::string_view FirstMemberName(std::string_view text) {
  auto skip_space = [&](std::size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) {
      ++at;
    }
    return at;
  };
  std::size_t at = skip_space(0);
  if (at >= text.size() || text[at] != '{') return {};
  at = skip_space(at + 1);
  if (at >= text.size() || text[at] != '"') return {};
  const std::size_t close = text.find_first_of("\"\\", at + 1);
  if (close == std::string_view::npos || text[close] != '"') return {};
  return text.substr(at + 1, close - at - 1);
}

void ReportFile(DiagnosticSink& diagnostics, std::string code, Severity severity, FileId file,
                std::string message, std::uint32_t line = 0, std::uint32_t column = 0) {
  diagnostics.Report(std::move(code), severity, "", std::move(message),
                     SourceRef{file, line, column, ""});
}

// What one file contributed: read on its own (possibly on another thread) and merged into the
// whole network in file order, so the result does not depend on the number of threads.
struct FileOutcome {
  model::Network network;
  aws::PendingFacts pending;
  DiagnosticSink diagnostics;
  LoadStats stats;
  RecordPlaces places;
  // A CloudFormation template, mapped once every file is read: templates refer to each other.
  std::optional<cfn::Node> template_root;
  std::vector<terraform::ConfigurationPlace> configuration_places;
};

// Hands records on to the document reader and notes where each one lies in the file (byte
// range, line, column), so that locating a finding later reads only its record. Lines are
// counted incrementally with memchr, one pass over the text in all.
class PlaceRecorder final : public RecordConsumer {
 public:
  PlaceRecorder(RecordConsumer& inner, std::string_view text, std::size_t file_shift,
                RecordPlaces& places, MappedFile* mapping)
      : inner_(inner), text_(text), shift_(file_shift), places_(places), mapping_(mapping) {}

  bool StreamMember(std::string_view key) override { return inner_.StreamMember(key); }
  void OnRecord(std::string_view key, std::size_t index, JsonValue record) override {
    inner_.OnRecord(key, index, record);
  }
  void OnRemainder(JsonValue remainder) override { inner_.OnRemainder(remainder); }
  void OnRecordSpan(std::string_view key, std::size_t index, std::size_t begin,
                    std::size_t end) override {
    while (counted_ < begin) {
      const void* found = std::memchr(text_.data() + counted_, '\n', begin - counted_);
      if (found == nullptr) {
        counted_ = begin;
        break;
      }
      ++line_;
      counted_ = static_cast<std::size_t>(static_cast<const char*>(found) - text_.data()) + 1;
      line_start_ = counted_;
    }
    // Everything before this record is read and its lines counted.
    if (mapping_ != nullptr) mapping_->Release(shift_ + counted_);
    if (current_ == nullptr || key != current_key_) {
      current_key_ = std::string(key);
      current_ = &places_[current_key_];
    }
    std::vector<RecordPlace>& records = *current_;
    if (records.size() != index || end - begin > std::numeric_limits<std::uint32_t>::max()) return;
    records.push_back({begin + shift_, static_cast<std::uint32_t>(end - begin), line_,
                       static_cast<std::uint32_t>(begin - line_start_ + 1)});
  }

 private:
  RecordConsumer& inner_;
  std::string_view text_;
  std::size_t shift_;
  RecordPlaces& places_;
  std::size_t counted_ = 0;
  std::size_t line_start_ = 0;
  std::uint32_t line_ = 1;
  std::string current_key_;
  std::vector<RecordPlace>* current_ = nullptr;
  MappedFile* mapping_;
};

bool HasYamlExtension(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".yaml" || extension == ".yml" || extension == ".template";
}

// Offers the file to the CloudFormation adapter. Returns true when the file was a template (or
// YAML that claims to be one but is broken), so the describe reader must not see it.
bool LoadIfTemplate(const InputFile& input, FileId file, const std::string& text, bool is_json,
                    FileOutcome& outcome) {
  // Only YAML needs this whole-text search; describe JSON (hundreds of megabytes) is spared it.
  const bool claims_template = !is_json &&
                               (text.find("AWSTemplateFormatVersion") != std::string::npos ||
                                text.rfind("Resources:", 0) == 0 ||
                                text.find("\nResources:") != std::string::npos);
  if (is_json ? !cfn::MightBeJsonTemplate(text)
              : !(claims_template || HasYamlExtension(input.path))) {
    return false;
  }
  cfn::TreeParse parsed = cfn::ParseTree(text);
  if (parsed.error) {
    if (is_json || !(claims_template || input.explicitly_named)) return !is_json;
    ++outcome.stats.files_unreadable;
    ReportFile(outcome.diagnostics, "IN001", Severity::kError, file,
               "invalid YAML: " + parsed.error->message, parsed.error->line,
               parsed.error->column);
    return true;
  }
  if (!parsed.root || !cfn::IsTemplate(*parsed.root)) {
    if (!is_json && input.explicitly_named) {
      ReportFile(outcome.diagnostics, "IN004", Severity::kNote, file,
                 "YAML document is not a CloudFormation template; ignored");
    }
    return !is_json;
  }
  ++outcome.stats.files_recognised;
  outcome.template_root = std::move(*parsed.root);
  return true;
}

// Streams describe output into `outcome`. `file_shift` is where the text starts in the file (a
// stripped UTF-8 byte-order mark), or nothing for transcoded UTF-16 text, whose records then
// have no place in the file. `mapping`, when the text is a mapped file, is handed back the
// pages already read.
void LoadDescribe(FileId file, const InputFile& input, std::string_view text,
                  std::optional<std::size_t> file_shift, MappedFile* mapping,
                  FileOutcome& outcome) {
  LoadStats& stats = outcome.stats;
  DiagnosticSink& diagnostics = outcome.diagnostics;
  model::Network& network = outcome.network;
  aws::DescribeContext context{network, diagnostics, outcome.pending,
                               network.InternScope(ScopeFromPath(input.path)), file, input.path};
  aws::DescribeDocument document(context);
  std::optional<JsonParseError> parse_error;
  if (file_shift) {
    PlaceRecorder recorder(document, text, *file_shift, outcome.places, mapping);
    parse_error = StreamJsonRecords(text, recorder);
  } else {
    parse_error = StreamJsonRecords(text, document);
  }
  stats.records += document.records();
  if (parse_error) {
    if (document.records() == 0) ++stats.files_unreadable;
    std::string message = "invalid JSON: " + parse_error->message;
    if (document.records() > 0) {
      message += document.records() == 1
                     ? std::string(" (the record before it was loaded)")
                     : " (the " + std::to_string(document.records()) +
                           " records before it were loaded)";
    }
    ReportFile(diagnostics, "IN001", Severity::kError, file, std::move(message),
               parse_error->line, parse_error->column);
  }
  // A file counts as usable input when it was describe output and something of it loaded.
  if (document.recognised() && (!parse_error || document.records() > 0)) {
    ++stats.files_recognised;
  } else if (input.explicitly_named && !parse_error && !document.recognised()) {
    ReportFile(diagnostics, "IN004", Severity::kNote, file,
               "JSON document is not AWS CLI describe output netlint knows; ignored");
  }
}

// Describe output at least this large is read from a mapping of the file rather than copied
// into memory whole.
constexpr std::uintmax_t kMappedDescribeBytes = std::uintmax_t{1} << 20;
constexpr std::uintmax_t kLargestMappedFile = std::uintmax_t{2} << 30;  // as ReadWholeFile

// A large text file mapped for reading: its text past any UTF-8 byte-order mark, and the mark's
// length. Nothing for a file of fewer than `smallest` or more than `largest` bytes, one that
// cannot be mapped, or one with a NUL byte in its first 64 KiB (binary: the ordinary reader says
// so).
struct MappedText {
  MappedFile mapping;
  std::string_view text;
  std::size_t shift = 0;
};

std::optional<MappedText> MapText(const std::string& path, std::uintmax_t smallest,
                                  std::uintmax_t largest) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size < smallest || size > largest) return std::nullopt;
  std::optional<MappedFile> mapping = MappedFile::Open(path);
  if (!mapping) return std::nullopt;
  std::string_view text = mapping->text();
  if (text.substr(0, std::size_t{64} * 1024).find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t shift = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  text.remove_prefix(shift);
  return MappedText{std::move(*mapping), text, shift};
}

// Reads a large describe file front to back from a mapping, giving back what was read, so that
// memory follows the record being read rather than the file. Returns false, having read
// nothing, for anything else (small, binary, UTF-16, not describe output): the ordinary reader
// then takes the file and says what it is.
bool LoadMappedDescribe(const InputFile& input, FileId file, FileOutcome& outcome) {
  std::optional<MappedText> mapped = MapText(input.path, kMappedDescribeBytes, kLargestMappedFile);
  if (!mapped || !aws::IsDescribeListKey(FirstMemberName(mapped->text))) return false;
  ++outcome.stats.files_seen;
  LoadDescribe(file, input, mapped->text, mapped->shift, &mapped->mapping, outcome);
  return true;
}

// A parsed Terraform plan or state into `outcome`.
void LoadPlan(const JsonArena& arena, const InputFile& input, FileId file, FileOutcome& outcome) {
  model::Network& network = outcome.network;
  terraform::PlanContext plan{network, outcome.diagnostics,
                              network.InternScope(ScopeFromPath(input.path)), file, input.path,
                              {}};
  outcome.stats.records += terraform::LoadTerraformJson(arena.Root(), plan);
  outcome.configuration_places = std::move(plan.configuration_places);
  ++outcome.stats.files_recognised;
}

// The arena addresses nodes and text with 32-bit offsets, and neither can outgrow the text.
constexpr std::uintmax_t kLargestMappedPlan = std::uintmax_t{4} << 30;

// Reads a large Terraform plan or state from a mapping of the file, giving back the pages the
// parser has passed, so that the text and the tree built from it are never both resident whole
// (and a plan above the 2 GiB a file is read whole up to can be read). Returns false, having
// loaded nothing, for anything else, including a document that does not parse: the ordinary
// reader then reads it and says what is wrong.
bool LoadMappedPlan(const InputFile& input, FileId file, FileOutcome& outcome) {
  std::optional<MappedText> mapped =
      MapText(input.path, kMappedDescribeBytes, kLargestMappedPlan - 1);
  if (!mapped) return false;
  const std::string_view text = mapped->text;
  const std::size_t shift = mapped->shift;
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{' ||
      aws::IsDescribeListKey(FirstMemberName(text)) || !terraform::MayBeTerraformJson(text)) {
    return false;
  }
  JsonArena arena;
  const auto passed = [&](std::size_t bytes) { mapped->mapping.Release(shift + bytes); };
  if (ParseJson(text, arena, kMaxJsonDepth, passed) || !terraform::IsTerraformJson(arena.Root())) {
    return false;
  }
  // The ordinary reader offers a document to the template reader first. Asked of the text, that
  // question would read the whole file before parsing; asked of the tree, it is whether the
  // document has a template's top-level members.
  const JsonValue root = arena.Root();
  if (root.Find("AWSTemplateFormatVersion").valid() || root.Find("Resources").valid()) {
    return false;
  }
  mapped.reset();
  ++outcome.stats.files_seen;
  LoadPlan(arena, input, file, outcome);
  return true;
}

// Reads one file into `outcome`. `text` is a buffer reused between files.
void LoadFile(const InputFile& input, FileId file, std::string& text, FileOutcome& outcome) {
  if (LoadMappedDescribe(input, file, outcome) || LoadMappedPlan(input, file, outcome)) return;
  LoadStats& stats = outcome.stats;
  DiagnosticSink& diagnostics = outcome.diagnostics;
  ++stats.files_seen;
  std::string error;
  const ReadStatus read = ReadWholeFile(input.path, text, error);
  if (read == ReadStatus::kBinary) {
    // Like any other file that is not an input: quiet in a folder, a note when named.
    if (input.explicitly_named) ReportFile(diagnostics, "IN004", Severity::kNote, file, error);
    return;
  }
  if (read != ReadStatus::kRead) {
    ++stats.files_unreadable;
    ReportFile(diagnostics, "IN001", Severity::kError, file, error);
    return;
  }
  const std::size_t raw_size = text.size();
  const bool utf8_bom = raw_size >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (!NormaliseEncoding(text)) {
    ++stats.files_unreadable;
    ReportFile(diagnostics, "IN001", Severity::kError, file,
               "malformed UTF-16 text (odd length or unpaired surrogate)");
    return;
  }
  const ContentKind kind = Sniff(text);
  // Describe output opens with its list ("SecurityGroups"), which no template or plan has at
  // the top: such a file is spared the searches of its whole text for their markers.
  const bool describe_output =
      kind == ContentKind::kJson && aws::IsDescribeListKey(FirstMemberName(text));
  if (kind != ContentKind::kEmpty && !describe_output &&
      LoadIfTemplate(input, file, text, kind == ContentKind::kJson, outcome)) {
    return;
  }
  if (kind != ContentKind::kJson) {
    // Folders hold other things (READMEs, Terraform, router configs): skip them quietly, but
    // say so for a file the user named.
    if (input.explicitly_named) {
      ReportFile(diagnostics, "IN004", Severity::kNote, file,
                 kind == ContentKind::kEmpty
                     ? "empty file"
                     : "not a recognised input (expected AWS CLI JSON output or a CloudFormation template)");
    }
    return;
  }
  // A Terraform plan or state is one document whose parts refer to each other: read whole.
  if (!describe_output && terraform::MayBeTerraformJson(text)) {
    JsonArena arena;
    const std::optional<JsonParseError> plan_error = ParseJson(text, arena);
    if (!plan_error && terraform::IsTerraformJson(arena.Root())) {
      // The arena holds everything the plan reader needs; the text (as large as the file) is
      // given back before the reader's own structures are built beside the arena.
      std::string().swap(text);
      LoadPlan(arena, input, file, outcome);
      return;
    }
  }
  const bool placeable = text.size() == raw_size || (utf8_bom && text.size() + 3 == raw_size);
  LoadDescribe(file, input, text,
               placeable ? std::optional<std::size_t>(raw_size - text.size()) : std::nullopt,
               nullptr, outcome);
}

// Reads every file, on as many threads as there are processors (files are independent).
std::vector<FileOutcome> LoadFiles(const std::vector<InputFile>& inputs,
                                   const std::vector<FileId>& ids) {
  // Largest files first, so that the threads finish together (results stay in input order).
  std::vector<std::pair<std::uintmax_t, std::size_t>> order;
  order.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(inputs[i].path, ec);
    order.emplace_back(ec ? 0 : size, i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<FileOutcome> outcomes(inputs.size());
  ParallelFor(inputs.size(), [&](std::size_t k) {
    const std::size_t i = order[k].second;
    std::string text;
    LoadFile(inputs[i], ids[i], text, outcomes[i]);
  });
  return outcomes;
}

void MergePending(aws::PendingFacts& into, aws::PendingFacts&& from,
                  const std::vector<model::ScopeId>& scopes) {
  auto append = [&](auto& to, auto& facts) {
    for (auto& fact : facts) {
      fact.scope = scopes[fact.scope];
      to.push_back(std::move(fact));
    }
  };
  append(into.vpc_attributes, from.vpc_attributes);
  append(into.prefix_list_entries, from.prefix_list_entries);
  append(into.target_health, from.target_health);
  append(into.security_group_rules, from.security_group_rules);
  append(into.instance_interfaces, from.instance_interfaces);
}

}  // namespace

LoadStats LoadInputs(std::span<const std::string> paths, model::Network& network,
                     FileTable& files, DiagnosticSink& diagnostics, const LoadOptions& options) {
  LoadStats stats;
  const InputListing listing = ListInputFiles(std::vector<std::string>(paths.begin(), paths.end()));
  for (const std::string& missing : listing.missing) {
    ++stats.missing_paths;
    ReportFile(diagnostics, "IN001", Severity::kError, files.Add(missing),
               "no such file or folder");
  }
  for (const std::string& problem : listing.problems) {
    diagnostics.Report("IN001", Severity::kWarning, "", problem, SourceRef{});
  }
  std::vector<FileId> ids;
  ids.reserve(listing.files.size());
  for (const InputFile& input : listing.files) ids.push_back(files.Add(input.path));

  aws::PendingFacts pending;
  std::vector<FileOutcome> outcomes = LoadFiles(listing.files, ids);
  std::vector<cfn::GivenTemplate> templates;
  std::map<std::string, FileId, std::less<>> configuration_files;  // .tf files beside plans
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    FileOutcome& outcome = outcomes[i];
    files.SetRecordPlaces(ids[i], std::move(outcome.places));
    for (terraform::ConfigurationPlace& place : outcome.configuration_places) {
      auto known = configuration_files.find(place.path);
      if (known == configuration_files.end()) {
        known = configuration_files.emplace(place.path, files.Add(place.path)).first;
      }
      files.AddRedirect(ids[i], std::move(place.pointer),
                        SourceRef{known->second, place.line, place.column, ""});
    }
    const std::vector<model::ScopeId> scopes = network.Absorb(std::move(outcome.network));
    MergePending(pending, std::move(outcome.pending), scopes);
    for (Diagnostic& diagnostic : outcome.diagnostics.Take()) {
      diagnostics.Report(std::move(diagnostic));
    }
    stats.files_seen += outcome.stats.files_seen;
    stats.files_recognised += outcome.stats.files_recognised;
    stats.files_unreadable += outcome.stats.files_unreadable;
    stats.records += outcome.stats.records;
    if (outcome.template_root) {
      templates.push_back({listing.files[i].path, ids[i], std::move(*outcome.template_root)});
    }
  }
  if (!templates.empty()) {
    model::Network stacks;
    stats.records += cfn::LoadStacks(std::move(templates), options.template_parameters, files,
                                     stacks, diagnostics)
                         .resources;
    network.Absorb(std::move(stacks));
  }
  aws::FinalizeDescribe(network, pending, diagnostics);
  return stats;
}

}  // namespace netlint::ingest
