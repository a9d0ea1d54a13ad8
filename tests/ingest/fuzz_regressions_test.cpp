// Replays every input under fixtures/fuzz/<target>/ through the code its fuzz target exercises:
// each is something a fuzzer once found troublesome (a crash, a hang, a sanitizer report, a
// broken invariant), kept so the fix stays fixed. The sanitizer build runs these under ASan and
// UBSan; this build checks they finish and break no invariant (a broken one aborts).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_inputs.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

struct FuzzCase {
  std::string target;
  fs::path input;
};

void PrintTo(const FuzzCase& fuzz_case, std::ostream* out) { *out << fuzz_case.input.string(); }

std::vector<FuzzCase> AllFuzzCases() {
  std::vector<FuzzCase> cases;
  const fs::path root = FixturesDir() / "fuzz";
  if (!fs::exists(root)) return cases;
  for (const auto& target : fs::directory_iterator(root)) {
    if (!target.is_directory()) continue;
    for (const auto& input : fs::directory_iterator(target.path())) {
      if (input.is_regular_file()) cases.push_back({target.path().filename().string(), input.path()});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const FuzzCase& a, const FuzzCase& b) { return a.input < b.input; });
  return cases;
}

class FuzzRegressionTest : public ::testing::TestWithParam<FuzzCase> {};

TEST_P(FuzzRegressionTest, FinishesWithoutBreakingAnInvariant) {
  const std::string bytes = ReadFile(GetParam().input);
  const std::span<const std::uint8_t> data(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                           bytes.size());
  EXPECT_TRUE(fuzz::RunTarget(GetParam().target, data))
      << "fixtures/fuzz/" << GetParam().target << " names no fuzz target";
}

std::string CaseName(const ::testing::TestParamInfo<FuzzCase>& info) {
  std::string name = info.param.target + "_" + info.param.input.filename().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fuzz, FuzzRegressionTest, ::testing::ValuesIn(AllFuzzCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FuzzRegressionTest);

}  // namespace
}  // namespace netlint::testing
