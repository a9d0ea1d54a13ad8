// Times the flow diff of two versions of a network, stage by stage, for the benchmark of
// `netlint diff` on large estates (the command itself also diffs findings):
//
//   netlint_bench_diff_flows BASE HEAD
//
// prints the seconds spent loading each version and comparing their flows, and the counts of
// opened, closed and uncertain flows and of reachability questions asked.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "netlint/diff/flows.h"
#include "netlint/engine/engine.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: netlint_bench_diff_flows BASE HEAD\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
  };
  auto start = Clock::now();
  const netlint::engine::LoadedModel base = netlint::engine::LoadModel({argv[1]});
  const double base_seconds = seconds(start);
  start = Clock::now();
  const netlint::engine::LoadedModel head = netlint::engine::LoadModel({argv[2]});
  const double head_seconds = seconds(start);
  start = Clock::now();
  const netlint::diff::FlowChanges changes = netlint::diff::DiffFlows(base, head, {});
  const double diff_seconds = seconds(start);
  std::printf("load_base_s %.3f\nload_head_s %.3f\ndiff_flows_s %.3f\n", base_seconds,
              head_seconds, diff_seconds);
  std::printf("opened %zu\nclosed %zu\nuncertain %zu\nqueries %zu\n", changes.opened.size(),
              changes.closed.size(), changes.uncertain.size(), changes.queries);
  for (const auto* flows : {&changes.opened, &changes.closed, &changes.uncertain}) {
    const char* kind = flows == &changes.opened   ? "opened"
                       : flows == &changes.closed ? "closed"
                                                  : "uncertain";
    for (const netlint::diff::Flow& flow : *flows) {
      std::printf("%s %s -> %s %s/%s\n", kind,
                  flow.from.c_str(), flow.to.c_str(), flow.protocol.c_str(),
                  netlint::model::DescribePortSet(flow.ports).c_str());
    }
  }
  // The models are large; the process ends here without tearing them down, as the CLI does.
  std::fflush(stdout);
  std::_Exit(0);
}
