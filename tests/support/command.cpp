#include "tests/support/command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "tests/support/golden.h"

namespace netlint::testing {

CommandResult RunNetlint(const std::string& args, const std::string& launcher) {
  namespace fs = std::filesystem;
  const fs::path err_file =
      fs::temp_directory_path() / ("netlint-cli-stderr-" + std::to_string(::getpid()));
  const std::string command = "cd '" + std::string(NETLINT_SOURCE_DIR) + "' && " + launcher + "'" +
                              std::string(NETLINT_BINARY) + "' " + args + " 2>'" +
                              err_file.string() + "'";
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), read);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadFile(err_file);
  fs::remove(err_file);
  return result;
}

}  // namespace netlint::testing
