// Stage benchmarks (Google Benchmark) on generated inputs, and the raw parse rate of the same
// bytes by the libraries netlint could have used instead: nlohmann's DOM and SAX parsers for
// JSON, yaml-cpp for templates. Those rates are the practical limit of our own dependencies.
//
//   netlint_bench_stages [--benchmark_...] INPUT...
//
// Each INPUT is a folder of describe output, a CloudFormation template or a Terraform plan
// (bench/generate_estate.cpp makes all three); benchmarks are named stage/input-kind:
//   ingest/K   read, parse and translate every file into the model (what `load` times)
//   model/K    freeze the model, derive the topology, check references
//   graph/K    build the reachability engine's forwarding graph
//   rules/K    run every stable rule, in parallel as `netlint check` does
//   parse/K/P  parse the same bytes with parser P only, building nothing of the model
// Bytes per second count the input's bytes. Inputs are read before timing starts.

#include <benchmark/benchmark.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/base/parallel.h"
#include "analyzer/ingest/cfn/template_tree.h"
#include "analyzer/ingest/json/json_records.h"
#include "analyzer/ingest/json/json_value.h"
#include "analyzer/ingest/text_decoding.h"
#include "netlint/base/diagnostics.h"
#include "netlint/base/source.h"
#include "netlint/engine/engine.h"
#include "netlint/ingest/loader.h"
#include "netlint/model/network.h"
#include "netlint/model/topology.h"
#include "netlint/model/validate.h"
#include "netlint/reach/reach.h"
#include "netlint/rules/registry.h"
#include "netlint/rules/rule.h"

namespace {

namespace fs = std::filesystem;
using netlint::DiagnosticSink;
using netlint::FileTable;

enum class InputKind { kDescribe, kTemplate, kPlan };

const char* KindName(InputKind kind) {
  switch (kind) {
    case InputKind::kDescribe:
      return "describe";
    case InputKind::kTemplate:
      return "template";
    case InputKind::kPlan:
      return "plan";
  }
  return "?";
}

struct Input {
  std::string path;
  InputKind kind = InputKind::kDescribe;
  std::vector<std::string> texts;  // every file's bytes, for the parse benchmarks
  std::int64_t bytes = 0;
};

// A folder is describe output; a file is a template when YAML, a plan when JSON.
Input ReadInput(const std::string& path) {
  Input input;
  input.path = path;
  std::vector<std::string> files;
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::directory_iterator(path)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        files.push_back(entry.path().string());
      }
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
    const std::string extension = fs::path(path).extension().string();
    input.kind = extension == ".yaml" || extension == ".yml" ? InputKind::kTemplate
                                                              : InputKind::kPlan;
  }
  for (const std::string& file : files) {
    std::string text;
    std::string error;
    if (netlint::ingest::ReadWholeFile(file, text, error) != netlint::ingest::ReadStatus::kRead) {
      std::fprintf(stderr, "netlint_bench_stages: %s\n", error.c_str());
      std::exit(2);
    }
    input.bytes += static_cast<std::int64_t>(text.size());
    input.texts.push_back(std::move(text));
  }
  return input;
}

// Everything `netlint check` builds before the rules run, kept alive together.
struct Loaded {
  std::shared_ptr<netlint::model::Network> network = std::make_shared<netlint::model::Network>();
  FileTable files;
  DiagnosticSink diagnostics;
  std::unique_ptr<netlint::model::Topology> topology;
  std::unique_ptr<netlint::reach::Reachability> reachability;
};

void Ingest(const Input& input, Loaded& loaded) {
  const std::vector<std::string> paths{input.path};
  netlint::ingest::LoadInputs(paths, *loaded.network, loaded.files, loaded.diagnostics);
}

void BuildModel(Loaded& loaded) {
  loaded.network->Freeze();
  loaded.topology = std::make_unique<netlint::model::Topology>(*loaded.network);
  netlint::model::ValidateReferences(*loaded.topology, loaded.diagnostics);
}

void BuildGraph(Loaded& loaded) {
  loaded.reachability = std::make_unique<netlint::reach::Reachability>(*loaded.topology);
}

std::size_t RunRules(const Loaded& loaded) {
  netlint::engine::CheckOptions options;
  std::vector<std::string> unknown;
  const std::vector<std::string> codes = netlint::engine::SelectRuleCodes(options, unknown);
  std::vector<std::size_t> counts(codes.size());
  netlint::ParallelFor(codes.size(), [&](std::size_t i) {
    const std::unique_ptr<netlint::rules::Rule> rule = netlint::rules::MakeRule(codes[i]);
    const netlint::rules::RuleOptions rule_options(rule->Meta(), {});
    const netlint::rules::AnalysisContext context{*loaded.network, *loaded.topology, rule_options,
                                                  loaded.reachability.get()};
    counts[i] = netlint::engine::RunRule(*rule, context).size();
  });
  std::size_t findings = 0;
  for (std::size_t count : counts) findings += count;
  return findings;
}

// Each benchmark stage starts from the state the stages before it leave; building that state
// and tearing it down are not timed.
enum class Stage { kIngest, kModel, kGraph, kRules };

void StageBenchmark(benchmark::State& state, const Input* input, Stage stage) {
  for (auto _ : state) {
    state.PauseTiming();
    auto loaded = std::make_unique<Loaded>();
    if (stage != Stage::kIngest) Ingest(*input, *loaded);
    if (stage > Stage::kModel) BuildModel(*loaded);
    if (stage > Stage::kGraph) BuildGraph(*loaded);
    state.ResumeTiming();
    switch (stage) {
      case Stage::kIngest:
        Ingest(*input, *loaded);
        break;
      case Stage::kModel:
        BuildModel(*loaded);
        break;
      case Stage::kGraph:
        BuildGraph(*loaded);
        break;
      case Stage::kRules:
        state.counters["findings"] = static_cast<double>(RunRules(*loaded));
        break;
    }
    state.PauseTiming();
    loaded.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(input->bytes * state.iterations());
}

// --- Raw parsers ---

// Takes every record netlint's streaming reader offers and keeps nothing.
class DiscardingConsumer final : public netlint::ingest::RecordConsumer {
 public:
  bool StreamMember(std::string_view /*key*/) override { return true; }
  void OnRecord(std::string_view /*key*/, std::size_t /*index*/,
                netlint::ingest::JsonValue record) override {
    benchmark::DoNotOptimize(record);
    ++records;
  }
  void OnRemainder(netlint::ingest::JsonValue /*remainder*/) override {}
  std::size_t records = 0;
};

// nlohmann's SAX interface with nothing done per event: parsing and validation alone.
struct DiscardingSax : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_object(std::size_t /*elements*/) override { return true; }
  bool key(string_t& /*value*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*elements*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) override {
    throw std::runtime_error(error.what());
  }
};

// yaml-cpp's event interface with nothing done per event: its scanner and parser alone, the
// floor under any tree built from its events.
struct DiscardingYamlEvents final : YAML::EventHandler {
  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
  void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {}
  void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                       YAML::anchor_t /*anchor*/, YAML::EmitterStyle::value /*style*/) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {}
  void OnMapEnd() override {}
};

enum class Parser {
  kNetlintStream,
  kNetlintDom,
  kNetlintTemplateTree,
  kNlohmannDom,
  kNlohmannSax,
  kYamlCpp,
  kYamlCppEvents
};

const char* ParserName(Parser parser) {
  switch (parser) {
    case Parser::kNetlintStream:
      return "netlint-stream";
    case Parser::kNetlintDom:
      return "netlint-dom";
    case Parser::kNetlintTemplateTree:
      return "netlint-template-tree";
    case Parser::kNlohmannDom:
      return "nlohmann-dom";
    case Parser::kNlohmannSax:
      return "nlohmann-sax";
    case Parser::kYamlCpp:
      return "yaml-cpp";
    case Parser::kYamlCppEvents:
      return "yaml-cpp-events";
  }
  return "?";
}

void Parse(Parser parser, const std::string& text, benchmark::State& state) {
  switch (parser) {
    case Parser::kNetlintStream: {
      DiscardingConsumer consumer;
      if (auto error = netlint::ingest::StreamJsonRecords(text, consumer)) {
        state.SkipWithError(error->message.c_str());
      }
      break;
    }
    case Parser::kNetlintDom: {
      netlint::ingest::JsonArena arena;
      if (auto error = netlint::ingest::ParseJson(text, arena)) {
        state.SkipWithError(error->message.c_str());
      }
      benchmark::DoNotOptimize(arena);
      break;
    }
    case Parser::kNetlintTemplateTree: {
      // The limits against hostile input are lifted: this measures the parser, and a 1x
      // template is larger than any real one.
      netlint::ingest::cfn::TreeLimits limits;
      limits.max_nodes = std::size_t{1} << 40;
      const netlint::ingest::cfn::TreeParse parsed = netlint::ingest::cfn::ParseTree(text, limits);
      if (parsed.error) state.SkipWithError(parsed.error->message.c_str());
      break;
    }
    case Parser::kNlohmannDom: {
      const nlohmann::json document = nlohmann::json::parse(text);
      benchmark::DoNotOptimize(document);
      break;
    }
    case Parser::kNlohmannSax: {
      DiscardingSax sax;
      nlohmann::json::sax_parse(text, &sax);
      break;
    }
    case Parser::kYamlCpp: {
      const YAML::Node document = YAML::Load(text);
      benchmark::DoNotOptimize(document);
      break;
    }
    case Parser::kYamlCppEvents: {
      std::istringstream stream(text);
      YAML::Parser events(stream);
      DiscardingYamlEvents handler;
      while (events.HandleNextDocument(handler)) {
      }
      break;
    }
  }
}

void ParseBenchmark(benchmark::State& state, const Input* input, Parser parser) {
  for (auto _ : state) {
    for (const std::string& text : input->texts) Parse(parser, text, state);
  }
  state.SetBytesProcessed(input->bytes * state.iterations());
}

std::vector<Parser> ParsersFor(InputKind kind) {
  switch (kind) {
    case InputKind::kDescribe:
      return {Parser::kNetlintStream, Parser::kNlohmannSax, Parser::kNlohmannDom};
    case InputKind::kTemplate:
      return {Parser::kNetlintTemplateTree, Parser::kYamlCpp, Parser::kYamlCppEvents};
    case InputKind::kPlan:
      return {Parser::kNetlintDom, Parser::kNlohmannSax, Parser::kNlohmannDom};
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: netlint_bench_stages [--benchmark_...] INPUT...\n"
                 "  INPUT: a folder of describe output, a template (.yaml) or a plan (.json)\n");
    return 2;
  }
  // Inputs live until the end of main; the benchmarks refer to them.
  std::vector<std::unique_ptr<Input>> inputs;
  for (int i = 1; i < argc; ++i) inputs.push_back(std::make_unique<Input>(ReadInput(argv[i])));
  for (const auto& input : inputs) {
    const std::string kind = KindName(input->kind);
    const std::pair<const char*, Stage> stages[] = {{"ingest", Stage::kIngest},
                                                    {"model", Stage::kModel},
                                                    {"graph", Stage::kGraph},
                                                    {"rules", Stage::kRules}};
    for (const auto& [name, stage] : stages) {
      benchmark::RegisterBenchmark((std::string(name) + "/" + kind).c_str(), StageBenchmark,
                                   input.get(), stage)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    for (Parser parser : ParsersFor(input->kind)) {
      benchmark::RegisterBenchmark(("parse/" + kind + "/" + ParserName(parser)).c_str(),
                                   ParseBenchmark, input.get(), parser)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
