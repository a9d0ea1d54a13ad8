#pragma once

// Runs the real netlint binary, for the tests of its command line.

#include <string>

namespace netlint::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `netlint <args>` from the source folder (so fixture paths in output are relative) and
// collects its exit code, stdout and stderr. `launcher` goes before the binary (e.g. a command
// that drops privileges).
CommandResult RunNetlint(const std::string& args, const std::string& launcher = "");

}  // namespace netlint::testing
