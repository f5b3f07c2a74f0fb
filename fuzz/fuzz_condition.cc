// libFuzzer target: fuzz::fuzz_condition (fuzz/fuzz_entries.h).
#include "fuzz/fuzz_entries.h"
#include "fuzz/fuzz_main.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kmsaccess::fuzz::run_entry(kmsaccess::fuzz::fuzz_condition, data, size);
}
