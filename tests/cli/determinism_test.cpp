// The same input gives byte-identical reports whatever the order in which its files were
// created in their folder, and whatever the order in which they are named on the command line.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/command.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

class DeterminismTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("netlint-determinism-" + std::to_string(::getpid()));
    const fs::path source = fs::path(NETLINT_SOURCE_DIR);
    // Every input kind at once: a describe snapshot, a template and a plan.
    for (const auto& entry : fs::directory_iterator(source / "examples/ecs-fargate-snapshot")) {
      if (entry.path().extension() == ".json") inputs_.push_back(entry.path());
    }
    inputs_.push_back(source / "fixtures/rules/SG001/bad-cfn.yaml");
    inputs_.push_back(source / "fixtures/rules/ECS001/bad-plan-private-fargate.json");
    std::sort(inputs_.begin(), inputs_.end());
  }
  void TearDown() override { fs::remove_all(folder_); }

  // Recreates the folder, writing its files in the order given (directory listings follow
  // creation order on many file systems).
  void FillFolder(const std::vector<fs::path>& order) {
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "nested");
    for (const fs::path& input : order) {
      const fs::path target =
          input.extension() == ".yaml" ? folder_ / "nested" / input.filename() : folder_ / input.filename();
      WriteFile(target, ReadFile(input));
    }
  }

  std::string Report(const std::string& format, const std::string& paths) {
    const CommandResult result =
        RunNetlint("check " + paths + " --no-config --color never --format " + format);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    return result.out;
  }

  fs::path folder_;
  std::vector<fs::path> inputs_;
};

TEST_F(DeterminismTest, FolderReportsDoNotDependOnCreationOrder) {
  std::vector<std::string> forward;
  FillFolder(inputs_);
  for (const char* format : {"text", "json", "sarif"}) forward.push_back(Report(format, folder_.string()));
  std::vector<fs::path> reversed(inputs_.rbegin(), inputs_.rend());
  FillFolder(reversed);
  const char* formats[] = {"text", "json", "sarif"};
  for (std::size_t i = 0; i < forward.size(); ++i) {
    EXPECT_FALSE(forward[i].empty());
    EXPECT_EQ(Report(formats[i], folder_.string()), forward[i]) << formats[i];
  }
}

TEST_F(DeterminismTest, ReportsDoNotDependOnTheOrderOfNamedFiles) {
  FillFolder(inputs_);
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder_)) {
    if (entry.is_regular_file()) names.push_back(entry.path().string());
  }
  std::sort(names.begin(), names.end());
  auto joined = [](const std::vector<std::string>& list) {
    std::string text;
    for (const std::string& name : list) text += "'" + name + "' ";
    return text;
  };
  const std::vector<std::string> reversed(names.rbegin(), names.rend());
  std::vector<std::string> interleaved;
  for (std::size_t i = 0; i < names.size(); i += 2) interleaved.push_back(names[i]);
  for (std::size_t i = 1; i < names.size(); i += 2) interleaved.push_back(names[i]);
  for (const char* format : {"text", "json", "sarif"}) {
    const std::string expected = Report(format, joined(names));
    EXPECT_EQ(Report(format, joined(reversed)), expected) << format;
    EXPECT_EQ(Report(format, joined(interleaved)), expected) << format;
  }
}

}  // namespace
}  // namespace netlint::testing
