// Describe files and Terraform plans of a megabyte or more are read from a mapping of the file
// rather than copied into memory: the same records, places and errors as the ordinary reader,
// whatever the byte-order mark, and anything else still goes to the reader it needs.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "netlint/engine/engine.h"
#include "tests/support/golden.h"

namespace netlint::engine {
namespace {

namespace fs = std::filesystem;

constexpr int kGroups = 4000;  // about 1.3 MB of describe-security-groups output

// describe-security-groups output, pretty-printed as the AWS CLI does, with groups that admit
// their VPC on 443 and, last, one that admits the world on 22. Gives the line of that rule's
// CIDR entry.
std::string SecurityGroups(std::uint32_t& open_line) {
  std::string text = "{\n    \"SecurityGroups\": [\n";
  std::uint32_t line = 3;
  for (int i = 0; i < kGroups; ++i) {
    const bool open = i == kGroups - 1;
    char id[32];
    std::snprintf(id, sizeof(id), "sg-%017d", i);
    text += "        {\n";
    text += "            \"GroupId\": \"" + std::string(id) + "\",\n";
    text += "            \"GroupName\": \"group-" + std::to_string(i) + "\",\n";
    text += "            \"VpcId\": \"vpc-0a1b2c3d4e5f60718\",\n";
    text += "            \"IpPermissions\": [\n";
    text += "                {\n";
    text += "                    \"IpProtocol\": \"tcp\",\n";
    text += std::string("                    \"FromPort\": ") + (open ? "22" : "443") + ",\n";
    text += std::string("                    \"ToPort\": ") + (open ? "22" : "443") + ",\n";
    text += "                    \"IpRanges\": [\n";
    if (open) open_line = line + 10;
    text += std::string("                        {\"CidrIp\": \"") +
            (open ? "0.0.0.0/0" : "10.0.0.0/16") + "\"}\n";
    text += "                    ]\n";
    text += "                }\n";
    text += "            ]\n";
    text += std::string("        }") + (open ? "\n" : ",\n");
    line += 15;
  }
  text += "    ]\n}\n";
  return text;
}

class MappedDescribeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("netlint-mapped-" + std::to_string(::getpid()));
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  CheckResult Check(const std::string& name, const std::string& text, const std::string& rules) {
    const fs::path path = folder_ / name;
    testing::WriteFile(path, text);
    CheckOptions options;
    options.paths = {path.string()};
    options.select = {rules};
    return RunCheck(options);
  }

  fs::path folder_;
};

TEST_F(MappedDescribeTest, FindingsAreAtTheirLineWithAndWithoutByteOrderMark) {
  std::uint32_t open_line = 0;
  const std::string text = SecurityGroups(open_line);
  ASSERT_GT(text.size(), std::size_t{1} << 20);
  for (const std::string& prefix : {std::string(), std::string("\xEF\xBB\xBF")}) {
    const CheckResult result = Check("sg.json", prefix + text, "SG001");
    EXPECT_EQ(result.summary.resources, static_cast<std::size_t>(kGroups));
    ASSERT_EQ(result.findings.size(), 1U);
    EXPECT_EQ(result.findings[0].resource, "sg-00000000000003999");
    // At the IpPermission that holds the CIDR entry, five lines up.
    EXPECT_EQ(result.findings[0].source.line, open_line - 5);
    EXPECT_EQ(result.findings[0].source.column, 17U);
  }
}

TEST_F(MappedDescribeTest, TruncatedFileKeepsTheRecordsBeforeTheErrorAndSaysWhere) {
  std::uint32_t open_line = 0;
  std::string text = SecurityGroups(open_line);
  // Cut inside the last group's CIDR entry.
  text.resize(text.rfind("0.0.0.0/0"));
  const CheckResult result = Check("sg.json", text, "IN001");
  ASSERT_EQ(result.findings.size(), 1U);
  EXPECT_EQ(result.findings[0].rule, "IN001");
  EXPECT_EQ(result.findings[0].source.line, open_line);
  EXPECT_EQ(result.findings[0].message,
            "invalid JSON: string is not closed before the end of the input (the 3999 records "
            "before it were loaded)");
  EXPECT_TRUE(result.usable_input);
}

TEST_F(MappedDescribeTest, LargeTemplateInJsonStillGoesToTheTemplateReader) {
  std::string text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\n";
  for (int i = 0; i < 12000; ++i) {
    text += "  \"Group" + std::to_string(i) +
            "\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": {\"GroupDescription\": "
            "\"a group of the benchmark\", \"VpcId\": \"vpc-0a1b2c3d4e5f60718\"}},\n";
  }
  text += "  \"Last\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": "
          "{\"GroupDescription\": \"last\", \"VpcId\": \"vpc-0a1b2c3d4e5f60718\"}}\n}}\n";
  ASSERT_GT(text.size(), std::size_t{1} << 20);
  const CheckResult result = Check("template.json", text, "IN001");
  EXPECT_EQ(result.summary.files_recognised, 1U);
  EXPECT_EQ(result.summary.resources, 12001U);
  EXPECT_TRUE(result.findings.empty());
}

// A Terraform plan of a megabyte or more is parsed from a mapping of the file: the same
// finding at the same line and column as when the plan is read whole.
TEST_F(MappedDescribeTest, LargePlanGivesTheFindingsOfTheOrdinaryReaderAtTheSamePlace) {
  const std::string plan =
      testing::ReadFile(testing::FixturesDir() / "rules/LB003/bad-plan-standalone-rules.json");
  ASSERT_LT(plan.size(), std::size_t{1} << 20);
  const std::string padded = plan + std::string(std::size_t{1} << 20, ' ') + "\n";
  for (const std::string* text : {&plan, &padded}) {
    const CheckResult result = Check("plan.json", *text, "LB003");
    EXPECT_EQ(result.summary.files_recognised, 1U);
    ASSERT_EQ(result.findings.size(), 1U);
    EXPECT_EQ(result.findings[0].resource, "aws_lb.shop");
    EXPECT_EQ(result.findings[0].source.line, 319U);
    EXPECT_EQ(result.findings[0].source.column, 16U);
  }
}

TEST_F(MappedDescribeTest, LargePlanThatDoesNotParseIsReportedByTheOrdinaryReader) {
  std::string plan =
      testing::ReadFile(testing::FixturesDir() / "rules/LB003/bad-plan-standalone-rules.json");
  plan += std::string(std::size_t{1} << 20, ' ') + "]";
  const CheckResult result = Check("plan.json", plan, "IN001");
  ASSERT_EQ(result.findings.size(), 1U);
  EXPECT_EQ(result.findings[0].rule, "IN001");
  EXPECT_EQ(result.findings[0].message, "invalid JSON: unexpected ']' after the end of the document");
}

// A document that is both (a template's top-level members beside a plan's) goes to the template
// reader, as the ordinary reader decides.
TEST_F(MappedDescribeTest, LargeDocumentWithTemplateMembersStillGoesToTheTemplateReader) {
  std::string text =
      "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {}},\n"
      " \"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\n";
  for (int i = 0; i < 12000; ++i) {
    text += "  \"Group" + std::to_string(i) +
            "\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": {\"GroupDescription\": "
            "\"a group of the benchmark\", \"VpcId\": \"vpc-0a1b2c3d4e5f60718\"}},\n";
  }
  text += "  \"Last\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": "
          "{\"GroupDescription\": \"last\", \"VpcId\": \"vpc-0a1b2c3d4e5f60718\"}}\n}}\n";
  ASSERT_GT(text.size(), std::size_t{1} << 20);
  const CheckResult result = Check("both.json", text, "IN001");
  EXPECT_EQ(result.summary.files_recognised, 1U);
  EXPECT_EQ(result.summary.resources, 12001U);
}

}  // namespace
}  // namespace netlint::engine
