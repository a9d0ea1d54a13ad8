// Hostile input, end to end through the real binary: each case is refused with a clear message
// at its place, within bounded time and memory, and never stops the rest of the input loading.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/command.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

// Runs a command directly (no shell) and returns the peak resident memory of that process alone.
long PeakKibOf(std::vector<std::string> command) {
  std::vector<char*> argv;
  for (std::string& word : command) argv.push_back(word.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  return usage.ru_maxrss;
}

// A good file beside every hostile one: it must still be checked.
constexpr const char* kGoodVpc =
    R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": false}]})";

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("netlint-hostile-" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  fs::path Write(const std::string& name, const std::string& text) {
    const fs::path path = folder_ / name;
    fs::create_directories(path.parent_path());
    WriteFile(path, text);
    return path;
  }
  // `netlint check` on the folder, findings as `CODE file:line:col message` relative to it.
  CommandResult Check(const std::string& extra = "") {
    return RunNetlint("check '" + folder_.string() + "' --no-config --format concise --select IN " +
                      extra);
  }
  std::string Relative(std::string text) const {
    const std::string prefix = folder_.string() + "/";
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
      text.erase(at, prefix.size());
    }
    return text;
  }

  fs::path folder_;
};

// Each case puts the hostile file beside a good one: the good one still loads (exit 1 for the
// error finding, not 2 for "nothing usable"), and the message names the place.

TEST_F(HostileInputTest, NestingTenThousandDeepInEveryFormat) {
  Write("good.json", kGoodVpc);
  Write("deep.json", "{\"Vpcs\": " + std::string(10000, '[') + std::string(10000, ']') + "}");
  Write("deep.yaml", "Resources:\n  X: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  Write("plan.json", R"({"format_version": "1.2", "terraform_version": "1.6.0", "planned_values": )"
                     R"({"root_module": {"resources": )" +
                         std::string(10000, '[') + std::string(10000, ']') + "}}}");
  const CommandResult result = Check();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Relative(result.out),
            "IN001 deep.json:1:522 - invalid JSON: nesting deeper than 512 levels\n"
            "IN001 deep.yaml:2:204 - invalid YAML: nesting deeper than 200 levels\n"
            "IN001 plan.json:1:614 - invalid JSON: nesting deeper than 512 levels\n");
}

TEST_F(HostileInputTest, YamlAliasBombIsRefusedBeforeExpanding) {
  Write("good.json", kGoodVpc);
  std::string laughs = "Resources:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name, ++previous) {
    laughs += std::string("  ") + name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) laughs += std::string(i ? ", *" : "*") + previous;
    laughs += "]\n";
  }
  Write("bomb.yaml", laughs);
  const CommandResult result = Check();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Relative(result.out),
            "IN001 bomb.yaml:8:10 - invalid YAML: YAML aliases expand to more than 2000000 nodes "
            "(refused: alias expansion bomb?)\n");
}

TEST_F(HostileInputTest, NulBytesAndInvalidUtf8AreRefusedAtTheirPlace) {
  Write("good.json", kGoodVpc);
  Write("nul.json", std::string(R"({"Vpcs": [{"VpcId": "vpc-)") + '\0' + R"(1"}]})");
  Write("nul.yaml", std::string("Resources:\n  Vpc: {Type: AWS::EC2::VPC}\n") + '\0' + "\n");
  Write("utf8.json", R"({"Vpcs": [{"VpcId": "vpc-)" "\xff" R"(1"}]})");
  Write("utf8.yaml", "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: \"10.\xff\"}\n");
  Write("control.yaml", "Resources:\n  Vpc: {Type: AWS::EC2::VPC}\n  \x01: x\n");
  // In a folder, binary files are passed over quietly like any other file that is not an input.
  const CommandResult folder = Check();
  EXPECT_EQ(folder.exit_code, 1) << folder.err;
  EXPECT_EQ(Relative(folder.out),
            "IN001 control.yaml:3:3 - invalid YAML: control character 0x01 is not allowed in YAML\n"
            "IN001 utf8.json:1:26 - invalid JSON: invalid UTF-8 in a string\n"
            "IN001 utf8.yaml:4:33 - invalid YAML: invalid UTF-8 (byte 0xFF)\n");
  // Named, they are a note.
  const CommandResult named = RunNetlint("check '" + (folder_ / "nul.json").string() + "' '" +
                                         (folder_ / "nul.yaml").string() +
                                         "' --no-config --format concise");
  EXPECT_EQ(named.exit_code, 2) << named.err;
  EXPECT_EQ(Relative(named.out),
            "IN004 nul.json - binary content (a NUL byte at line 1, column 26): not JSON or YAML "
            "text\n"
            "IN004 nul.yaml - binary content (a NUL byte at line 3, column 1): not JSON or YAML "
            "text\n");
}

TEST_F(HostileInputTest, NumbersBeyondSixtyFourBits) {
  Write("good.json", kGoodVpc);
  Write("sg.json",
        R"({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "GroupName": "g",)"
        R"( "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 99999999999999999999999,)"
        R"( "ToPort": 1e400, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}]})");
  const CommandResult result = Check();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Relative(result.out),
            "IN004 sg.json:1:129 sg-1 FromPort should be an integer, found the number 1e+23\n");
}

TEST_F(HostileInputTest, DuplicateKeysAreAnErrorAtTheSecondOne) {
  Write("good.json", kGoodVpc);
  Write("dup.json", R"({"Vpcs": [{"VpcId": "vpc-2", "CidrBlock": "10.0.0.0/16", "VpcId": "vpc-3"}]})");
  Write("dup.yaml",
        "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n"
        "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.1.0.0/16}\n");
  std::string many = "{\"Vpcs\": [{";
  for (int i = 0; i < 40; ++i) many += "\"Tag" + std::to_string(i) + "\": 1, ";
  many += "\"Tag7\": 2}]}";
  Write("many.json", many);
  // A map past the size where keys are looked up in an index rather than searched.
  std::string many_yaml = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Metadata:\n";
  for (int i = 0; i < 40; ++i) many_yaml += "      Tag" + std::to_string(i) + ": 1\n";
  many_yaml += "      Tag7: 2\n";
  Write("many.yaml", many_yaml);
  const CommandResult result = Check();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Relative(result.out),
            "IN001 dup.json:1:58 - invalid JSON: duplicate key \"VpcId\" in one object (first at "
            "line 1, column 12)\n"
            "IN001 dup.yaml:5:3 - invalid YAML: duplicate key 'Vpc' in one mapping (first at line "
            "2)\n"
            "IN001 many.json:1:482 - invalid JSON: duplicate key \"Tag7\" in one object (first at "
            "line 1, column 89)\n"
            "IN001 many.yaml:45:7 - invalid YAML: duplicate key 'Tag7' in one mapping (first at "
            "line 12)\n");
}

TEST_F(HostileInputTest, SymlinkLoopsAreReportedNotFollowed) {
  Write("good.json", kGoodVpc);
  fs::create_directories(folder_ / "a");
  fs::create_directory_symlink("..", folder_ / "a" / "up");
  const CommandResult result = Check();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Relative(result.out), "IN001 - - a/up: symbolic link loop, not followed\n");
}

TEST_F(HostileInputTest, UnreadableFileIsAnErrorAndTheRestLoads) {
  Write("good.json", kGoodVpc);
  const fs::path secret = Write("secret.json", kGoodVpc);
  fs::permissions(secret, fs::perms::none);
  // Root reads anything: run as an unprivileged user then (setpriv is part of util-linux).
  const std::string as_user =
      ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  fs::permissions(folder_, fs::perms::all);
  const CommandResult result =
      RunNetlint("check '" + folder_.string() + "' --no-config --format concise --select IN",
                 as_user);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Relative(result.out),
            "IN001 secret.json - cannot open file: Permission denied\n");
}

TEST_F(HostileInputTest, OneGigabyteOfZeroesIsRefusedAfterReadingItsStart) {
  Write("good.json", kGoodVpc);
  const fs::path big = folder_ / "big.json";
  { std::ofstream(big.string()); }
  fs::resize_file(big, std::uintmax_t{1} << 30);  // sparse: costs no disk
  const CommandResult result = RunNetlint("check '" + (folder_ / "good.json").string() + "' '" +
                                          big.string() + "' --no-config --format concise");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Relative(result.out),
            "IN004 big.json - binary content (a NUL byte at line 1, column 1): not JSON or YAML "
            "text\n");
  // Memory stays far below the file's size: only its first 64 KiB are read.
  EXPECT_LT(PeakKibOf({NETLINT_BINARY, "check", big.string(), "--no-config"}), 64 * 1024);
}

}  // namespace
}  // namespace netlint::testing
