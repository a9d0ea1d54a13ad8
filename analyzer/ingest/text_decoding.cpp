#include "analyzer/ingest/text_decoding.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "analyzer/ingest/json/json_records.h"

namespace netlint::ingest {
namespace {

void AppendUtf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

bool TranscodeUtf16(std::string& text, bool little_endian) {
  if (text.size() % 2 != 0) return false;
  std::string out;
  out.reserve(text.size() / 2);
  auto unit_at = [&](std::size_t i) -> std::uint32_t {
    const auto lo = static_cast<unsigned char>(text[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(text[little_endian ? i + 1 : i]);
    return (static_cast<std::uint32_t>(hi) << 8) | lo;
  };
  for (std::size_t i = 2; i < text.size(); i += 2) {  // skip the BOM
    std::uint32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (i + 3 >= text.size()) return false;
      const std::uint32_t low = unit_at(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return false;
    }
    AppendUtf8(out, unit);
  }
  text = std::move(out);
  return true;
}

}  // namespace

bool NormaliseEncoding(std::string& text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.erase(0, 3);
    return true;
  }
  if (text.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(text[0]);
    const auto b1 = static_cast<unsigned char>(text[1]);
    if (b0 == 0xFF && b1 == 0xFE) return TranscodeUtf16(text, true);
    if (b0 == 0xFE && b1 == 0xFF) return TranscodeUtf16(text, false);
  }
  return true;
}

namespace {

// Files larger than this are refused rather than read into memory.
constexpr std::uintmax_t kMaxFileBytes = kLargestWholeFile;
// How much of a file is looked at before deciding it is text worth reading whole.
constexpr std::size_t kSniffBytes = 64 * 1024;

bool StartsWithUtf16Mark(std::string_view head) {
  if (head.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(head[0]);
  const auto b1 = static_cast<unsigned char>(head[1]);
  return (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
}

// Text inputs never hold a NUL byte (UTF-16 aside, which starts with its mark): a file that does
// near its start is binary (an archive, an image, a sparse or zeroed file), refused before the
// rest of it is read, whatever its size.
bool LooksBinary(std::string_view head, std::string& error) {
  if (StartsWithUtf16Mark(head)) return false;
  const std::size_t nul = head.find('\0');
  if (nul == std::string_view::npos) return false;
  const auto [line, column] = LineColumnAt(head, nul);
  error = "binary content (a NUL byte at line " + std::to_string(line) + ", column " +
          std::to_string(column) + "): not JSON or YAML text";
  return true;
}

// Pipes and devices (`netlint check <(aws ec2 describe-vpcs)`) have no size: read to the end.
ReadStatus ReadStream(std::ifstream& in, std::string& text, std::string& error) {
  text.clear();
  std::array<char, kSniffBytes> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    const bool first = text.empty();
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (first && LooksBinary(text, error)) return ReadStatus::kBinary;
    if (text.size() > kMaxFileBytes) {
      error = "input is larger than 2 GiB; refusing to read it";
      return ReadStatus::kFailed;
    }
  }
  if (in.bad()) {
    error = "read error";
    return ReadStatus::kFailed;
  }
  return ReadStatus::kRead;
}

}  // namespace

std::optional<std::size_t> FirstInvalidUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t length = Utf8Length(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return std::nullopt;
}

ReadStatus ReadWholeFile(const std::string& path, std::string& text, std::string& error) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec) {
    error = "cannot read file: " + ec.message();
    return ReadStatus::kFailed;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return ReadStatus::kFailed;
  }
  if (!std::filesystem::is_regular_file(status)) return ReadStream(in, text, error);
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    error = "cannot read file: " + ec.message();
    return ReadStatus::kFailed;
  }
  if (size > kMaxFileBytes) {
    error = "file is larger than 2 GiB; refusing to read it";
    return ReadStatus::kFailed;
  }
  const std::size_t head_size = static_cast<std::size_t>(std::min<std::uintmax_t>(size, kSniffBytes));
  text.resize(head_size);
  in.read(text.data(), static_cast<std::streamsize>(head_size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return ReadStatus::kFailed;
  }
  if (LooksBinary(text, error)) return ReadStatus::kBinary;
  if (size > text.size() && text.size() == head_size) {
    const std::size_t head = text.size();
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data() + head, static_cast<std::streamsize>(size - head));
    // A file that shrank while being read is read as far as it goes.
    text.resize(head + static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
      error = std::string("cannot read file: ") + std::strerror(errno);
      return ReadStatus::kFailed;
    }
  }
  return ReadStatus::kRead;
}

}  // namespace netlint::ingest
