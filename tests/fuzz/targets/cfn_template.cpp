// libFuzzer target: the whole of `netlint check` on one CloudFormation template (YAML or JSON).
// Built with -DNETLINT_FUZZ=ON and run by scripts/fuzz.sh.
#include "tests/fuzz/fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netlint::fuzz::RunTarget("cfn_template", {data, size});
  return 0;
}
