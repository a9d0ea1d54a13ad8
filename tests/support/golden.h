#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace netlint::testing {

// Reads a whole file; empty when it does not exist.
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& text);

// Compares `actual` with the golden file. With NETLINT_UPDATE_GOLDEN=1 set, rewrites the golden
// file instead and succeeds. Returns an empty string on success, else a readable diff.
std::string CompareWithGolden(const std::filesystem::path& golden, const std::string& actual);

// Runs `netlint check` in-process on `paths` with only `codes` selected and returns the concise
// report, paths relative to `relative_to`; with `config`, that `.netlint.yaml` applies.
std::string RunConcise(const std::vector<std::string>& paths, const std::vector<std::string>& codes,
                       const std::filesystem::path& relative_to,
                       const std::filesystem::path& config = {});

std::filesystem::path FixturesDir();

}  // namespace netlint::testing
