#include "analyzer/ingest/input_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace netlint::ingest {
namespace {

namespace fs = std::filesystem;

class InputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("netlint-input-files-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "b" / "nested");
    fs::create_directories(root_ / "a");
    fs::create_directories(root_ / ".git");
    for (const char* file : {"b/nested/z.json", "b/y.json", "a/x.json", ".git/config", "c.json"}) {
      std::ofstream(root_ / file) << "{}";
    }
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<std::string> Relative(const InputListing& listing) {
    std::vector<std::string> names;
    for (const InputFile& file : listing.files) {
      names.push_back(fs::path(file.path).lexically_relative(root_).generic_string());
    }
    return names;
  }

  fs::path root_;
};

TEST_F(InputFilesTest, WalksFoldersInNameOrderSkippingHiddenEntries) {
  const InputListing listing = ListInputFiles({root_.string()});
  EXPECT_EQ(Relative(listing),
            (std::vector<std::string>{"a/x.json", "b/nested/z.json", "b/y.json", "c.json"}));
  EXPECT_FALSE(listing.files.front().explicitly_named);
}

TEST_F(InputFilesTest, ListsAFileOnceAndMarksNamedFiles) {
  const InputListing listing =
      ListInputFiles({(root_ / "c.json").string(), root_.string(), (root_ / "c.json").string()});
  EXPECT_EQ(Relative(listing),
            (std::vector<std::string>{"c.json", "a/x.json", "b/nested/z.json", "b/y.json"}));
  EXPECT_TRUE(listing.files.front().explicitly_named);
}

TEST_F(InputFilesTest, ReportsMissingPaths) {
  const InputListing listing = ListInputFiles({(root_ / "nope").string()});
  EXPECT_TRUE(listing.files.empty());
  EXPECT_EQ(listing.missing.size(), 1u);
}

TEST_F(InputFilesTest, DoesNotFollowSymlinkLoops) {
  fs::create_directory_symlink(root_ / "b", root_ / "b" / "nested" / "loop");
  const InputListing listing = ListInputFiles({root_.string()});
  EXPECT_EQ(Relative(listing),
            (std::vector<std::string>{"a/x.json", "b/nested/z.json", "b/y.json", "c.json"}));
  ASSERT_EQ(listing.problems.size(), 1u);
  EXPECT_NE(listing.problems[0].find("symbolic link loop"), std::string::npos);
}

}  // namespace
}  // namespace netlint::ingest
