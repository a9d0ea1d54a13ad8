#include "analyzer/ingest/cfn/stacks.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "analyzer/ingest/cfn/intrinsics.h"
#include "analyzer/ingest/cfn/template_adapter.h"
#include "analyzer/ingest/scope_from_path.h"
#include "analyzer/ingest/text_decoding.h"

namespace netlint::ingest::cfn {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
// Real nesting is a few levels deep; these bound what a hostile or broken set of templates that
// nest each other many times over can cost.
constexpr std::size_t kMaxNestingDepth = 16;
constexpr std::size_t kMaxStacks = 2000;

struct TemplateFile {
  std::string path;
  std::string canonical;
  FileId file = 0;
  Node root;
  bool given = false;
  model::ScopeId scope = 0;
  // AWS::CloudFormation::Stack resources: logical id, the resource, the template they nest.
  struct Link {
    std::string logical_id;
    const Node* resource = nullptr;
    const Node* url = nullptr;
    std::size_t child = kNone;
  };
  std::vector<Link> links;
  std::vector<const Node*> imports;  // every Fn::ImportValue, to learn the names it asks for
};

struct Instance {
  std::size_t template_index = 0;
  std::string prefix;  // "" for a top-level stack, "Network/" for its nested stack Network
  std::size_t parent = kNone;
  std::size_t link = kNone;  // which of the parent template's links this stack is
  std::vector<std::size_t> children;
  bool exists = true;  // false when the parent's Stack resource has a false Condition
  std::map<std::string, Value, std::less<>> passed;
  std::map<std::string, Value, std::less<>> outputs;
  std::string stack_name;  // learnt from the imports of other stacks
};

// Where an export is declared: for duplicate names and the pattern of unknown stack names.
struct ExportDeclaration {
  std::size_t instance = 0;
  const Node* name_node = nullptr;
  Value value;
};

constexpr std::string_view kStackNamePlaceholder = "${AWS::StackName}";

std::string Signature(const Value& value) {
  return std::to_string(static_cast<int>(value.kind)) + ":" + value.Describe();
}

void CollectImports(const Node& node, std::vector<const Node*>& imports, int depth = 0) {
  if (depth > 200) return;
  if (std::optional<Intrinsic> function = AsIntrinsic(node);
      function && function->name == "Fn::ImportValue") {
    imports.push_back(&node);
    return;
  }
  for (const Node& item : node.items) CollectImports(item, imports, depth + 1);
  for (const auto& [key, member] : node.members) CollectImports(member, imports, depth + 1);
}

bool IsRemote(std::string_view url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 ||
         url.rfind("s3://", 0) == 0;
}

std::string Canonical(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : canonical.string();
}

bool IsListType(const Node* declaration) {
  const Node* type = declaration != nullptr ? declaration->Find("Type") : nullptr;
  if (type == nullptr || !type->IsScalar()) return false;
  const std::string& text = type->scalar;
  return text.rfind("List<", 0) == 0 || text == "CommaDelimitedList";
}

class StackLoader {
 public:
  StackLoader(std::span<const TemplateParameter> parameters, FileTable& files,
              model::Network& network, DiagnosticSink& diagnostics)
      : parameters_(parameters), files_(files), network_(network), diagnostics_(diagnostics) {}

  StacksLoad Load(std::vector<GivenTemplate> given);

 private:
  void Report(std::string code, Severity severity, const TemplateFile& where, const Node& at,
              std::string message, std::string resource = "") {
    diagnostics_.Report(std::move(code), severity, std::move(resource), std::move(message),
                        SourceRef{where.file, at.line, at.column, ""});
  }
  std::vector<std::string> TopLevelPrefixes(const std::vector<std::size_t>& roots) const;
  std::size_t AddTemplate(std::string path, FileId file, Node root, bool given);
  void FindLinks(std::size_t index);
  std::size_t LoadNestedFile(const std::filesystem::path& path, const TemplateFile& parent,
                             const TemplateFile::Link& link);
  void Instantiate(std::size_t template_index, std::string prefix, std::size_t parent,
                   std::size_t link, std::vector<std::size_t>& chain);
  ResolveSettings SettingsFor(std::size_t instance) const;
  // One round of resolution: outputs, exports, what parents pass. Returns its signature.
  std::string Round();
  void PassParameters(Resolver& resolver, const Instance& parent, Instance& child);
  void ReportFinal(const std::vector<MappedTemplate>& mapped,
                   const std::vector<std::size_t>& mapped_instances);

  // The value of AWS::Region or AWS::AccountId given like a parameter (the last one that is
  // well formed), or empty: pseudo parameters CloudFormation fills in at deployment.
  [[nodiscard]] std::string PseudoParameter(std::string_view name) const;

  std::span<const TemplateParameter> parameters_;
  FileTable& files_;
  model::Network& network_;
  DiagnosticSink& diagnostics_;
  std::vector<std::unique_ptr<TemplateFile>> templates_;
  std::map<std::string, std::size_t, std::less<>> by_canonical_;
  std::vector<Instance> instances_;
  std::set<const Node*> cycles_reported_;
  std::map<std::string, Value, std::less<>> exports_;
  std::map<std::string, std::vector<ExportDeclaration>, std::less<>> declarations_;
  std::vector<std::string> unmatched_names_;
  bool capped_ = false;
};

// Top-level templates keep their logical ids, unless another top-level template of the run
// declares the same one (two stacks made from one template, unrelated stacks that both call
// their VPC "VPC"): then every resource of theirs is named "<file name>/<logical id>", so that
// no reference joins the other stack's resource.
std::vector<std::string> StackLoader::TopLevelPrefixes(const std::vector<std::size_t>& roots) const {
  // One template collides with nothing (and a large one has a million logical ids to count).
  if (roots.size() < 2) return std::vector<std::string>(roots.size());
  std::map<std::string, std::size_t, std::less<>> declared_by;  // logical id -> templates
  for (std::size_t index : roots) {
    const Node* resources = templates_[index]->root.Find("Resources");
    if (resources == nullptr || !resources->IsMap()) continue;
    for (const auto& [logical_id, resource] : resources->members) ++declared_by[logical_id];
  }
  std::map<std::string, std::size_t, std::less<>> names;
  std::vector<bool> colliding(roots.size(), false);
  for (std::size_t k = 0; k < roots.size(); ++k) {
    const Node* resources = templates_[roots[k]]->root.Find("Resources");
    if (resources == nullptr || !resources->IsMap()) continue;
    for (const auto& [logical_id, resource] : resources->members) {
      if (declared_by[logical_id] > 1) colliding[k] = true;
    }
    if (colliding[k]) {
      ++names[std::filesystem::path(templates_[roots[k]]->path).filename().string()];
    }
  }
  std::vector<std::string> prefixes(roots.size());
  for (std::size_t k = 0; k < roots.size(); ++k) {
    if (!colliding[k]) continue;
    const std::string& path = templates_[roots[k]]->path;
    const std::string name = std::filesystem::path(path).filename().string();
    prefixes[k] = (names[name] > 1 ? path : name) + "/";
  }
  return prefixes;
}

std::size_t StackLoader::AddTemplate(std::string path, FileId file, Node root, bool given) {
  auto entry = std::make_unique<TemplateFile>();
  entry->canonical = Canonical(path);
  entry->path = std::move(path);
  entry->file = file;
  entry->root = std::move(root);
  entry->given = given;
  entry->scope = network_.InternScope(ScopeFromPath(entry->path));
  CollectImports(entry->root, entry->imports);
  by_canonical_.emplace(entry->canonical, templates_.size());
  templates_.push_back(std::move(entry));
  return templates_.size() - 1;
}

std::size_t StackLoader::LoadNestedFile(const std::filesystem::path& path,
                                        const TemplateFile& parent,
                                        const TemplateFile::Link& link) {
  const std::string display = path.lexically_normal().string();
  std::string text;
  std::string error;
  if (ReadWholeFile(display, text, error) != ReadStatus::kRead || !NormaliseEncoding(text)) {
    Report("IN003", Severity::kWarning, parent, *link.url,
           "nested stack " + link.logical_id + ": cannot read its template " + display +
               (error.empty() ? "" : " (" + error + ")") + "; its resources are not analysed",
           link.logical_id);
    return kNone;
  }
  const FileId file = files_.Add(display);
  TreeParse parsed = ParseTree(text);
  if (parsed.error) {
    diagnostics_.Report("IN001", Severity::kError, "",
                        "invalid YAML: " + parsed.error->message + " (the template of nested stack " +
                            link.logical_id + " in " + parent.path + ")",
                        SourceRef{file, parsed.error->line, parsed.error->column, ""});
    return kNone;
  }
  if (!parsed.root || !IsTemplate(*parsed.root)) {
    Report("IN004", Severity::kWarning, parent, *link.url,
           "nested stack " + link.logical_id + ": " + display +
               " is not a CloudFormation template; its resources are not analysed",
           link.logical_id);
    return kNone;
  }
  return AddTemplate(display, file, std::move(*parsed.root), false);
}

void StackLoader::FindLinks(std::size_t index) {
  const Node* resources = templates_[index]->root.Find("Resources");
  if (resources == nullptr || !resources->IsMap()) return;
  for (const auto& [logical_id, resource] : resources->members) {
    const Node* type = resource.Find("Type");
    if (type == nullptr || !type->IsScalar() || type->scalar != "AWS::CloudFormation::Stack") {
      continue;
    }
    const Node* properties = resource.Find("Properties");
    const Node* url = properties != nullptr ? properties->Find("TemplateURL") : nullptr;
    if (url == nullptr) continue;
    TemplateFile::Link link{logical_id, &resource, url, kNone};
    const TemplateFile& parent = *templates_[index];
    if (!url->IsScalar() || !url->tag.empty() || IsRemote(url->scalar)) {
      Report("IN004", Severity::kNote, parent, *url,
             "nested stack " + logical_id +
                 ": its template is not a local file" +
                 (url->IsScalar() && url->tag.empty() ? " (" + url->scalar + ")" : "") +
                 ", so its resources are not analysed; give it as a path relative to this "
                 "template, as `aws cloudformation package` takes it",
             logical_id);
    } else {
      std::filesystem::path path(url->scalar);
      if (path.is_relative()) path = std::filesystem::path(parent.path).parent_path() / path;
      const std::string canonical = Canonical(path);
      if (auto known = by_canonical_.find(canonical); known != by_canonical_.end()) {
        link.child = known->second;
      } else if (std::error_code ec; !std::filesystem::is_regular_file(path, ec)) {
        Report("IN003", Severity::kWarning, parent, *url,
               "nested stack " + logical_id + ": its template " +
                   path.lexically_normal().string() +
                   " does not exist; its resources are not analysed",
               logical_id);
      } else {
        link.child = LoadNestedFile(path, parent, link);
      }
    }
    templates_[index]->links.push_back(link);
  }
}

void StackLoader::Instantiate(std::size_t template_index, std::string prefix, std::size_t parent,
                              std::size_t link, std::vector<std::size_t>& chain) {
  const std::size_t index = instances_.size();
  Instance instance;
  instance.template_index = template_index;
  instance.prefix = std::move(prefix);
  instance.parent = parent;
  instance.link = link;
  instances_.push_back(std::move(instance));
  if (parent != kNone) instances_[parent].children.push_back(index);
  chain.push_back(template_index);
  const TemplateFile& file = *templates_[template_index];
  for (std::size_t i = 0; i < file.links.size(); ++i) {
    const TemplateFile::Link& nested = file.links[i];
    if (nested.child == kNone) continue;
    if (std::find(chain.begin(), chain.end(), nested.child) != chain.end()) {
      if (cycles_reported_.insert(nested.url).second) {
        std::string path_text;
        for (std::size_t step : chain) path_text += templates_[step]->path + " -> ";
        path_text += templates_[nested.child]->path;
        Report("IN001", Severity::kError, file, *nested.url,
               "nested stack " + nested.logical_id + " nests its own ancestor (" + path_text +
                   "); CloudFormation cannot create it, and the cycle is not followed",
               nested.logical_id);
      }
      continue;
    }
    if (chain.size() >= kMaxNestingDepth || instances_.size() >= kMaxStacks) {
      if (!capped_) {
        capped_ = true;
        Report("IN004", Severity::kWarning, file, *nested.url,
               "nested stacks deeper than " + std::to_string(kMaxNestingDepth) + " levels or more than " +
                   std::to_string(kMaxStacks) + " stacks in all; the rest are not analysed",
               nested.logical_id);
      }
      continue;
    }
    Instantiate(nested.child, instances_[index].prefix + nested.logical_id + "/", index, i, chain);
  }
  chain.pop_back();
}

bool IsRegionName(std::string_view text) {
  // "eu-west-1", "us-gov-west-1", "cn-north-1": lowercase words joined by dashes, then a number.
  if (text.size() < 6 || std::count(text.begin(), text.end(), '-') < 2) return false;
  if (std::isdigit(static_cast<unsigned char>(text.back())) == 0) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsAccountId(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string StackLoader::PseudoParameter(std::string_view name) const {
  std::string value;
  for (const TemplateParameter& parameter : parameters_) {
    if (parameter.key != name || !parameter.value) continue;
    if (name == "AWS::Region" ? IsRegionName(*parameter.value) : IsAccountId(*parameter.value)) {
      value = *parameter.value;
    }
  }
  return value;
}

ResolveSettings StackLoader::SettingsFor(std::size_t index) const {
  const Instance& instance = instances_[index];
  const TemplateFile& file = *templates_[instance.template_index];
  ResolveSettings settings;
  settings.id_prefix = instance.prefix;
  // One deployment: nested stacks share their parent's region and account.
  settings.region = PseudoParameter("AWS::Region");
  settings.account_id = PseudoParameter("AWS::AccountId");
  settings.exports = exports_;
  settings.stack_name = instance.stack_name;
  if (instance.parent == kNone) {
    const Node* declared = file.root.Find("Parameters");
    for (const TemplateParameter& parameter : parameters_) {
      if (declared == nullptr || declared->Find(parameter.key) == nullptr) continue;
      settings.parameter_origins[parameter.key] = parameter.origin;
      if (parameter.value) {
        settings.parameters[parameter.key] = *parameter.value;
        settings.previous_value_parameters.erase(parameter.key);
      } else {
        settings.parameters.erase(parameter.key);
        settings.previous_value_parameters.insert(parameter.key);
      }
    }
  } else {
    settings.passed_parameters = instance.passed;
    const Instance& parent = instances_[instance.parent];
    const TemplateFile& parent_file = *templates_[parent.template_index];
    const TemplateFile::Link& link = parent_file.links[instance.link];
    settings.passed_by = "nested stack " + link.logical_id + " of " + parent_file.path + ":" +
                         std::to_string(link.resource->line) + ":" +
                         std::to_string(link.resource->column);
  }
  for (std::size_t child : instance.children) {
    const Instance& nested = instances_[child];
    const std::string& logical_id = file.links[nested.link].logical_id;
    const std::string prefix = logical_id + ".Outputs.";
    for (const auto& [name, value] : nested.outputs) settings.nested_outputs[prefix + name] = value;
  }
  return settings;
}

void StackLoader::PassParameters(Resolver& resolver, const Instance& parent, Instance& child) {
  const TemplateFile& parent_file = *templates_[parent.template_index];
  const TemplateFile::Link& link = parent_file.links[child.link];
  const TemplateFile& child_file = *templates_[child.template_index];
  child.exists = parent.exists;
  if (const Node* condition = link.resource->Find("Condition");
      condition != nullptr && condition->IsScalar() &&
      resolver.Condition(condition->scalar, condition) == false) {
    child.exists = false;
  }
  child.passed.clear();
  const Node* properties = link.resource->Find("Properties");
  const Node* values = properties != nullptr ? properties->Find("Parameters") : nullptr;
  if (values == nullptr || !values->IsMap()) return;
  const Node* declared = child_file.root.Find("Parameters");
  for (const auto& [name, node] : values->members) {
    const Node* declaration = declared != nullptr ? declared->Find(name) : nullptr;
    Value value = resolver.Resolve(node);
    if (value.kind == Value::Kind::kNoValue) continue;  // the child's Default applies
    // A list handed down as one comma-joined string (the usual way to pass subnets): the
    // child splits it again, so its elements, even unknown ids, keep their identity.
    if (value.IsUnknown() && IsListType(declaration)) {
      const std::optional<Intrinsic> function = AsIntrinsic(node);
      if (function && function->name == "Fn::Join" && function->argument->IsSequence() &&
          function->argument->items.size() == 2 && function->argument->items[0].IsScalar() &&
          function->argument->items[0].scalar == ",") {
        Value parts = resolver.Resolve(function->argument->items[1]);
        if (parts.kind == Value::Kind::kList) {
          Value flat;
          flat.kind = Value::Kind::kList;
          for (Value& part : parts.list) {
            if (part.kind == Value::Kind::kList) {
              for (Value& inner : part.list) flat.list.push_back(std::move(inner));
            } else {
              flat.list.push_back(std::move(part));
            }
          }
          value = std::move(flat);
        }
      }
    }
    child.passed[name] = std::move(value);
  }
}

std::string StackLoader::Round() {
  std::string signature;
  std::map<std::string, Value, std::less<>> exports;
  declarations_.clear();
  unmatched_names_.clear();
  // Stacks whose Export names depend only on their unknown stack name: prefix and suffix.
  struct Pattern {
    std::string before;
    std::string after;
    std::size_t instance;
  };
  std::vector<Pattern> patterns;
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    Instance& instance = instances_[i];
    const TemplateFile& file = *templates_[instance.template_index];
    DiagnosticSink scratch;  // the final mapping reports; rounds only learn values
    Resolver resolver(file.root, SettingsFor(i), scratch, file.file);
    resolver.CheckParameterValues();
    instance.outputs.clear();
    if (const Node* outputs = file.root.Find("Outputs"); outputs != nullptr && outputs->IsMap()) {
      for (const auto& [name, output] : outputs->members) {
        const Node* value_node = output.Find("Value");
        if (value_node == nullptr) continue;
        if (const Node* condition = output.Find("Condition");
            condition != nullptr && condition->IsScalar() &&
            resolver.Condition(condition->scalar) == false) {
          continue;
        }
        Value value = resolver.Resolve(*value_node);
        signature += name + "=" + Signature(value) + ";";
        const Node* export_node = output.Find("Export");
        const Node* name_node = export_node != nullptr ? export_node->Find("Name") : nullptr;
        if (name_node != nullptr && instance.exists) {
          const Value export_name = resolver.ResolveText(*name_node);
          if (export_name.IsString()) {
            const std::string& text = export_name.text;
            const std::size_t placeholder = text.find(kStackNamePlaceholder);
            if (text.find("${") == std::string::npos) {
              exports.emplace(text, value);
              declarations_[text].push_back({i, name_node, value});
              signature += "export " + text + ";";
            } else if (placeholder != std::string::npos &&
                       text.find("${", placeholder + 1) == std::string::npos &&
                       text.rfind("${", placeholder) == placeholder) {
              patterns.push_back({text.substr(0, placeholder),
                                  text.substr(placeholder + kStackNamePlaceholder.size()), i});
            }
          }
        }
        instance.outputs[name] = std::move(value);
      }
    }
    for (std::size_t child : instance.children) PassParameters(resolver, instance, instances_[child]);
    for (const Node* import : file.imports) resolver.Resolve(*import);
    for (const UnmatchedImport& unmatched : resolver.unmatched_imports()) {
      unmatched_names_.push_back(unmatched.name);
    }
    for (const auto& [name, value] : instance.passed) signature += name + "<" + Signature(value) + ";";
  }
  // An import that fits the exports of exactly one top-level stack whose name is unknown names
  // that stack: "production:VPCId" against "${AWS::StackName}:VPCId".
  std::map<std::size_t, std::set<std::string>> learnt;
  for (const std::string& name : unmatched_names_) {
    std::set<std::size_t> fits;
    std::string stack_name;
    for (const Pattern& pattern : patterns) {
      if (instances_[pattern.instance].parent != kNone) continue;
      if (name.size() <= pattern.before.size() + pattern.after.size()) continue;
      if (name.compare(0, pattern.before.size(), pattern.before) != 0) continue;
      if (name.compare(name.size() - pattern.after.size(), std::string::npos, pattern.after) != 0) {
        continue;
      }
      fits.insert(pattern.instance);
      stack_name = name.substr(pattern.before.size(),
                               name.size() - pattern.before.size() - pattern.after.size());
    }
    if (fits.size() == 1) learnt[*fits.begin()].insert(stack_name);
  }
  // Stack names are unique in a region: a name two stacks would take is taken by neither.
  std::map<std::string, std::size_t, std::less<>> takers;
  for (const Instance& instance : instances_) {
    if (!instance.stack_name.empty()) ++takers[instance.stack_name];
  }
  for (const auto& [index, names] : learnt) {
    if (names.size() == 1) ++takers[*names.begin()];
  }
  for (const auto& [index, names] : learnt) {
    if (names.size() == 1 && takers[*names.begin()] == 1 && instances_[index].stack_name.empty()) {
      instances_[index].stack_name = *names.begin();
    }
  }
  for (const Instance& instance : instances_) signature += "name " + instance.stack_name + ";";
  exports_ = std::move(exports);
  return signature;
}

void StackLoader::ReportFinal(const std::vector<MappedTemplate>& mapped,
                              const std::vector<std::size_t>& mapped_instances) {
  for (const auto& [name, declarations] : declarations_) {
    for (std::size_t k = 1; k < declarations.size(); ++k) {
      const TemplateFile& file = *templates_[instances_[declarations[k].instance].template_index];
      const TemplateFile& first = *templates_[instances_[declarations[0].instance].template_index];
      Report("IN004", Severity::kWarning, file, *declarations[k].name_node,
             "export " + name + " is also declared at " + first.path + ":" +
                 std::to_string(declarations[0].name_node->line) + ":" +
                 std::to_string(declarations[0].name_node->column) +
                 "; export names are unique in a region, so imports use the first");
    }
  }
  for (std::size_t k = 0; k < mapped.size(); ++k) {
    const Instance& instance = instances_[mapped_instances[k]];
    const TemplateFile& file = *templates_[instance.template_index];
    for (const UnmatchedImport& unmatched : mapped[k].unmatched_imports) {
      diagnostics_.Report("IN003", Severity::kNote, "",
                          "Fn::ImportValue " + unmatched.name +
                              ": no template of this run exports it; the value is unknown",
                          SourceRef{file.file, unmatched.line, unmatched.column, ""});
    }
    if (!instance.stack_name.empty()) {
      const Node* outputs = file.root.Find("Outputs");
      const Node& at = outputs != nullptr ? *outputs : file.root;
      Report("IN004", Severity::kNote, file, at,
             "stack name taken as '" + instance.stack_name +
                 "', the name under which other templates of this run import its exports");
    }
  }
  // Parameters given for top-level stacks that none of them declares.
  for (const TemplateParameter& parameter : parameters_) {
    if (parameter.key == "AWS::Region" || parameter.key == "AWS::AccountId") {
      const bool region = parameter.key == "AWS::Region";
      if (!parameter.value || (region ? IsRegionName(*parameter.value) : IsAccountId(*parameter.value))) continue;
      diagnostics_.Report("IN004", Severity::kWarning, "",
                          parameter.key + " '" + *parameter.value + "' given " + parameter.origin + " is not " +
                              (region ? "a region name (such as eu-west-1)" : "an account id (12 digits)") +
                              "; it is ignored",
                          SourceRef{});
      continue;
    }
    const bool declared = std::any_of(instances_.begin(), instances_.end(), [&](const Instance& i) {
      const Node* parameters = templates_[i.template_index]->root.Find("Parameters");
      return i.parent == kNone && parameters != nullptr && parameters->Find(parameter.key) != nullptr;
    });
    if (!declared) {
      diagnostics_.Report("IN004", Severity::kWarning, "",
                          "parameter " + parameter.key + " given " + parameter.origin +
                              " is not declared by any top-level template",
                          SourceRef{});
    }
  }
  // Parameters a parent passes that its nested stack's template does not declare.
  for (const Instance& instance : instances_) {
    if (instance.parent == kNone) continue;
    const TemplateFile& parent_file = *templates_[instances_[instance.parent].template_index];
    const TemplateFile::Link& link = parent_file.links[instance.link];
    const Node* properties = link.resource->Find("Properties");
    const Node* values = properties != nullptr ? properties->Find("Parameters") : nullptr;
    const Node* declared = templates_[instance.template_index]->root.Find("Parameters");
    if (values == nullptr || !values->IsMap()) continue;
    for (const auto& [name, node] : values->members) {
      if (declared != nullptr && declared->Find(name) != nullptr) continue;
      Report("IN004", Severity::kWarning, parent_file, node,
             "nested stack " + link.logical_id + " passes parameter " + name + ", which " +
                 templates_[instance.template_index]->path + " does not declare",
             link.logical_id);
    }
  }
}

StacksLoad StackLoader::Load(std::vector<GivenTemplate> given) {
  for (GivenTemplate& entry : given) {
    AddTemplate(std::move(entry.path), entry.file, std::move(entry.root), true);
  }
  // Nested templates found along the way are appended and searched in turn.
  for (std::size_t i = 0; i < templates_.size(); ++i) FindLinks(i);
  std::vector<bool> nested(templates_.size(), false);
  for (const auto& file : templates_) {
    for (const TemplateFile::Link& link : file->links) {
      if (link.child != kNone) nested[link.child] = true;
    }
  }
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < templates_.size(); ++i) {
    if (templates_[i]->given && !nested[i]) roots.push_back(i);
  }
  const std::vector<std::string> prefixes = TopLevelPrefixes(roots);
  std::vector<std::size_t> chain;
  std::vector<bool> instantiated(templates_.size(), false);
  for (std::size_t k = 0; k < roots.size(); ++k) Instantiate(roots[k], prefixes[k], kNone, kNone, chain);
  for (const Instance& instance : instances_) instantiated[instance.template_index] = true;
  // Templates that only nest each other have no top: each given one stands on its own.
  for (std::size_t i = 0; i < templates_.size(); ++i) {
    if (templates_[i]->given && !instantiated[i]) {
      const std::size_t first = instances_.size();
      roots.push_back(i);
      Instantiate(i, TopLevelPrefixes(roots).back(), kNone, kNone, chain);
      for (std::size_t k = first; k < instances_.size(); ++k) {
        instantiated[instances_[k].template_index] = true;
      }
    }
  }
  // Values flow down (parameters), up (nested outputs) and across (exports): repeat until
  // nothing changes. Each round settles at least one more link of the longest chain.
  std::string previous;
  for (std::size_t round = 0; round < instances_.size() + 2; ++round) {
    std::string signature = Round();
    if (signature == previous) break;
    previous = std::move(signature);
  }
  std::vector<TemplateToMap> inputs;
  std::vector<std::size_t> mapped_instances;
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    if (!instances_[i].exists) continue;
    const TemplateFile& file = *templates_[instances_[i].template_index];
    std::size_t top = i;
    while (instances_[top].parent != kNone) top = instances_[top].parent;
    inputs.push_back({&file.root, file.file, templates_[instances_[top].template_index]->scope,
                      SettingsFor(i)});
    mapped_instances.push_back(i);
  }
  const std::vector<MappedTemplate> mapped = MapTemplates(inputs, network_, diagnostics_);
  ReportFinal(mapped, mapped_instances);
  StacksLoad load;
  for (const MappedTemplate& result : mapped) load.resources += result.resources;
  return load;
}

}  // namespace

StacksLoad LoadStacks(std::vector<GivenTemplate> templates,
                      std::span<const TemplateParameter> parameters, FileTable& files,
                      model::Network& network, DiagnosticSink& diagnostics) {
  StackLoader loader(parameters, files, network, diagnostics);
  return loader.Load(std::move(templates));
}

}  // namespace netlint::ingest::cfn
