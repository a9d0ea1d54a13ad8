#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace netlint {

// Calls work(i) for every i in [0, count), on up to one thread per processor. Items are taken in
// order from a shared counter, so callers that store results by index get the same output
// whatever the number of threads. `work` must not throw.
template <typename Work>
void ParallelFor(std::size_t count, Work&& work) {
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  const std::size_t threads = std::min<std::size_t>(
      {static_cast<std::size_t>(std::max(1U, std::thread::hardware_concurrency())), count, 8});
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(run);
  run();
  for (std::thread& worker : workers) worker.join();
}

}  // namespace netlint
