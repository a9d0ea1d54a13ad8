// The reports of `netlint diff`. Findings are written the way the check writes them; flows the
// way `netlint reach` names their ends.

#include "netlint/report/diff_report.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <span>

#include "analyzer/report/formats.h"
#include "analyzer/report/json_writer.h"
#include "netlint/report/reach_report.h"

namespace netlint::report {
namespace {

std::string Plural(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

// "tcp", or "tcp over IPv6" (flows are IPv4 unless said).
std::string ProtocolText(const diff::Flow& flow) {
  return flow.family == model::IpFamily::kV6 ? flow.protocol + " over IPv6" : flow.protocol;
}

std::string FlowText(const diff::Flow& flow) {
  std::string text = flow.from + " -> " + flow.to + " " + flow.protocol;
  if (const std::string ports = PortsText(flow.ports); !ports.empty()) text += "/" + ports;
  if (flow.family == model::IpFamily::kV6) text += " over IPv6";
  return text;
}

void WriteFindingsText(std::string_view title, const std::vector<rules::Finding>& findings,
                       const FileTable& files, const ReportOptions& options, std::ostream& out) {
  if (findings.empty()) return;
  out << title << " (" << findings.size() << ")\n";
  std::string current_file;
  bool first = true;
  for (const rules::Finding& finding : findings) {
    const std::string file = finding.source.HasFile()
                                 ? DisplayPath(files.Path(finding.source.file), options)
                                 : std::string("(no file)");
    if (first || file != current_file) {
      out << file << '\n';
      current_file = file;
      first = false;
    }
    WriteTextFinding(finding, files, options, out);
  }
  out << '\n';
}

struct FlowClass;
std::vector<FlowClass> ClassesOf(const std::vector<diff::Flow>& flows);
std::string EndsText(const std::set<std::string>& ends);
// More flows than this are summarised by protocol and ports first.
constexpr std::size_t kFlowsListedAlone = 50;

void WriteFlowClassesText(const std::vector<diff::Flow>& flows, std::ostream& out);

void WriteFlowsText(std::string_view title, std::string_view marker,
                    const std::vector<diff::Flow>& flows, std::ostream& out) {
  if (flows.empty()) return;
  out << title << " (" << flows.size() << ")\n";
  if (flows.size() > kFlowsListedAlone) WriteFlowClassesText(flows, out);
  for (const diff::Flow& flow : flows) {
    out << "  " << marker << ' ' << FlowText(flow) << '\n';
    if (!flow.trace.hops.empty()) {
      out << "      path: " << PathSummary(flow.trace.hops) << '\n';
    }
  }
  out << '\n';
}

// "3 flows opened, 1 closed", and what left flows out.
std::string FlowsSummary(const diff::DiffResult& result) {
  if (!result.flows_compared) return "flows not compared (REACH005 is not selected)";
  std::string text = Plural(result.flows.opened.size(), "flow") + " opened, " +
                     std::to_string(result.flows.closed.size()) + " closed";
  if (result.flows_suppressed != 0) {
    text += " (" + std::to_string(result.flows_suppressed) +
            " opened accepted by an ignore entry of the configuration)";
  }
  return text;
}

void WriteSummaryText(const diff::DiffResult& result, std::ostream& out) {
  out << Plural(result.findings.added.size(), "new finding") << ", " << result.findings.fixed.size()
      << " fixed, " << result.findings.unchanged << " unchanged; " << FlowsSummary(result)
      << ".\n";
}

void WriteFlowJson(JsonWriter& json, const diff::Flow& flow, const FileTable& files,
                   const ReportOptions& options) {
  json.BeginObject();
  json.Key("family");
  json.String(flow.family == model::IpFamily::kV6 ? "ipv6" : "ipv4");
  json.Key("from");
  json.String(flow.from);
  json.Key("ports");
  json.String(PortsText(flow.ports));
  json.Key("protocol");
  json.String(flow.protocol);
  json.Key("to");
  json.String(flow.to);
  json.Key("trace");
  WriteJsonHops(json, flow.trace.hops, files, options);
  json.EndObject();
}

void WriteJson(const diff::DiffResult& result, const ReportOptions& options, std::ostream& out) {
  JsonWriter json(out);
  json.BeginObject();
  json.Key("fixed");
  json.BeginArray();
  for (const rules::Finding& finding : result.findings.fixed) {
    WriteJsonFinding(json, finding, result.base->files, options);
  }
  json.EndArray();
  json.Key("flows");
  json.BeginObject();
  json.Key("closed");
  json.BeginArray();
  for (const diff::Flow& flow : result.flows.closed) {
    WriteFlowJson(json, flow, result.base->files, options);
  }
  json.EndArray();
  json.Key("compared");
  json.Bool(result.flows_compared);
  json.Key("opened");
  json.BeginArray();
  for (const diff::Flow& flow : result.flows.opened) {
    WriteFlowJson(json, flow, result.head->files, options);
  }
  json.EndArray();
  json.Key("suppressed");
  json.Number(static_cast<long long>(result.flows_suppressed));
  json.EndObject();
  json.Key("new");
  json.BeginArray();
  for (const rules::Finding& finding : result.findings.added) {
    WriteJsonFinding(json, finding, result.head->files, options);
  }
  json.EndArray();
  json.Key("unchanged");
  json.Number(static_cast<long long>(result.findings.unchanged));
  json.EndObject();
  out << '\n';
}

// Rows per Markdown table: GitHub refuses comments over 65,536 characters, so a change with
// thousands of findings lists the first ones and says how many more there are.
constexpr std::size_t kMarkdownRows = 50;

void WriteMoreRows(std::size_t total, std::ostream& out) {
  if (total > kMarkdownRows) {
    out << "\n… and " << total - kMarkdownRows
        << " more (the JSON or SARIF output lists every one).\n";
  }
}

// Text for a Markdown table cell: pipes and backticks escaped, no line breaks, no HTML.
std::string Cell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    switch (c) {
      case '|':
        cell += "\\|";
        break;
      case '`':
        cell += "\\`";
        break;
      case '\\':
        cell += "\\\\";
        break;
      case '<':
        cell += "&lt;";
        break;
      case '>':
        cell += "&gt;";
        break;
      case '&':
        cell += "&amp;";
        break;
      case '\n':
      case '\r':
        cell += ' ';
        break;
      default:
        cell += c;
    }
  }
  return cell;
}

std::string Location(const rules::Finding& finding, const FileTable& files,
                     const ReportOptions& options) {
  if (!finding.source.HasFile()) return {};
  std::string where = DisplayPath(files.Path(finding.source.file), options);
  if (finding.source.line != 0) where += ":" + std::to_string(finding.source.line);
  return where;
}

void WriteFindingsMarkdown(std::string_view title, const std::vector<rules::Finding>& findings,
                           const FileTable& files, const ReportOptions& options,
                           std::ostream& out) {
  if (findings.empty()) return;
  out << "\n#### " << title << " (" << findings.size() << ")\n\n"
      << "| Severity | Rule | Resource | Finding | Where |\n|---|---|---|---|---|\n";
  for (const rules::Finding& finding :
       std::span(findings).first(std::min(findings.size(), kMarkdownRows))) {
    out << "| " << SeverityName(finding.severity) << " | " << Cell(finding.rule) << " | "
        << Cell(finding.resource) << " | " << Cell(finding.message) << " | "
        << Cell(Location(finding, files, options)) << " |\n";
  }
  WriteMoreRows(findings.size(), out);
}

// Flows grouped by protocol and ports, so that a change opening one port between many
// workloads reads as one line before the long list.
struct FlowClass {
  std::string protocol;  // "tcp", "tcp over IPv6"
  std::string port_text;  // "tcp/22", "tcp/22 over IPv6"
  std::string ports;
  std::size_t flows = 0;
  std::set<std::string> from;
  std::set<std::string> to;
};

std::vector<FlowClass> ClassesOf(const std::vector<diff::Flow>& flows) {
  std::map<std::pair<std::string, std::string>, FlowClass> classes;
  for (const diff::Flow& flow : flows) {
    const std::string ports = PortsText(flow.ports);
    FlowClass& entry = classes[{ProtocolText(flow), ports}];
    entry.protocol = ProtocolText(flow);
    entry.port_text = flow.protocol + (ports.empty() ? "" : "/" + ports) +
                      (flow.family == model::IpFamily::kV6 ? " over IPv6" : "");
    entry.ports = ports;
    ++entry.flows;
    entry.from.insert(flow.from);
    entry.to.insert(flow.to);
  }
  std::vector<FlowClass> sorted;
  sorted.reserve(classes.size());
  for (auto& [key, entry] : classes) sorted.push_back(std::move(entry));
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const FlowClass& a, const FlowClass& b) { return a.flows > b.flows; });
  return sorted;
}

// "internet, 2 services and 40 workloads"; a single end by its name.
std::string EndsText(const std::set<std::string>& ends) {
  if (ends.size() == 1) return *ends.begin();
  std::size_t services = 0;
  std::size_t workloads = 0;
  bool internet = false;
  for (const std::string& end : ends) {
    if (end == "internet") {
      internet = true;
    } else if (end.rfind("aws:", 0) == 0) {
      ++services;
    } else {
      ++workloads;
    }
  }
  std::vector<std::string> parts;
  if (internet) parts.emplace_back("internet");
  if (services != 0) parts.push_back(Plural(services, "service"));
  if (workloads != 0) parts.push_back(Plural(workloads, "workload"));
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) text += i + 1 == parts.size() ? " and " : ", ";
    text += parts[i];
  }
  return text;
}

void WriteFlowClassesText(const std::vector<diff::Flow>& flows, std::ostream& out) {
  for (const FlowClass& entry : ClassesOf(flows)) {
    out << "  by port: " << entry.port_text << ": " << Plural(entry.flows, "flow") << " from " << EndsText(entry.from) << " to "
        << EndsText(entry.to) << '\n';
  }
}

void WriteFlowsMarkdown(std::string_view title, const std::vector<diff::Flow>& flows,
                        std::ostream& out) {
  if (flows.empty()) return;
  out << "\n#### " << title << " (" << flows.size() << ")\n\n";
  if (flows.size() > kFlowsListedAlone) {
    const std::vector<FlowClass> classes = ClassesOf(flows);
    out << "| Protocol | Ports | Flows | From | To |\n|---|---|---|---|---|\n";
    for (const FlowClass& entry :
         std::span(classes).first(std::min(classes.size(), kMarkdownRows))) {
      out << "| " << Cell(entry.protocol) << " | " << Cell(entry.ports) << " | " << entry.flows
          << " | " << Cell(EndsText(entry.from)) << " | " << Cell(EndsText(entry.to)) << " |\n";
    }
    WriteMoreRows(classes.size(), out);
    out << "\n";
  }
  out << "| From | To | Protocol | Ports | Path |\n|---|---|---|---|---|\n";
  for (const diff::Flow& flow : std::span(flows).first(std::min(flows.size(), kMarkdownRows))) {
    out << "| " << Cell(flow.from) << " | " << Cell(flow.to) << " | " << Cell(ProtocolText(flow))
        << " | " << Cell(PortsText(flow.ports)) << " | " << Cell(PathSummary(flow.trace.hops))
        << " |\n";
  }
  WriteMoreRows(flows.size(), out);
}

void WriteMarkdown(const diff::DiffResult& result, const ReportOptions& options,
                   std::ostream& out) {
  out << "### netlint: what this change does to the network\n\n";
  const bool nothing = result.findings.added.empty() && result.findings.fixed.empty() &&
                       result.flows.opened.empty() && result.flows.closed.empty();
  if (nothing && result.flows_compared && result.flows_suppressed == 0) {
    out << "No flow opened or closed, no finding added or fixed (" << result.findings.unchanged
        << " unchanged).\n";
    return;
  }
  std::string flows = FlowsSummary(result);
  flows.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(flows.front())));
  out << "**" << flows << "; "
      << Plural(result.findings.added.size(), "new finding") << ", " << result.findings.fixed.size()
      << " fixed, " << result.findings.unchanged << " unchanged.**\n";
  WriteFlowsMarkdown("Opened flows", result.flows.opened, out);
  WriteFlowsMarkdown("Closed flows", result.flows.closed, out);
  WriteFindingsMarkdown("New findings", result.findings.added, result.head->files, options, out);
  WriteFindingsMarkdown("Fixed findings", result.findings.fixed, result.base->files, options, out);
}

}  // namespace

std::optional<DiffFormat> ParseDiffFormat(std::string_view name) {
  if (name == "text") return DiffFormat::kText;
  if (name == "json") return DiffFormat::kJson;
  if (name == "sarif") return DiffFormat::kSarif;
  if (name == "markdown") return DiffFormat::kMarkdown;
  return std::nullopt;
}

std::string PortsText(const model::PortSet& ports) {
  std::string text;
  for (const auto& interval : ports.intervals()) {
    if (!text.empty()) text += ',';
    text += std::to_string(interval.first);
    if (interval.last != interval.first) text += "-" + std::to_string(interval.last);
  }
  return text;
}

Severity OpenedFlowSeverity(const diff::DiffResult& result, const diff::Flow& flow) {
  if (result.opened_flow_severity) return *result.opened_flow_severity;
  return flow.from == "internet" ? Severity::kError : Severity::kNote;
}

bool DiffHasFailures(const diff::DiffResult& result, Severity fail_on) {
  const bool finding_fails =
      std::any_of(result.findings.added.begin(), result.findings.added.end(),
                  [&](const rules::Finding& finding) { return finding.severity >= fail_on; });
  const bool flow_fails =
      std::any_of(result.flows.opened.begin(), result.flows.opened.end(),
                  [&](const diff::Flow& flow) { return OpenedFlowSeverity(result, flow) >= fail_on; });
  return finding_fails || flow_fails;
}

rules::Finding OpenedFlowFinding(const diff::DiffResult& result, const diff::Flow& flow) {
  rules::Finding finding;
  finding.rule = "REACH005";
  finding.severity = OpenedFlowSeverity(result, flow);
  const bool to_workload = flow.to != "internet" && flow.to.rfind("aws:", 0) != 0;
  finding.resource = to_workload ? flow.to : flow.from;
  finding.message = "this change opens " + FlowText(flow) + ", which the base version blocked";
  finding.path = flow.trace.hops;
  // The last setting of the path that lets the flow through: for a flow into a workload its
  // security group's rule, the usual thing a change relaxes.
  for (auto hop = flow.trace.hops.rbegin(); hop != flow.trace.hops.rend(); ++hop) {
    for (auto check = hop->checks.rbegin(); check != hop->checks.rend(); ++check) {
      if (check->source.HasFile() && check->source.line != 0 &&
          check->verdict == reach::Verdict::kReachable) {
        finding.source = check->source;
        break;
      }
    }
    if (finding.source.HasFile()) break;
  }
  finding.key = FlowText(flow);
  return finding;
}

engine::CheckResult IntroducedFindings(const diff::DiffResult& result) {
  engine::CheckResult introduced;
  introduced.files = result.head->files;
  introduced.findings = result.findings.added;
  for (const diff::Flow& flow : result.flows.opened) {
    introduced.findings.push_back(OpenedFlowFinding(result, flow));
  }
  engine::LocateFindings(introduced.findings, introduced.files);  // in report order
  introduced.summary = result.head->summary;
  introduced.summary.by_severity = {};
  for (const rules::Finding& finding : introduced.findings) {
    ++introduced.summary.by_severity[static_cast<std::size_t>(finding.severity)];
  }
  introduced.usable_input = result.head->usable_input;
  introduced.network = result.head->network;
  return introduced;
}

void WriteDiff(const diff::DiffResult& result, DiffFormat format, const ReportOptions& options,
               std::ostream& out) {
  switch (format) {
    case DiffFormat::kText:
      WriteFindingsText("New findings", result.findings.added, result.head->files, options, out);
      WriteFindingsText("Fixed findings", result.findings.fixed, result.base->files, options, out);
      WriteFlowsText("Opened flows", "+", result.flows.opened, out);
      WriteFlowsText("Closed flows", "-", result.flows.closed, out);
      WriteSummaryText(result, out);
      return;
    case DiffFormat::kJson:
      WriteJson(result, options, out);
      return;
    case DiffFormat::kSarif:
      MakeSarifReporter(options)->Write(IntroducedFindings(result), out);
      return;
    case DiffFormat::kMarkdown:
      WriteMarkdown(result, options, out);
      return;
  }
}

}  // namespace netlint::report
