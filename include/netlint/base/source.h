#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace netlint {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = static_cast<FileId>(-1);

// Where a resource, rule entry or value came from. Adapters fill what their format knows:
// line and column for YAML, a JSON Pointer for JSON (the line is then resolved on demand when a
// finding needs it). Line and column are 1-based; 0 means "not known".
struct SourceRef {
  FileId file = kNoFile;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string pointer;

  [[nodiscard]] bool HasFile() const { return file != kNoFile; }
  // A reference to a member below this one: pointer extended by an escaped token.
  [[nodiscard]] SourceRef Child(std::string_view token) const;
  [[nodiscard]] SourceRef Child(std::size_t index) const;
};

// Escapes one JSON Pointer reference token (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string EscapePointerToken(std::string_view token);

// Where one streamed record of a JSON file starts: its byte range in the file and the line and
// column of its first byte. Kept while loading so that locating a finding later reads only the
// record, not the whole (possibly 100 MB) file.
struct RecordPlace {
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// The records of one file, per top-level member ("" for a top-level array), in document order.
using RecordPlaces = std::map<std::string, std::vector<RecordPlace>, std::less<>>;

// The input files of one run. Ids are indices; paths are kept as the user gave them (relative
// to the working directory when they were given relative), which is what reports print.
class FileTable {
 public:
  FileId Add(std::string path);
  [[nodiscard]] const std::string& Path(FileId id) const;
  [[nodiscard]] std::size_t size() const { return paths_.size(); }

  void SetRecordPlaces(FileId id, RecordPlaces places);
  // The place of record `index` of member `key`, or null when it was not recorded.
  [[nodiscard]] const RecordPlace* FindRecord(FileId id, std::string_view key,
                                              std::size_t index) const;

  // Says that what lies under `pointer` in file `from` was written at `to` in another file
  // (a Terraform plan's resource and the `.tf` block it came from): findings there are
  // reported at `to`.
  void AddRedirect(FileId from, std::string pointer, SourceRef to);
  // The redirect of the longest pointer that `pointer` lies under, or null.
  [[nodiscard]] const SourceRef* FindRedirect(FileId id, std::string_view pointer) const;

 private:
  std::vector<std::string> paths_;
  std::vector<RecordPlaces> places_;  // by file id; empty for files not streamed as JSON
  std::vector<std::map<std::string, SourceRef, std::less<>>> redirects_;  // by file id
};

}  // namespace netlint
