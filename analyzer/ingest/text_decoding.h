#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netlint::ingest {

// Length of the valid UTF-8 sequence at text[pos], or 0 when it is not one.
inline std::size_t Utf8Length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  std::uint32_t code = 0;
  std::uint32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(pos + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(pos + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

// Byte offset of the first byte that is not part of valid UTF-8, or nothing.
std::optional<std::size_t> FirstInvalidUtf8(std::string_view text);

// Makes file bytes UTF-8 without a byte-order mark: strips a UTF-8 BOM and transcodes UTF-16
// LE/BE with a BOM (Windows PowerShell's `>` writes UTF-16LE). Returns false, leaving `text`
// unchanged, when a UTF-16 file is malformed (odd length, unpaired surrogate).
bool NormaliseEncoding(std::string& text);

// Reads a whole file (at most 2 GiB), or a pipe to its end. Refuses binary content (a NUL byte
// in the first 64 KiB of a file without a UTF-16 mark) after reading only that much. Otherwise
// says why in `error`.
// The largest file ReadWholeFile reads.
inline constexpr std::uintmax_t kLargestWholeFile = std::uintmax_t{2} << 30;
enum class ReadStatus { kRead, kBinary, kFailed };
ReadStatus ReadWholeFile(const std::string& path, std::string& text, std::string& error);

}  // namespace netlint::ingest
