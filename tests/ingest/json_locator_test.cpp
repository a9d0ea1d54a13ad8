#include "analyzer/ingest/json/json_locator.h"

#include <gtest/gtest.h>

namespace netlint::ingest {
namespace {

using Position = std::pair<std::uint32_t, std::uint32_t>;

const char* const kDocument = R"({
    "SecurityGroups": [
        {
            "GroupId": "sg-1",
            "IpPermissions": [
                {"IpProtocol": "tcp"},
                {"IpProtocol": "udp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
            ]
        },
        {"GroupId": "sg-2", "a/b": {"c~d": 1}, "esc\"aped": true}
    ]
})";

TEST(JsonLocatorTest, LocatesNestedMembersAndElements) {
  JsonLocator locator(kDocument);
  EXPECT_EQ(locator.Locate("/SecurityGroups/0"), Position(3, 9));
  EXPECT_EQ(locator.Locate("/SecurityGroups/0/IpPermissions/1"), Position(7, 17));
  EXPECT_EQ(locator.Locate("/SecurityGroups/0/IpPermissions/1/IpRanges/0"), Position(7, 52));
  EXPECT_EQ(locator.Locate("/SecurityGroups/1"), Position(10, 9));
}

TEST(JsonLocatorTest, UnescapesPointerTokens) {
  JsonLocator locator(kDocument);
  EXPECT_EQ(locator.Locate("/SecurityGroups/1/a~1b/c~0d"), Position(10, 44));
  EXPECT_EQ(locator.Locate("/SecurityGroups/1/esc\"aped"), Position(10, 61));
}

TEST(JsonLocatorTest, FallsBackToTheNearestExistingAncestor) {
  JsonLocator locator(kDocument);
  EXPECT_EQ(locator.Locate("/SecurityGroups/0/NoSuchKey"), Position(3, 9));
  EXPECT_EQ(locator.Locate("/SecurityGroups/7"), Position(2, 23));
  EXPECT_EQ(locator.Locate(""), Position(1, 1));
}

TEST(JsonLocatorTest, TopLevelArrays) {
  JsonLocator locator("[\n  {\"a\": 1},\n  {\"a\": [5, 6]}\n]");
  EXPECT_EQ(locator.Locate("/1/a/1"), Position(3, 13));
}

// A plan on one line: arrays and members below the top level, looked up out of order and
// again, must give the same places as a fresh walk would.
TEST(JsonLocatorTest, RemembersNestedArraysAndMembersBetweenLookups) {
  JsonLocator locator(
      R"({"planned_values":{"root_module":{"child_modules":[{"resources":[{"values":{"id":"a"}},)"
      R"({"values":{"id":"b"}}]},{"resources":[{"values":{"id":"c"}}]}]}},)"
      R"("resource_changes":[{"address":"x"}]})");
  const std::string modules = "/planned_values/root_module/child_modules";
  EXPECT_EQ(locator.Locate(modules + "/1/resources/0/values/id"), Position(1, 142));
  EXPECT_EQ(locator.Locate(modules + "/0/resources/1/values/id"), Position(1, 104));
  EXPECT_EQ(locator.Locate(modules + "/0/resources/0/values/id"), Position(1, 82));
  EXPECT_EQ(locator.Locate("/resource_changes/0"), Position(1, 173));
  EXPECT_EQ(locator.Locate(modules + "/1/resources/5"), Position(1, 125));
  EXPECT_EQ(locator.Locate(modules + "/1/missing"), Position(1, 112));
  EXPECT_EQ(locator.Locate(modules + "/1/missing/deeper"), Position(1, 112));
  EXPECT_EQ(locator.Locate(modules + "/1/resources/0/values/id"), Position(1, 142));
}

TEST(JsonLocatorTest, ManyOffsetsInOnePass) {
  JsonLocator locator("a\nbb\nccc");
  EXPECT_EQ(locator.LineColumns({7, 0, 3}),
            (std::vector<Position>{{3, 3}, {1, 1}, {2, 2}}));
}

}  // namespace
}  // namespace netlint::ingest
