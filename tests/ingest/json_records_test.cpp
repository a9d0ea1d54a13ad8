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
  void OnRecord(std::string_view key, std::size_t index, JsonValue record) override {
    records.push_back(std::string(key) + "[" + std::to_string(index) + "]=" + record.Dump());
  }
  void OnRemainder(JsonValue rest) override { remainder = rest.Dump(); }

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
  EXPECT_EQ(error->message, "expected '\"' to start an object key, found '}'");
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

TEST(JsonRecordsTest, ValuesOfEveryKindRoundTrip) {
  JsonArena arena;
  ASSERT_FALSE(ParseJson(
      R"( {"s": "a\"b\u00e9\ud83d\ude00", "n": [0, -12, 1.5e3, 18446744073709551615,
      99999999999999999999], "b": [true, false, null], "e": {}, "a": []} )",
      arena));
  EXPECT_EQ(arena.Root().Dump(),
            "{\"s\":\"a\\\"b\u00e9\xF0\x9F\x98\x80\",\"n\":[0,-12,1500,18446744073709551615,"
            "1e+20],\"b\":[true,false,null],\"e\":{},\"a\":[]}");
  EXPECT_EQ(arena.Root().Find("n").size(), 5u);
  EXPECT_EQ(arena.Root().Find("missing").valid(), false);
}

// Keys are stored once per document; each member still reads its own key, and a key's text
// used as a string value is that value.
TEST(JsonRecordsTest, RepeatedKeysOfAWholeDocumentReadBackExactly) {
  std::string text = "[";
  for (int i = 0; i < 3; ++i) {
    text += std::string(i == 0 ? "" : ",") + R"({"type": "type", "values": {"type": )" +
            std::to_string(i) + R"(, "t": "values"}})";
  }
  text += "]";
  JsonArena arena;
  ASSERT_FALSE(ParseJson(text, arena));
  EXPECT_EQ(arena.Root().Dump(),
            R"([{"type":"type","values":{"type":0,"t":"values"}},)"
            R"({"type":"type","values":{"type":1,"t":"values"}},)"
            R"({"type":"type","values":{"type":2,"t":"values"}}])");
  const JsonValue number = arena.Root().begin().operator*().Find("values").Find("type");
  EXPECT_EQ(number.integer(), 0);
  EXPECT_EQ(number.string(), "") << "a number has no string";
  EXPECT_EQ(number.key(), "type");
}

TEST(JsonRecordsTest, WholeDocumentParseSaysHowFarItHasRead) {
  std::string text = "[";
  while (text.size() < (std::size_t{3} << 20)) text += R"({"CidrIp": "10.0.0.0/8"},)";
  text += "{}]";
  JsonArena arena;
  std::vector<std::size_t> passed;
  ASSERT_FALSE(ParseJson(text, arena, kMaxJsonDepth, [&](std::size_t bytes) {
    passed.push_back(bytes);
  }));
  ASSERT_GE(passed.size(), 2U);
  EXPECT_GE(passed.front(), std::size_t{1} << 20);
  for (std::size_t i = 1; i < passed.size(); ++i) {
    EXPECT_GE(passed[i], passed[i - 1] + (std::size_t{1} << 20));
  }
  EXPECT_LT(passed.back(), text.size());
}

TEST(JsonRecordsTest, StrictGrammarWithClearMessages) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[01]", "expected ',' or ']' after an array element, found '1'"},
      {"[1.]", "invalid number: digits must follow the decimal point"},
      {"[tru]", "expected a value, found 't'"},
      {"{\"a\" 1}", "expected ':' after an object key, found '1'"},
      {"[\"\\x\"]", "invalid escape \\x in a string"},
      {"[\"\\ud800\"]", "unpaired surrogate in a \\u escape"},
      {"[\"a\tb\"]", "control character U+0009 in a string"},
      {"[\"\xC3\"]", "invalid UTF-8 in a string"},
      {"[\"abc", "string is not closed before the end of the input"},
      {"{} x", "unexpected 'x' after the end of the document"},
      {"", "expected a value, found the end of the input"},
      {"[1,]", "expected a value, found ']'"},
      {"{\"a\":1,}", "expected '\"' to start an object key, found '}'"},
  };
  for (const auto& [text, message] : cases) {
    JsonArena arena;
    const auto error = ParseJson(text, arena);
    ASSERT_TRUE(error) << text;
    EXPECT_EQ(error->message, message) << text;
  }
}

TEST(LineColumnAtTest, CountsLinesAndBytes) {
  EXPECT_EQ(LineColumnAt("ab\ncd\n", 0), (std::pair<std::uint32_t, std::uint32_t>{1, 1}));
  EXPECT_EQ(LineColumnAt("ab\ncd\n", 4), (std::pair<std::uint32_t, std::uint32_t>{2, 2}));
  EXPECT_EQ(LineColumnAt("ab", 99), (std::pair<std::uint32_t, std::uint32_t>{1, 3}));
}

}  // namespace
}  // namespace netlint::ingest
