#include "netlint/report/reach_report.h"

#include "analyzer/report/json_writer.h"

namespace netlint::report {
namespace {

std::string Where(const SourceRef& source, const FileTable& files, const ReportOptions& options) {
  if (!source.HasFile()) return {};
  std::string where = DisplayPath(files.Path(source.file), options);
  if (source.line != 0) where += ":" + std::to_string(source.line);
  return where;
}

std::string_view Marker(reach::Verdict verdict) {
  switch (verdict) {
    case reach::Verdict::kReachable: return "ok     ";
    case reach::Verdict::kBlocked: return "BLOCKED";
    case reach::Verdict::kUnknown: return "unknown";
  }
  return "?      ";
}

}  // namespace

std::string_view VerdictToken(reach::Verdict verdict) {
  switch (verdict) {
    case reach::Verdict::kReachable: return "reachable";
    case reach::Verdict::kBlocked: return "blocked";
    case reach::Verdict::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string PathSummary(const std::vector<reach::Hop>& hops) {
  std::string text;
  for (const reach::Hop& hop : hops) {
    if (!text.empty()) text += " -> ";
    text += hop.node;
  }
  return text;
}

void WriteJsonLocation(JsonWriter& json, const SourceRef& source, const FileTable& files,
                       const ReportOptions& options) {
  json.Key("location");
  json.BeginObject();
  json.Key("column");
  source.column != 0 ? json.Number(source.column) : json.Null();
  json.Key("file");
  source.HasFile() ? json.String(DisplayPath(files.Path(source.file), options)) : json.Null();
  json.Key("line");
  source.line != 0 ? json.Number(source.line) : json.Null();
  json.Key("pointer");
  source.pointer.empty() ? json.Null() : json.String(source.pointer);
  json.EndObject();
}

void WriteJsonHops(JsonWriter& json, const std::vector<reach::Hop>& hops, const FileTable& files,
                   const ReportOptions& options) {
  json.BeginArray();
  for (const reach::Hop& hop : hops) {
    json.BeginObject();
    json.Key("checks");
    json.BeginArray();
    for (const reach::Check& check : hop.checks) {
      json.BeginObject();
      WriteJsonLocation(json, check.source, files, options);
      json.Key("resource");
      json.String(check.resource);
      json.Key("text");
      json.String(check.text);
      json.Key("verdict");
      json.String(VerdictToken(check.verdict));
      json.EndObject();
    }
    json.EndArray();
    json.Key("kind");
    json.String(hop.kind);
    json.Key("label");
    json.String(hop.label);
    json.Key("node");
    json.String(hop.node);
    json.EndObject();
  }
  json.EndArray();
}

void WriteAnswersText(const std::vector<reach::Answer>& answers, const FileTable& files,
                      const ReportOptions& options, std::ostream& out) {
  bool first_answer = true;
  for (const reach::Answer& answer : answers) {
    if (!first_answer) out << '\n';
    first_answer = false;
    out << answer.flow << " from " << answer.from << " to " << answer.to << ": "
        << reach::VerdictName(answer.verdict) << '\n';
    for (const std::string& note : answer.notes) out << "  note: " << note << '\n';
    std::size_t index = 0;
    for (const reach::PathResult& path : answer.paths) {
      ++index;
      out << "\n  path " << index << " of " << answer.paths.size() << ", via " << path.via << ": "
          << reach::VerdictName(path.verdict) << '\n';
      std::size_t hop_number = 0;
      for (const reach::Hop& hop : path.hops) {
        ++hop_number;
        out << "    " << hop_number << ". " << hop.node << " [" << hop.kind << "]";
        if (!hop.label.empty() && hop.label != hop.node) out << " " << hop.label;
        out << '\n';
        for (const reach::Check& check : hop.checks) {
          const std::string where = Where(check.source, files, options);
          out << "         " << Marker(check.verdict) << ' ' << check.text
              << (where.empty() ? "" : " (" + where + ")") << '\n';
        }
      }
      const auto blocking = path.ChecksWith(reach::Verdict::kBlocked);
      const auto unknown = path.ChecksWith(reach::Verdict::kUnknown);
      if (!blocking.empty()) {
        out << "    to open this path, change all of:\n";
        for (const reach::Check* check : blocking) {
          const std::string where = Where(check->source, files, options);
          out << "      - " << check->text << (where.empty() ? "" : " (" + where + ")") << '\n';
        }
      }
      if (!unknown.empty()) {
        out << "    unknown until deployed or described:\n";
        for (const reach::Check* check : unknown) out << "      - " << check->text << '\n';
      }
    }
  }
}

void WriteAnswersJson(const std::vector<reach::Answer>& answers, const FileTable& files,
                      const ReportOptions& options, std::ostream& out) {
  JsonWriter json(out);
  json.BeginObject();
  json.Key("answers");
  json.BeginArray();
  for (const reach::Answer& answer : answers) {
    json.BeginObject();
    json.Key("flow");
    json.String(answer.flow);
    json.Key("from");
    json.String(answer.from);
    json.Key("notes");
    json.BeginArray();
    for (const std::string& note : answer.notes) json.String(note);
    json.EndArray();
    json.Key("paths");
    json.BeginArray();
    for (const reach::PathResult& path : answer.paths) {
      json.BeginObject();
      json.Key("hops");
      WriteJsonHops(json, path.hops, files, options);
      json.Key("verdict");
      json.String(VerdictToken(path.verdict));
      json.Key("via");
      json.String(path.via);
      json.EndObject();
    }
    json.EndArray();
    json.Key("to");
    json.String(answer.to);
    json.Key("verdict");
    json.String(VerdictToken(answer.verdict));
    json.EndObject();
  }
  json.EndArray();
  json.Key("tool");
  json.BeginObject();
  json.Key("name");
  json.String("netlint");
  json.Key("version");
  json.String(NETLINT_VERSION);
  json.EndObject();
  json.Key("version");
  json.String("1");
  json.EndObject();
  out << '\n';
}

}  // namespace netlint::report
