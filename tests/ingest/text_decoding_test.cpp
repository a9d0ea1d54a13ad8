#include "analyzer/ingest/text_decoding.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

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

TEST(ReadWholeFileTest, ReadsAPipeToItsEnd) {
  // `netlint check <(aws ec2 describe-vpcs)` hands netlint a pipe, which has no size.
  const std::filesystem::path fifo =
      std::filesystem::temp_directory_path() / ("netlint-fifo-" + std::to_string(::getpid()));
  std::filesystem::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string document = "{\"Vpcs\": [" + std::string(200000, ' ') + "]}";
  std::thread writer([&] { std::ofstream(fifo.string()) << document; });
  std::string text;
  std::string error;
  EXPECT_EQ(ReadWholeFile(fifo.string(), text, error), ReadStatus::kRead) << error;
  writer.join();
  EXPECT_EQ(text, document);
  std::filesystem::remove(fifo);
}

TEST(ReadWholeFileTest, BinaryContentIsRecognisedFromItsStart) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("netlint-binary-" + std::to_string(::getpid()));
  std::ofstream(path.string(), std::ios::binary) << std::string("PK\x03\x04\0\0zip", 10);
  std::string text;
  std::string error;
  EXPECT_EQ(ReadWholeFile(path.string(), text, error), ReadStatus::kBinary);
  EXPECT_EQ(error, "binary content (a NUL byte at line 1, column 5): not JSON or YAML text");
  std::ofstream(path.string(), std::ios::binary) << "\xFF\xFE{\0}\0";  // UTF-16 is not binary
  EXPECT_EQ(ReadWholeFile(path.string(), text, error), ReadStatus::kRead);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace netlint::ingest
