#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace netlint::ingest {

// A regular file mapped read-only into memory, for reading large describe output front to back
// without holding all of it: pages already read are handed back with Release, so the process's
// resident memory follows the record being read rather than the file. Unmapped when destroyed.
class MappedFile {
 public:
  // The mapping of `path`, or nothing when it is not a regular file or cannot be mapped (the
  // caller then reads it the ordinary way, which reports why).
  static std::optional<MappedFile> Open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  [[nodiscard]] std::string_view text() const { return {data_, size_}; }

  // Gives back the whole pages of [0, end) not given back yet. Reading them again later is
  // still correct (they are read from the file again), only slower.
  void Release(std::size_t end);

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t released_ = 0;
};

}  // namespace netlint::ingest
