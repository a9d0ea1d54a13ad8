#include "analyzer/ingest/cfn/intrinsics.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "netlint/model/address.h"

namespace netlint::ingest::cfn {
namespace {

// Functions nested deeper than this are hostile or broken; real templates nest a handful.
constexpr int kMaxDepth = 64;

constexpr std::string_view kFunctionNames[] = {
    "Ref",        "Condition",   "Fn::GetAtt", "Fn::Sub",    "Fn::Join",   "Fn::Select",
    "Fn::Split",  "Fn::GetAZs",  "Fn::Cidr",   "Fn::If",     "Fn::Equals", "Fn::And",
    "Fn::Or",     "Fn::Not",     "Fn::FindInMap", "Fn::ImportValue", "Fn::Base64",
    "Fn::Length", "Fn::ToJsonString", "Fn::Transform", "Fn::GetAZs"};

bool IsFunctionName(std::string_view name) {
  return std::find(std::begin(kFunctionNames), std::end(kFunctionNames), name) !=
         std::end(kFunctionNames);
}

std::optional<long long> ParseInteger(std::string_view text) {
  long long value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> SplitText(std::string_view text, std::string_view delimiter) {
  std::vector<std::string> parts;
  if (delimiter.empty()) {
    parts.emplace_back(text);
    return parts;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t found = text.find(delimiter, start);
    if (found == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, found - start));
    start = found + delimiter.size();
  }
}

std::string Base64(std::string_view text) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(text[i]) << 16) |
                       (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < text.size()) {
    unsigned v = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) v |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < text.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Attributes that name the resource itself, as its Ref does (the model links by logical id).
bool IsIdentityAttribute(std::string_view attribute) {
  static constexpr std::string_view kIdentity[] = {
      "GroupId",       "Id",           "SubnetId",          "VpcId",
      "RouteTableId",  "AllocationId", "NatGatewayId",      "InternetGatewayId",
      "TargetGroupArn", "LoadBalancerArn", "ListenerArn",   "PrefixListId",
      "Arn",           "ServiceArn",   "NetworkAclId",      "VpcEndpointId",
      "DBSubnetGroupArn", "DBInstanceArn", "TransitGatewayId"};
  return std::find(std::begin(kIdentity), std::end(kIdentity), attribute) !=
         std::end(kIdentity);
}

Value UnknownFrom(const Value& part, std::string_view what) {
  if (part.IsUnknown()) return part;
  return Value::Unknown(std::string(what) + " over " + part.Describe() +
                        ", whose value is known only after deployment");
}

}  // namespace

Value Value::String(std::string text) {
  Value value;
  value.kind = Kind::kString;
  value.text = std::move(text);
  return value;
}

Value Value::Unknown(std::string reason) {
  Value value;
  value.kind = Kind::kUnknown;
  value.text = std::move(reason);
  return value;
}

Value Value::Reference(std::string logical_id, std::string attribute) {
  Value value;
  value.kind = Kind::kReference;
  value.text = std::move(logical_id);
  value.attribute = std::move(attribute);
  return value;
}

std::string Value::Describe() const {
  switch (kind) {
    case Kind::kString:
      return text;
    case Kind::kReference:
      return attribute.empty() || IsIdentityAttribute(attribute) ? text : text + "." + attribute;
    case Kind::kZone:
      return "zone " + std::to_string(index + 1) + " of " +
             (text.empty() ? std::string("the stack's region") : text);
    case Kind::kZoneList:
      return "the zones of " + (text.empty() ? std::string("the stack's region") : text);
    case Kind::kList: {
      std::string joined;
      for (const Value& item : list) joined += (joined.empty() ? "" : ",") + item.Describe();
      return joined;
    }
    case Kind::kObject:
      return "an object";
    case Kind::kNoValue:
      return "AWS::NoValue";
    case Kind::kUnknown:
      return "unknown (" + text + ")";
  }
  return text;
}

TemplateSections SectionsOf(const Node& root) {
  TemplateSections sections;
  sections.parameters = root.Find("Parameters");
  sections.mappings = root.Find("Mappings");
  sections.conditions = root.Find("Conditions");
  sections.resources = root.Find("Resources");
  return sections;
}

std::optional<Intrinsic> AsIntrinsic(const Node& node) {
  if (!node.tag.empty()) {
    Intrinsic function;
    function.name = node.tag == "Ref" || node.tag == "Condition" ? node.tag : "Fn::" + node.tag;
    function.at = &node;
    if (!IsFunctionName(function.name)) return std::nullopt;
    // The tag sits on the argument itself: a tagged node is the argument without its tag.
    function.argument = &node;
    return function;
  }
  if (node.kind == Node::Kind::kMap && node.members.size() == 1 &&
      IsFunctionName(node.members.front().first)) {
    return Intrinsic{node.members.front().first, &node.members.front().second, &node};
  }
  return std::nullopt;
}

Resolver::Resolver(const Node& root, ResolveSettings settings, DiagnosticSink& diagnostics,
                   FileId file)
    : root_(root),
      sections_(SectionsOf(root)),
      settings_(std::move(settings)),
      diagnostics_(diagnostics),
      file_(file) {}

bool Resolver::IsResource(std::string_view logical_id) const {
  return sections_.resources != nullptr && sections_.resources->Find(logical_id) != nullptr;
}

void Resolver::Report(const Node& at, std::string message) {
  // The adapter may resolve one property more than once (as a value and as text): say it once.
  if (!reported_.emplace(at.line, at.column, message).second) return;
  diagnostics_.Report("IN004", Severity::kWarning, "", std::move(message),
                      SourceRef{file_, at.line, at.column, ""});
}

Value Resolver::Resolve(const Node& node) { return ResolveAt(node, 0); }

Value Resolver::ResolveText(const Node& node) {
  symbolic_pseudo_parameters_ = true;
  Value value = ResolveAt(node, 0);
  symbolic_pseudo_parameters_ = false;
  return value;
}

Value Resolver::ResolveAt(const Node& node, int depth) {
  if (depth > kMaxDepth) return Value::Unknown("intrinsic functions nested too deeply");
  if (std::optional<Intrinsic> function = AsIntrinsic(node)) {
    return ResolveFunction(*function, depth + 1);
  }
  return ResolveContent(node, depth);
}

Value Resolver::ResolveContent(const Node& node, int depth) {
  switch (node.kind) {
    case Node::Kind::kNull: {
      Value value;
      value.kind = Value::Kind::kNoValue;
      return value;
    }
    case Node::Kind::kScalar:
      return Value::String(node.scalar);
    case Node::Kind::kSequence: {
      Value list;
      list.kind = Value::Kind::kList;
      for (const Node& item : node.items) {
        Value element = ResolveAt(item, depth + 1);
        if (element.kind != Value::Kind::kNoValue) list.list.push_back(std::move(element));
      }
      return list;
    }
    case Node::Kind::kMap: {
      Value object;
      object.kind = Value::Kind::kObject;
      object.object = &node;
      return object;
    }
  }
  return Value::Unknown("unreadable value");
}

Value Resolver::ResolveFunction(const Intrinsic& function, int depth) {
  const Node& at = *function.at;
  // A short form (`!Base64 x`) is its own argument: resolved as a value, its tag is ignored.
  // A full form's argument may itself be a short form (`Fn::ImportValue: !Sub ...`), which
  // stays a function. The argument is never copied: objects resolved from it point into the
  // template, which outlives every value.
  const Node* argument = function.argument;
  const bool short_form = argument == function.at && !argument->tag.empty();
  auto resolve_argument = [&]() {
    return short_form ? ResolveContent(*argument, depth) : ResolveAt(*argument, depth);
  };
  const std::string& name = function.name;
  auto arguments = [&](std::size_t minimum) -> const std::vector<Node>* {
    if (!argument->IsSequence() || argument->items.size() < minimum) {
      Report(at, name + " expects a list of at least " + std::to_string(minimum) + " values");
      return nullptr;
    }
    return &argument->items;
  };
  if (name == "Ref") {
    if (!argument->IsScalar()) {
      Report(at, "Ref expects a name");
      return Value::Unknown("malformed Ref");
    }
    return Ref(argument->scalar, at);
  }
  if (name == "Fn::GetAtt") {
    std::string logical_id;
    std::string attribute;
    if (argument->IsScalar()) {
      const std::size_t dot = argument->scalar.find('.');
      if (dot == std::string::npos) {
        Report(at, "Fn::GetAtt expects Resource.Attribute");
        return Value::Unknown("malformed Fn::GetAtt");
      }
      logical_id = argument->scalar.substr(0, dot);
      attribute = argument->scalar.substr(dot + 1);
    } else if (const std::vector<Node>* items = arguments(2)) {
      const Value resource = ResolveAt((*items)[0], depth);
      const Value attr = ResolveAt((*items)[1], depth);
      if (!resource.IsString() || !attr.IsString()) {
        return Value::Unknown("Fn::GetAtt with a computed name");
      }
      logical_id = resource.text;
      attribute = attr.text;
    } else {
      return Value::Unknown("malformed Fn::GetAtt");
    }
    if (!IsResource(logical_id)) {
      Report(at, "Fn::GetAtt names " + logical_id + ", which is not a resource of the template");
      return Value::Unknown("attribute of undefined resource " + logical_id);
    }
    return GetAtt(logical_id, attribute, depth);
  }
  if (name == "Fn::Sub") return Sub(*argument, at, depth);
  if (name == "Fn::Join") {
    const std::vector<Node>* items = arguments(2);
    if (items == nullptr) return Value::Unknown("malformed Fn::Join");
    const Value delimiter = ResolveAt((*items)[0], depth);
    const Value parts = ResolveAt((*items)[1], depth);
    if (!delimiter.IsString()) return UnknownFrom(delimiter, "Fn::Join");
    if (parts.kind != Value::Kind::kList) return UnknownFrom(parts, "Fn::Join");
    if (parts.list.size() == 1) return parts.list.front();
    std::string joined;
    for (std::size_t i = 0; i < parts.list.size(); ++i) {
      if (!parts.list[i].IsString()) return UnknownFrom(parts.list[i], "Fn::Join");
      if (i > 0) joined += delimiter.text;
      joined += parts.list[i].text;
    }
    return Value::String(std::move(joined));
  }
  if (name == "Fn::Select") {
    const std::vector<Node>* items = arguments(2);
    if (items == nullptr) return Value::Unknown("malformed Fn::Select");
    const Value index_value = ResolveAt((*items)[0], depth);
    const Value list = ResolveAt((*items)[1], depth);
    if (!index_value.IsString()) return UnknownFrom(index_value, "Fn::Select");
    const std::optional<long long> index = ParseInteger(index_value.text);
    if (!index || *index < 0) {
      Report(at, "Fn::Select index '" + index_value.text + "' is not a non-negative integer");
      return Value::Unknown("invalid Fn::Select index");
    }
    if (list.kind == Value::Kind::kZoneList) {
      Value zone;
      zone.kind = Value::Kind::kZone;
      zone.text = list.text;
      zone.index = static_cast<std::size_t>(*index);
      return zone;
    }
    if (list.kind != Value::Kind::kList) return UnknownFrom(list, "Fn::Select");
    if (static_cast<std::size_t>(*index) >= list.list.size()) {
      Report(at, "Fn::Select index " + std::to_string(*index) + " is out of range (the list has " +
                     std::to_string(list.list.size()) + " values)");
      return Value::Unknown("Fn::Select index out of range");
    }
    return list.list[static_cast<std::size_t>(*index)];
  }
  if (name == "Fn::Split") {
    const std::vector<Node>* items = arguments(2);
    if (items == nullptr) return Value::Unknown("malformed Fn::Split");
    const Value delimiter = ResolveAt((*items)[0], depth);
    const Value source = ResolveAt((*items)[1], depth);
    if (!delimiter.IsString()) return UnknownFrom(delimiter, "Fn::Split");
    if (!source.IsString()) return UnknownFrom(source, "Fn::Split");
    Value list;
    list.kind = Value::Kind::kList;
    for (std::string& part : SplitText(source.text, delimiter.text)) {
      list.list.push_back(Value::String(std::move(part)));
    }
    return list;
  }
  if (name == "Fn::GetAZs") {
    Value zones;
    zones.kind = Value::Kind::kZoneList;
    const std::optional<Intrinsic> inner = AsIntrinsic(*argument);
    const bool current_region =
        inner && inner->name == "Ref" && inner->argument->scalar == "AWS::Region";
    if (!current_region) {
      const Value region = resolve_argument();
      if (region.IsString()) zones.text = region.text;
    }
    if (zones.text == settings_.region) zones.text.clear();
    return zones;
  }
  if (name == "Fn::Cidr") {
    const std::vector<Node>* items = arguments(3);
    if (items == nullptr) return Value::Unknown("malformed Fn::Cidr");
    return Cidr(ResolveAt((*items)[0], depth), ResolveAt((*items)[1], depth),
                ResolveAt((*items)[2], depth), at);
  }
  if (name == "Fn::If") {
    const std::vector<Node>* items = arguments(3);
    if (items == nullptr) return Value::Unknown("malformed Fn::If");
    const Value condition = ResolveAt((*items)[0], depth);
    if (!condition.IsString()) return Value::Unknown("Fn::If with a computed condition name");
    const std::optional<bool> truth = Condition(condition.text, &(*items)[0]);
    if (!truth) return Value::Unknown("depends on condition " + condition.text);
    return ResolveAt((*items)[*truth ? 1 : 2], depth);
  }
  if (name == "Fn::FindInMap") {
    const std::vector<Node>* items = arguments(3);
    if (items == nullptr) return Value::Unknown("malformed Fn::FindInMap");
    std::string keys[3];
    for (int i = 0; i < 3; ++i) {
      const Value key = ResolveAt((*items)[static_cast<std::size_t>(i)], depth);
      if (!key.IsString()) return UnknownFrom(key, "Fn::FindInMap");
      keys[i] = key.text;
    }
    const Node* found = sections_.mappings != nullptr ? sections_.mappings->Find(keys[0]) : nullptr;
    if (found != nullptr) found = found->Find(keys[1]);
    if (found != nullptr) found = found->Find(keys[2]);
    if (found != nullptr) return ResolveAt(*found, depth);
    if (items->size() >= 4) {
      if (const Node* fallback = (*items)[3].Find("DefaultValue")) return ResolveAt(*fallback, depth);
    }
    Report(at, "Fn::FindInMap: no " + keys[0] + "/" + keys[1] + "/" + keys[2] + " in Mappings");
    return Value::Unknown("missing mapping entry " + keys[0] + "/" + keys[1] + "/" + keys[2]);
  }
  if (name == "Fn::ImportValue") {
    const Value export_name = resolve_argument();
    if (!export_name.IsString()) return UnknownFrom(export_name, "Fn::ImportValue");
    auto found = settings_.exports.find(export_name.text);
    if (found != settings_.exports.end()) return found->second;
    if (unmatched_import_places_.emplace(at.line, at.column).second) {
      unmatched_imports_.push_back({export_name.text, at.line, at.column});
    }
    return Value::Unknown("imported from another stack (export " + export_name.text + ")");
  }
  if (name == "Fn::Base64") {
    const Value text = resolve_argument();
    if (!text.IsString()) return UnknownFrom(text, "Fn::Base64");
    return Value::String(Base64(text.text));
  }
  if (name == "Condition" || name == "Fn::Equals" || name == "Fn::And" || name == "Fn::Or" ||
      name == "Fn::Not") {
    const std::optional<bool> truth = EvaluateCondition(at, depth);
    if (!truth) return Value::Unknown("condition value unknown");
    return Value::String(*truth ? "true" : "false");
  }
  return Value::Unknown(name + " is not evaluated");
}

Value Resolver::Ref(std::string_view name, const Node& at) {
  auto known_or = [&](const std::string& value, std::string reason) {
    if (!value.empty()) return Value::String(value);
    if (symbolic_pseudo_parameters_) return Value::String("${" + std::string(name) + "}");
    return Value::Unknown(std::move(reason));
  };
  if (name == "AWS::NoValue") {
    Value value;
    value.kind = Value::Kind::kNoValue;
    return value;
  }
  if (name == "AWS::Region") return known_or(settings_.region, "depends on the stack's region");
  if (name == "AWS::AccountId") return known_or(settings_.account_id, "depends on the account");
  if (name == "AWS::StackName") return known_or(settings_.stack_name, "depends on the stack name");
  if (name == "AWS::Partition" || name == "AWS::URLSuffix") {
    if (settings_.region.empty()) return known_or("", "depends on the stack's region");
    const bool china = settings_.region.rfind("cn-", 0) == 0;
    const bool gov = settings_.region.rfind("us-gov-", 0) == 0;
    if (name == "AWS::URLSuffix") return Value::String(china ? "amazonaws.com.cn" : "amazonaws.com");
    return Value::String(china ? "aws-cn" : gov ? "aws-us-gov" : "aws");
  }
  if (name.rfind("AWS::", 0) == 0) {
    return Value::Unknown("depends on " + std::string(name) + ", known only at deployment");
  }
  if (sections_.parameters != nullptr) {
    if (const Node* declaration = sections_.parameters->Find(name)) {
      return Parameter(name, *declaration);
    }
  }
  if (IsResource(name)) return Value::Reference(settings_.id_prefix + std::string(name));
  Report(at, "Ref to " + std::string(name) + ", which is neither a parameter nor a resource");
  return Value::Unknown("reference to undefined " + std::string(name));
}

namespace {
bool IsListType(std::string_view type) {
  return type.rfind("List<", 0) == 0 || type == "CommaDelimitedList" ||
         type.find("<List<") != std::string_view::npos;
}
std::string TypeOf(const Node& declaration) {
  const Node* type_node = declaration.Find("Type");
  return type_node != nullptr && type_node->IsScalar() ? type_node->scalar : "String";
}
}  // namespace

void Resolver::CheckParameterValues() {
  auto check = [&](const std::string& name, const std::string& text, const std::string& origin) {
    const Node* declaration =
        sections_.parameters != nullptr ? sections_.parameters->Find(name) : nullptr;
    if (declaration == nullptr) return;
    const Node* allowed = declaration->Find("AllowedValues");
    if (allowed == nullptr || !allowed->IsSequence()) return;
    std::vector<std::string> values;
    if (IsListType(TypeOf(*declaration))) {
      for (const std::string& part : SplitText(text, ",")) values.push_back(Trim(part));
    } else {
      values.push_back(text);
    }
    std::string choices;
    for (const Node& item : allowed->items) {
      choices += (choices.empty() ? "" : ", ") + item.scalar;
    }
    for (const std::string& value : values) {
      const bool listed = std::any_of(allowed->items.begin(), allowed->items.end(),
                                      [&](const Node& item) { return item.scalar == value; });
      if (listed) continue;
      rejected_parameters_.insert(name);
      diagnostics_.Report("IN004", Severity::kError, name,
                          "parameter " + name + ": value '" + value + "' " + origin +
                              " is not one of its AllowedValues (" + choices +
                              "); CloudFormation would refuse it, so the parameter is unknown",
                          SourceRef{file_, allowed->line, allowed->column, ""});
      return;
    }
  };
  for (const auto& [name, text] : settings_.parameters) {
    auto origin = settings_.parameter_origins.find(name);
    check(name, text,
          origin != settings_.parameter_origins.end() ? "given " + origin->second : "given");
  }
  for (const auto& [name, value] : settings_.passed_parameters) {
    if (value.IsString()) check(name, value.text, "passed by " + settings_.passed_by);
  }
}

Value Resolver::Parameter(std::string_view name, const Node& declaration) {
  const std::string type = TypeOf(declaration);
  std::optional<std::string> text;
  if (rejected_parameters_.contains(name)) {
    return Value::Unknown("depends on parameter " + std::string(name) +
                          ", whose given value is not allowed");
  }
  if (type.rfind("AWS::SSM::Parameter::", 0) == 0) {
    // Default and given values alike name the SSM parameter, not the value it holds.
    return Value::Unknown("depends on parameter " + std::string(name) +
                          ", read from SSM Parameter Store at deployment");
  }
  if (settings_.previous_value_parameters.contains(name)) {
    return Value::Unknown("depends on parameter " + std::string(name) +
                          ", given as the deployed stack's previous value");
  }
  const bool is_list = IsListType(type);
  if (auto passed = settings_.passed_parameters.find(name);
      passed != settings_.passed_parameters.end()) {
    if (!passed->second.IsString()) {
      if (is_list && passed->second.kind != Value::Kind::kList) {
        Value list;
        list.kind = Value::Kind::kList;
        list.list.push_back(passed->second);
        return passed->second.IsUnknown() ? passed->second : list;
      }
      return passed->second;
    }
    text = passed->second.text;
  } else if (auto given = settings_.parameters.find(name); given != settings_.parameters.end()) {
    text = given->second;
  } else if (const Node* fallback = declaration.Find("Default");
             fallback != nullptr && fallback->IsScalar()) {
    text = fallback->scalar;
  }
  if (!text) {
    return Value::Unknown("depends on parameter " + std::string(name) + " without default");
  }
  if (!is_list) return Value::String(*text);
  Value list;
  list.kind = Value::Kind::kList;
  if (!text->empty()) {
    for (const std::string& part : SplitText(*text, ",")) list.list.push_back(Value::String(Trim(part)));
  }
  return list;
}

Value Resolver::GetAtt(std::string_view logical_id, std::string_view attribute, int depth) {
  if (attribute.rfind("Outputs.", 0) == 0) {
    const std::string key = std::string(logical_id) + "." + std::string(attribute);
    if (auto found = settings_.nested_outputs.find(key); found != settings_.nested_outputs.end()) {
      return found->second;
    }
  }
  const std::string id = settings_.id_prefix + std::string(logical_id);
  if (IsIdentityAttribute(attribute)) return Value::Reference(id);
  // A VPC's or subnet's CidrBlock is what the template wrote (Fn::Cidr over a VPC's block is the
  // common way to carve subnets).
  if (attribute == "CidrBlock") {
    const Node* resource = sections_.resources->Find(logical_id);
    const Node* properties = resource != nullptr ? resource->Find("Properties") : nullptr;
    const Node* block = properties != nullptr ? properties->Find("CidrBlock") : nullptr;
    const std::string key = std::string(logical_id) + ".CidrBlock";
    if (block != nullptr && !attributes_in_progress_.contains(key)) {
      attributes_in_progress_.insert(key);
      Value value = ResolveAt(*block, depth);
      attributes_in_progress_.erase(key);
      return value;
    }
  }
  return Value::Reference(id, std::string(attribute));
}

Value Resolver::Sub(const Node& argument, const Node& at, int depth) {
  const Node* text_node = &argument;
  const Node* variables = nullptr;
  if (argument.IsSequence()) {
    if (argument.items.empty()) {
      Report(at, "Fn::Sub expects a string or [string, {variables}]");
      return Value::Unknown("malformed Fn::Sub");
    }
    text_node = &argument.items[0];
    if (argument.items.size() > 1 && argument.items[1].IsMap()) variables = &argument.items[1];
  }
  if (!text_node->IsScalar()) {
    Report(at, "Fn::Sub expects a string");
    return Value::Unknown("malformed Fn::Sub");
  }
  const std::string& text = text_node->scalar;
  std::string out;
  std::size_t position = 0;
  while (position < text.size()) {
    const std::size_t open = text.find("${", position);
    if (open == std::string::npos) {
      out.append(text, position, std::string::npos);
      break;
    }
    out.append(text, position, open - position);
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string::npos) {
      out.append(text, open, std::string::npos);
      break;
    }
    const std::string name = Trim(std::string_view(text).substr(open + 2, close - open - 2));
    position = close + 1;
    if (!name.empty() && name.front() == '!') {
      out += "${" + name.substr(1) + "}";
      continue;
    }
    Value value;
    if (const Node* variable = variables != nullptr ? variables->Find(name) : nullptr) {
      value = ResolveAt(*variable, depth);
    } else if (const std::size_t dot = name.find('.');
               dot != std::string::npos && name.rfind("AWS::", 0) != 0) {
      const std::string logical_id = name.substr(0, dot);
      if (!IsResource(logical_id)) {
        Report(at, "Fn::Sub names " + logical_id + ", which is not a resource of the template");
        return Value::Unknown("attribute of undefined resource " + logical_id);
      }
      value = GetAtt(logical_id, name.substr(dot + 1), depth);
    } else {
      value = Ref(name, at);
    }
    if (value.IsString()) {
      out += value.text;
      continue;
    }
    // "${Vpc}" alone is the value itself (a reference stays a reference).
    if (open == 0 && close + 1 == text.size()) return value;
    return UnknownFrom(value, "Fn::Sub");
  }
  return Value::String(std::move(out));
}

Value Resolver::Cidr(const Value& block, const Value& count, const Value& bits, const Node& at) {
  if (!block.IsString()) return UnknownFrom(block, "Fn::Cidr");
  if (!count.IsString()) return UnknownFrom(count, "Fn::Cidr");
  if (!bits.IsString()) return UnknownFrom(bits, "Fn::Cidr");
  const std::optional<long long> count_number = ParseInteger(count.text);
  const std::optional<long long> bits_number = ParseInteger(bits.text);
  if (!count_number || !bits_number) {
    Report(at, "Fn::Cidr count and cidrBits must be integers");
    return Value::Unknown("invalid Fn::Cidr");
  }
  std::string error;
  std::optional<std::vector<std::string>> blocks =
      ComputeCidr(block.text, *count_number, *bits_number, error);
  if (!blocks) {
    Report(at, "Fn::Cidr: " + error);
    return Value::Unknown("invalid Fn::Cidr: " + error);
  }
  Value list;
  list.kind = Value::Kind::kList;
  for (std::string& text : *blocks) list.list.push_back(Value::String(std::move(text)));
  return list;
}

std::optional<bool> Resolver::Condition(std::string_view name, const Node* at) {
  if (auto cached = condition_cache_.find(name); cached != condition_cache_.end()) {
    return cached->second;
  }
  const Node* definition =
      sections_.conditions != nullptr ? sections_.conditions->Find(name) : nullptr;
  if (definition == nullptr) {
    if (at != nullptr) Report(*at, "condition " + std::string(name) + " is not defined");
    condition_cache_[std::string(name)] = std::nullopt;
    return std::nullopt;
  }
  if (conditions_in_progress_.contains(name)) {
    diagnostics_.Report("IN001", Severity::kError, "",
                        "circular condition: " + std::string(name) + " depends on itself",
                        SourceRef{file_, definition->line, definition->column, ""});
    return std::nullopt;
  }
  conditions_in_progress_.insert(std::string(name));
  // Conditions compare real values: symbolic text must not make them true or false.
  const bool symbolic = std::exchange(symbolic_pseudo_parameters_, false);
  const std::optional<bool> truth = EvaluateCondition(*definition, 0);
  symbolic_pseudo_parameters_ = symbolic;
  conditions_in_progress_.erase(std::string(name));
  condition_cache_[std::string(name)] = truth;
  return truth;
}

std::optional<bool> Resolver::EvaluateCondition(const Node& node, int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  const std::optional<Intrinsic> function = AsIntrinsic(node);
  if (!function) {
    if (node.IsScalar() && (node.scalar == "true" || node.scalar == "false")) {
      return node.scalar == "true";
    }
    return std::nullopt;
  }
  const Node* argument = function->argument;
  const std::string& name = function->name;
  if (name == "Condition") {
    return argument->IsScalar() ? Condition(argument->scalar, &node) : std::nullopt;
  }
  if (name == "Fn::Equals") {
    if (!argument->IsSequence() || argument->items.size() != 2) {
      Report(node, "Fn::Equals expects two values");
      return std::nullopt;
    }
    const Value a = ResolveAt(argument->items[0], depth + 1);
    const Value b = ResolveAt(argument->items[1], depth + 1);
    if (a.IsString() && b.IsString()) return a.text == b.text;
    if (a.kind == Value::Kind::kReference && b.kind == Value::Kind::kReference &&
        a.Describe() == b.Describe()) {
      return true;
    }
    return std::nullopt;
  }
  if (name == "Fn::Not") {
    if (!argument->IsSequence() || argument->items.size() != 1) {
      Report(node, "Fn::Not expects one condition");
      return std::nullopt;
    }
    const std::optional<bool> inner = EvaluateCondition(argument->items[0], depth + 1);
    if (!inner) return std::nullopt;
    return !*inner;
  }
  if (name == "Fn::And" || name == "Fn::Or") {
    if (!argument->IsSequence()) {
      Report(node, name + " expects a list of conditions");
      return std::nullopt;
    }
    const bool is_and = name == "Fn::And";
    bool any_unknown = false;
    for (const Node& item : argument->items) {
      const std::optional<bool> inner = EvaluateCondition(item, depth + 1);
      if (!inner) {
        any_unknown = true;
        continue;
      }
      if (*inner != is_and) return !is_and;  // a false in And, a true in Or decides
    }
    if (any_unknown) return std::nullopt;
    return is_and;
  }
  const Value value = ResolveFunction(*function, depth + 1);
  if (value.IsString() && (value.text == "true" || value.text == "false")) {
    return value.text == "true";
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> ComputeCidr(std::string_view block, long long count,
                                                    long long host_bits, std::string& error) {
  if (count < 1 || count > 256) {
    error = "count " + std::to_string(count) + " is outside 1..256";
    return std::nullopt;
  }
  std::vector<std::string> out;
  if (const std::optional<model::Ipv4Prefix> v4 = model::Ipv4Prefix::Parse(block)) {
    const long long new_length = 32 - host_bits;
    if (host_bits < 0 || host_bits > 32 || new_length < v4->length()) {
      error = "cidrBits " + std::to_string(host_bits) + " does not fit in " + std::string(block);
      return std::nullopt;
    }
    const long long available = 1LL << (new_length - v4->length());
    if (count > available) {
      error = std::to_string(count) + " blocks of /" + std::to_string(new_length) +
              " do not fit in " + std::string(block);
      return std::nullopt;
    }
    const std::uint64_t step = std::uint64_t{1} << host_bits;
    for (long long i = 0; i < count; ++i) {
      const auto address = static_cast<std::uint32_t>(v4->First() + static_cast<std::uint64_t>(i) * step);
      out.push_back(model::Ipv4Address(address).ToString() + "/" + std::to_string(new_length));
    }
    return out;
  }
  if (const std::optional<model::Ipv6Prefix> v6 = model::Ipv6Prefix::Parse(block)) {
    const long long new_length = 128 - host_bits;
    if (host_bits < 0 || host_bits > 128 || new_length < v6->length()) {
      error = "cidrBits " + std::to_string(host_bits) + " does not fit in " + std::string(block);
      return std::nullopt;
    }
    const long long spare = new_length - v6->length();
    if (spare < 9 && count > (1LL << spare)) {
      error = std::to_string(count) + " blocks of /" + std::to_string(new_length) +
              " do not fit in " + std::string(block);
      return std::nullopt;
    }
    const model::Uint128 step =
        host_bits == 128 ? model::Uint128{0} : model::Uint128{1} << host_bits;
    for (long long i = 0; i < count; ++i) {
      const model::Uint128 address = v6->First() + step * static_cast<model::Uint128>(i);
      out.push_back(model::Ipv6Address(address).ToString() + "/" + std::to_string(new_length));
    }
    return out;
  }
  error = "'" + std::string(block) + "' is not a CIDR block";
  return std::nullopt;
}

}  // namespace netlint::ingest::cfn
