#include "analyzer/ingest/json/json_records.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace netlint::ingest {
namespace {

// Records what the streamer delivers.
class Collect final : public RecordConsumer {
 public:
  explicit Collect(std::vector<std::string> streamed = {"Vpcs", "Subnets"})
      : streamed_(std::move(streamed)) {}
  bool StreamMember(std::string_view key) override {
    return std::find(streamed_.begin(), streamed_.end(), key) != streamed_.end();
  }
  void OnRecord(std::string_view key, std::size_t index, nlohmann::json&& record) override {
    records.push_back(std::string(key) + "[" + std::to_string(index) + "]=" + record.dump());
  }
  void OnRemainder(nlohmann::json&& rest) override { remainder = rest.dump(); }

  std::vector<std::string> records;
  std::string remainder = "(none)";

 private:
  std::vector<std::string> streamed_;
};

TEST(JsonRecordsTest, StreamsElementsOfChosenMembersInOrder) {
  Collect collect;
  const auto error = StreamJsonRecords(
      R"({"Vpcs": [{"VpcId": "a"}, {"VpcId": "b"}], "NextToken": "x", "Subnets": [1, [2]]})",
      collect);
  ASSERT_FALSE(error);
  EXPECT_EQ(collect.records, (std::vector<std::string>{R"(Vpcs[0]={"VpcId":"a"})",
                                                       R"(Vpcs[1]={"VpcId":"b"})", "Subnets[0]=1",
                                                       "Subnets[1]=[2]"}));
  EXPECT_EQ(collect.remainder, R"({"NextToken":"x"})");
}

TEST(JsonRecordsTest, MembersNotStreamedArriveWholeInTheRemainder) {
  Collect collect(std::vector<std::string>{});
  ASSERT_FALSE(StreamJsonRecords(R"({"Entries": [{"Cidr": "10.0.0.0/8"}], "Id": {"a": [1]}})",
                                 collect));
  EXPECT_TRUE(collect.records.empty());
  EXPECT_EQ(collect.remainder, R"({"Entries":[{"Cidr":"10.0.0.0/8"}],"Id":{"a":[1]}})");
}

TEST(JsonRecordsTest, TopLevelArrayElementsAreRecordsWithAnEmptyKey) {
  Collect collect;
  ASSERT_FALSE(StreamJsonRecords(R"([{"a": 1}, 2])", collect));
  EXPECT_EQ(collect.records, (std::vector<std::string>{R"([0]={"a":1})", "[1]=2"}));
  EXPECT_EQ(collect.remainder, "{}");
}

TEST(JsonRecordsTest, SyntaxErrorReportsLineAndColumnAfterDeliveringEarlierRecords) {
  Collect collect;
  const auto error =
      StreamJsonRecords("{\"Vpcs\": [\n  {\"VpcId\": \"a\"},\n  {\"VpcId\": \"b\",}\n]}", collect);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, 3u);
  EXPECT_EQ(error->column, 17u);
  EXPECT_NE(error->message.find("unexpected '}'"), std::string::npos) << error->message;
  EXPECT_EQ(collect.records, (std::vector<std::string>{R"(Vpcs[0]={"VpcId":"a"})"}));
  EXPECT_EQ(collect.remainder, "(none)") << "no remainder for a document that did not parse";
}

TEST(JsonRecordsTest, NestingDeeperThanTheLimitIsAnErrorWithAPosition) {
  Collect collect;
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const auto error = StreamJsonRecords(deep, collect, 512);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "nesting deeper than 512 levels");
  EXPECT_EQ(error->line, 1u);
  EXPECT_EQ(error->column, 513u);
}

TEST(JsonRecordsTest, TruncatedDocumentIsAnError) {
  Collect collect;
  const auto error = StreamJsonRecords(R"({"Vpcs": [{"VpcId": "a"})", collect);
  ASSERT_TRUE(error);
  EXPECT_EQ(collect.records.size(), 1u);
}

TEST(CompactJsonWhitespaceTest, RemovesIndentationButKeepsStrings) {
  std::string text = "{\n    \"a b\": [ 1 ,\t2 ],\r\n    \"c\": \"x \\\" y\"\n}\n";
  CompactJsonWhitespace(text);
  EXPECT_EQ(text, "{\"a b\":[1,2],\"c\":\"x \\\" y\"}");
}

TEST(CompactJsonWhitespaceTest, KeepsInvalidInputInvalid) {
  for (std::string text : {std::string("[1 2]"), std::string("[tr ue]"), std::string("[1\n-2]")}) {
    CompactJsonWhitespace(text);
    Collect collect;
    EXPECT_TRUE(StreamJsonRecords(text, collect)) << text;
  }
}

TEST(LineColumnAtTest, CountsLinesAndBytes) {
  EXPECT_EQ(LineColumnAt("ab\ncd\n", 0), (std::pair<std::uint32_t, std::uint32_t>{1, 1}));
  EXPECT_EQ(LineColumnAt("ab\ncd\n", 4), (std::pair<std::uint32_t, std::uint32_t>{2, 2}));
  EXPECT_EQ(LineColumnAt("ab", 99), (std::pair<std::uint32_t, std::uint32_t>{1, 3}));
}

}  // namespace
}  // namespace netlint::ingest
