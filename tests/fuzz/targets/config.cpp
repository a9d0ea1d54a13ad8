// libFuzzer target: the `.netlint.yaml` reader.
// Built with -DNETLINT_FUZZ=ON and run by scripts/fuzz.sh.
#include "tests/fuzz/fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netlint::fuzz::RunTarget("config", {data, size});
  return 0;
}
