// One finding per line, `CODE file:line:col resource message`: the golden-fixture format, also
// handy for grep. Without a line, the location is `file#/json/pointer`; without a file, `-`.

#include "analyzer/report/formats.h"

namespace netlint::report {
namespace {

class ConciseReporter final : public Reporter {
 public:
  explicit ConciseReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    for (const rules::Finding& finding : result.findings) {
      out << finding.rule << ' ' << Location(result, finding.source) << ' '
          << (finding.resource.empty() ? "-" : finding.resource) << ' ' << finding.message
          << '\n';
    }
  }

 private:
  std::string Location(const engine::CheckResult& result, const SourceRef& source) const {
    if (!source.HasFile()) return "-";
    std::string text = DisplayPath(result.files.Path(source.file), options_);
    if (source.line != 0) {
      text += ':' + std::to_string(source.line) + ':' + std::to_string(source.column);
    } else if (!source.pointer.empty()) {
      text += '#' + source.pointer;
    }
    return text;
  }

  ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> MakeConciseReporter(ReportOptions options) {
  return std::make_unique<ConciseReporter>(std::move(options));
}

}  // namespace netlint::report
