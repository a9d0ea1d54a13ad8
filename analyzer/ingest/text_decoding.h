#pragma once

#include <string>

namespace netlint::ingest {

// Makes file bytes UTF-8 without a byte-order mark: strips a UTF-8 BOM and transcodes UTF-16
// LE/BE with a BOM (Windows PowerShell's `>` writes UTF-16LE). Returns false, leaving `text`
// unchanged, when a UTF-16 file is malformed (odd length, unpaired surrogate).
bool NormaliseEncoding(std::string& text);

}  // namespace netlint::ingest
