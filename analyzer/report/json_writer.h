#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "netlint/base/source.h"
#include "netlint/reach/reach.h"
#include "netlint/report/reporter.h"
#include "netlint/rules/rule.h"

namespace netlint::report {

// Streams pretty-printed JSON (two-space indentation, the layout nlohmann's dump(2) produces)
// without building a document, so reports of a hundred thousand findings cost only the bytes.
// Strings are written as valid UTF-8: invalid sequences from the input become U+FFFD instead
// of failing the report.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  void BeginObject() { OpenContainer('{'); }
  void EndObject() { CloseContainer('}'); }
  void BeginArray() { OpenContainer('['); }
  void EndArray() { CloseContainer(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Number(long long value);
  void Bool(bool value);
  void Null();

  // Writes `text` as a JSON string literal (quotes included).
  static void WriteString(std::ostream& out, std::string_view text);

 private:
  void BeforeValue();
  void OpenContainer(char open);
  void CloseContainer(char close);
  void Indent(std::size_t depth);

  std::ostream& out_;
  std::vector<bool> has_elements_;  // per open container
  bool after_key_ = false;
};

// The "location" member every netlint JSON output uses: file (as displayed), line, column,
// pointer, each null when unknown.
void WriteJsonLocation(JsonWriter& json, const SourceRef& source, const FileTable& files,
                       const ReportOptions& options);

// A path's hops as the JSON outputs write them: [{"checks": [...], "kind", "label", "node"}].
void WriteJsonHops(JsonWriter& json, const std::vector<reach::Hop>& hops, const FileTable& files,
                   const ReportOptions& options);

// One finding as every JSON output writes it (the check's "findings", the diff's "new" and
// "fixed"): {"location", "message", "path", "related", "resource", "resource_kind",
// "resource_name", "rule", "severity"}.
void WriteJsonFinding(JsonWriter& json, const rules::Finding& finding, const FileTable& files,
                      const ReportOptions& options);

}  // namespace netlint::report
