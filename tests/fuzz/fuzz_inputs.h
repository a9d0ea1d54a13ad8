#pragma once

// What each fuzz target does with one input, shared by the libFuzzer executables
// (tests/fuzz/fuzz_*.cpp) and by the regression test that replays every input a fuzzer ever
// found troublesome (tests/ingest/fuzz_regressions_test.cpp). Each function returns normally
// for any input; a defect shows as a crash, a sanitizer report, or an abort on a broken
// invariant (an IN002 "rule failed" finding is a defect too).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace netlint::fuzz {

// Writes `data` to a scratch file named `file_name` and runs the whole of `netlint check`
// (loading, model, reachability, every rule including preview ones, locating) on it.
void CheckInputFile(std::span<const std::uint8_t> data, const std::string& file_name);

// Reads `data` as a `.netlint.yaml`.
void LoadConfigFile(std::span<const std::uint8_t> data);

// The text parsers of addresses, prefixes, protocols and port lists, with their round trips:
// whatever parses prints as text that parses back to the same value.
void ParseValues(std::span<const std::uint8_t> data);

// Runs the fuzz target called `target` (the file name under tests/fuzz/targets/ without
// `.cpp`) on `data`; returns false for an unknown name.
bool RunTarget(std::string_view target, std::span<const std::uint8_t> data);

}  // namespace netlint::fuzz
