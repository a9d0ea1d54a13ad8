// libFuzzer target: the whole of `netlint check` on one Terraform plan or state.
// Built with -DNETLINT_FUZZ=ON and run by scripts/fuzz.sh.
#include "tests/fuzz/fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netlint::fuzz::RunTarget("terraform_plan", {data, size});
  return 0;
}
