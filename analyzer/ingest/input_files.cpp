#include "analyzer/ingest/input_files.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace netlint::ingest {
namespace {

namespace fs = std::filesystem;

class Walker {
 public:
  explicit Walker(InputListing& listing) : listing_(listing) {}

  void AddFile(const fs::path& path, bool explicitly_named) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(path, ec);
    const std::string key = ec ? path.lexically_normal().string() : canonical.string();
    if (!seen_files_.insert(key).second) return;
    listing_.files.push_back({path.lexically_normal().string(), explicitly_named});
  }

  void WalkFolder(const fs::path& folder) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(folder, ec);
    if (ec) {
      listing_.problems.push_back(folder.string() + ": " + ec.message());
      return;
    }
    if (!active_folders_.insert(canonical.string()).second) {
      listing_.problems.push_back(folder.string() + ": symbolic link loop, not followed");
      return;
    }
    std::vector<fs::path> entries;
    fs::directory_iterator it(folder, ec);
    if (ec) {
      listing_.problems.push_back(folder.string() + ": " + ec.message());
    } else {
      for (const fs::directory_entry& entry : it) entries.push_back(entry.path());
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
      const std::string name = entry.filename().string();
      if (name.empty() || name.front() == '.') continue;
      std::error_code status_ec;
      const fs::file_status status = fs::status(entry, status_ec);
      if (status_ec) continue;  // dangling symlink
      if (fs::is_directory(status)) {
        WalkFolder(entry);
      } else if (fs::is_regular_file(status)) {
        AddFile(entry, false);
      }
    }
    active_folders_.erase(canonical.string());
  }

 private:
  InputListing& listing_;
  std::set<std::string> seen_files_;
  std::set<std::string> active_folders_;  // on the current descent path
};

}  // namespace

InputListing ListInputFiles(const std::vector<std::string>& paths) {
  InputListing listing;
  Walker walker(listing);
  for (const std::string& given : paths) {
    const fs::path path(given);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      listing.missing.push_back(given);
    } else if (fs::is_directory(status)) {
      walker.WalkFolder(path);
    } else {
      walker.AddFile(path, true);
    }
  }
  return listing;
}

}  // namespace netlint::ingest
