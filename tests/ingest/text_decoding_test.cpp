#include "analyzer/ingest/text_decoding.h"

#include <gtest/gtest.h>

namespace netlint::ingest {
namespace {

TEST(NormaliseEncodingTest, StripsUtf8ByteOrderMark) {
  std::string text = "\xEF\xBB\xBF{}";
  EXPECT_TRUE(NormaliseEncoding(text));
  EXPECT_EQ(text, "{}");
}

TEST(NormaliseEncodingTest, TranscodesUtf16LittleAndBigEndian) {
  std::string little("\xFF\xFE{\0\"\0\xE9\0\"\0}\0", 12);
  EXPECT_TRUE(NormaliseEncoding(little));
  EXPECT_EQ(little, "{\"\xC3\xA9\"}");
  std::string big("\xFE\xFF\0[\xD8\x3D\xDE\x00\0]", 10);
  EXPECT_TRUE(NormaliseEncoding(big));
  EXPECT_EQ(big, "[\xF0\x9F\x98\x80]");  // a surrogate pair
}

TEST(NormaliseEncodingTest, RejectsMalformedUtf16) {
  std::string odd("\xFF\xFE{\0}", 5);
  EXPECT_FALSE(NormaliseEncoding(odd));
  std::string lone_surrogate("\xFF\xFE\x00\xDC", 4);
  EXPECT_FALSE(NormaliseEncoding(lone_surrogate));
}

TEST(NormaliseEncodingTest, LeavesPlainTextAlone) {
  std::string text = "{\"a\": 1}";
  EXPECT_TRUE(NormaliseEncoding(text));
  EXPECT_EQ(text, "{\"a\": 1}");
}

}  // namespace
}  // namespace netlint::ingest
