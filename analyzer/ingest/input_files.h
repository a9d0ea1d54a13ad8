#pragma once

#include <string>
#include <vector>

namespace netlint::ingest {

struct InputFile {
  std::string path;       // as displayed: relative paths stay relative
  bool explicitly_named;  // given on the command line rather than found in a folder
};

struct InputListing {
  std::vector<InputFile> files;
  std::vector<std::string> missing;    // paths that do not exist
  std::vector<std::string> problems;   // folders that could not be read, symlink loops
};

// Expands files and folders into regular files. Folders are walked recursively in name order
// (so runs are deterministic), hidden entries (".git") are skipped, symlinked folders are
// followed once (a loop is reported, not followed), and every file is listed once.
InputListing ListInputFiles(const std::vector<std::string>& paths);

}  // namespace netlint::ingest
