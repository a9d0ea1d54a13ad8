// The base version of some paths, read from git: `git archive` of the paths that exist at the
// revision, unpacked into a temporary folder.

#include <stdlib.h>  // mkdtemp

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "netlint/diff/diff.h"

namespace netlint::diff {
namespace {

namespace fs = std::filesystem;

std::string ShellQuote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += '\'';
  return quoted;
}

std::string ReadText(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  std::string result = text.str();
  while (!result.empty() && (result.back() == '\n' || result.back() == '\r')) result.pop_back();
  return result;
}

// Runs a shell command line with its standard output and error in files of `scratch`; returns
// whether it succeeded and leaves its output in `out` and its errors in `errors`.
bool Run(const std::string& command, const fs::path& scratch, std::string& out,
         std::string& errors) {
  const fs::path out_file = scratch / "stdout";
  const fs::path error_file = scratch / "stderr";
  const std::string line =
      command + " >" + ShellQuote(out_file.string()) + " 2>" + ShellQuote(error_file.string());
  const int status = std::system(line.c_str());
  out = ReadText(out_file);
  errors = ReadText(error_file);
  std::error_code ec;
  fs::remove(out_file, ec);
  fs::remove(error_file, ec);
  return status == 0;
}

}  // namespace

GitSnapshot::GitSnapshot(const std::string& revision, const std::vector<std::string>& paths) {
  std::string pattern = (fs::temp_directory_path() / "netlint-base-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("--git-base: cannot create a temporary folder");
  }
  root_ = pattern;
  const fs::path scratch = fs::path(root_) / ".netlint-git";
  const fs::path tree = fs::path(root_) / "tree";
  fs::create_directories(scratch);
  fs::create_directories(tree);
  try {
    std::string top;
    std::string errors;
    if (!Run("git rev-parse --show-toplevel", scratch, top, errors)) {
      throw std::runtime_error("--git-base: not inside a git work tree (" + errors + ")");
    }
    const std::string git = "git -C " + ShellQuote(top);
    std::string commit;
    if (!Run(git + " rev-parse --verify --quiet " + ShellQuote(revision + "^{commit}"), scratch,
             commit, errors)) {
      throw std::runtime_error("--git-base: unknown revision '" + revision + "'");
    }
    const fs::path top_path = fs::path(top).lexically_normal();
    std::string existing;
    for (const std::string& path : paths) {
      std::error_code ec;
      const fs::path absolute = fs::absolute(path, ec).lexically_normal();
      std::string relative = absolute.lexically_relative(top_path).generic_string();
      if (relative.empty() || relative == ".." || relative.rfind("../", 0) == 0) {
        std::string message = "--git-base: " + path;
        message += " is outside the git work tree ";
        message += top;
        throw std::runtime_error(message);
      }
      if (relative == ".") relative.clear();
      while (!relative.empty() && relative.back() == '/') relative.pop_back();
      paths_.push_back((relative.empty() ? tree : tree / relative).string());
      std::string ignored;
      // A path the revision does not have is an empty base: the change adds it.
      std::string object = commit;
      object += ':';
      object += relative;
      if (!Run(git + " cat-file -e " + ShellQuote(object), scratch, ignored, ignored)) {
        continue;
      }
      existing += " " + ShellQuote(relative.empty() ? "." : relative);
    }
    if (!existing.empty()) {
      const fs::path archive = scratch / "base.tar";
      std::string ignored;
      if (!Run(git + " archive --format=tar -o " + ShellQuote(archive.string()) + " " +
                   ShellQuote(commit) + " --" + existing,
               scratch, ignored, errors) ||
          !Run("tar -xf " + ShellQuote(archive.string()) + " -C " + ShellQuote(tree.string()),
               scratch, ignored, errors)) {
        throw std::runtime_error("--git-base: cannot read " + revision + " from git: " + errors);
      }
      std::error_code ec;
      fs::remove(archive, ec);
    }
  } catch (...) {
    std::error_code ec;
    fs::remove_all(root_, ec);
    throw;
  }
}

GitSnapshot::~GitSnapshot() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

}  // namespace netlint::diff
