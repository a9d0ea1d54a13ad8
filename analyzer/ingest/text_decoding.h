#pragma once

#include <string>

namespace netlint::ingest {

// Makes file bytes UTF-8 without a byte-order mark: strips a UTF-8 BOM and transcodes UTF-16
// LE/BE with a BOM (Windows PowerShell's `>` writes UTF-16LE). Returns false, leaving `text`
// unchanged, when a UTF-16 file is malformed (odd length, unpaired surrogate).
bool NormaliseEncoding(std::string& text);

// Reads a whole file (at most 2 GiB). On failure returns false and says why in `error`.
bool ReadWholeFile(const std::string& path, std::string& text, std::string& error);

}  // namespace netlint::ingest
