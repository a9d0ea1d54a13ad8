// libFuzzer target: the whole of `netlint check` on one describe-JSON file.
// Built with -DNETLINT_FUZZ=ON and run by scripts/fuzz.sh.
#include "tests/fuzz/fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netlint::fuzz::RunTarget("describe_json", {data, size});
  return 0;
}
