#include "netlint/base/source.h"

namespace netlint {

std::string EscapePointerToken(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

SourceRef SourceRef::Child(std::string_view token) const {
  SourceRef child{file, 0, 0, pointer};
  child.pointer += '/';
  child.pointer += EscapePointerToken(token);
  return child;
}

SourceRef SourceRef::Child(std::size_t index) const {
  SourceRef child{file, 0, 0, pointer};
  child.pointer += '/';
  child.pointer += std::to_string(index);
  return child;
}

FileId FileTable::Add(std::string path) {
  paths_.push_back(std::move(path));
  return static_cast<FileId>(paths_.size() - 1);
}

void FileTable::SetRecordPlaces(FileId id, RecordPlaces places) {
  if (id >= paths_.size()) return;
  if (places_.size() < paths_.size()) places_.resize(paths_.size());
  places_[id] = std::move(places);
}

const RecordPlace* FileTable::FindRecord(FileId id, std::string_view key,
                                         std::size_t index) const {
  if (id >= places_.size()) return nullptr;
  const auto found = places_[id].find(key);
  if (found == places_[id].end() || index >= found->second.size()) return nullptr;
  return &found->second[index];
}

void FileTable::AddRedirect(FileId from, std::string pointer, SourceRef to) {
  if (from >= paths_.size()) return;
  if (redirects_.size() < paths_.size()) redirects_.resize(paths_.size());
  redirects_[from].emplace(std::move(pointer), std::move(to));
}

const SourceRef* FileTable::FindRedirect(FileId id, std::string_view pointer) const {
  if (id >= redirects_.size() || redirects_[id].empty()) return nullptr;
  const auto& redirects = redirects_[id];
  while (!pointer.empty()) {
    const auto found = redirects.find(pointer);
    if (found != redirects.end()) return &found->second;
    pointer = pointer.substr(0, pointer.rfind('/'));
  }
  return nullptr;
}

const std::string& FileTable::Path(FileId id) const {
  static const std::string kEmpty;
  return id < paths_.size() ? paths_[id] : kEmpty;
}

}  // namespace netlint
