#include "analyzer/ingest/terraform/plan_index.h"

#include <algorithm>
#include <set>
#include <span>

namespace netlint::ingest::terraform {
namespace {

// Module calls nest at most this deep in practice; the limit only stops reference cycles.
constexpr int kMaxResolveDepth = 32;

bool IsString(JsonValue value) { return value.valid() && value.is_string(); }

std::string InstanceKey(JsonValue index) {
  if (!index.valid()) return "";
  if (index.is_integer()) return "[" + std::to_string(index.integer()) + "]";
  if (index.is_string()) return "[\"" + std::string(index.string()) + "\"]";
  return "";
}

std::string Join(const std::string& module_path, std::string_view local) {
  return module_path.empty() ? std::string(local) : module_path + "." + std::string(local);
}

// "module.a.module.b" -> ("module.a", "b").
std::pair<std::string, std::string> SplitModulePath(const std::string& path) {
  const std::size_t marker = path.rfind("module.");
  if (marker == std::string::npos) return {"", ""};
  std::string parent = marker == 0 ? "" : path.substr(0, marker - 1);
  std::string call = path.substr(marker + 7);
  if (const std::size_t bracket = call.find('['); bracket != std::string::npos) {
    call.resize(bracket);  // module instance keys: every instance shares one configuration
  }
  return {parent, call};
}

void AddUnique(std::vector<std::string>& ids, std::string id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
}

void MarkUnknown(Link& link, std::string why) {
  if (!link.unknown) link.why = std::move(why);
  link.unknown = true;
}

}  // namespace

std::string StripModuleKeys(std::string_view path) {
  std::string stripped;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (depth > 0) {
      if (c == '"' && (i == 0 || path[i - 1] != '\\')) quoted = !quoted;
      if (!quoted && c == ']') --depth;
      continue;
    }
    if (c == '[') {
      ++depth;
      continue;
    }
    stripped += c;
  }
  return stripped;
}

std::vector<std::string> SplitReference(std::string_view reference) {
  std::vector<std::string> steps;
  std::string current;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    const char c = reference[i];
    if (c == '.') {
      if (!current.empty()) steps.push_back(std::move(current));
      current.clear();
    } else if (c == '[') {
      if (!current.empty()) steps.push_back(std::move(current));
      current.clear();
      bool quoted = false;
      std::size_t j = i;
      for (; j < reference.size(); ++j) {
        const char d = reference[j];
        current += d;
        if (d == '"' && reference[j - 1] != '\\') quoted = !quoted;
        if (d == ']' && !quoted) break;
      }
      steps.push_back(std::move(current));
      current.clear();
      i = j;
    } else {
      current += c;
    }
  }
  if (!current.empty()) steps.push_back(std::move(current));
  return steps;
}

Block Block::Child(std::string_view name, std::size_t index) const {
  Block child;
  child.source = source.Child(name).Child(index);
  auto element = [&](JsonValue holder) -> JsonValue {
    if (!holder.valid() || !holder.is_object()) return {};
    const JsonValue member = holder.Find(name);
    if (!member.valid()) return {};
    if (member.is_object()) return index == 0 ? member : JsonValue{};
    if (!member.is_array() || index >= member.size()) return {};
    std::size_t at = 0;
    for (JsonValue item : member) {
      if (at++ == index) return item;
    }
    return {};
  };
  child.values = element(values);
  child.unknown = element(unknown);
  const JsonValue configured =
      expressions.valid() && expressions.is_object() ? expressions.Find(name) : JsonValue{};
  if (configured.valid() && configured.is_object() &&
      (configured.Find("references").valid() || configured.Find("constant_value").valid())) {
    child.shared_expression = configured;
    child.sibling_unknowns = unknown.valid() && unknown.is_object() ? unknown.Find(name) : JsonValue{};
    return child;
  }
  child.expressions = element(expressions);
  // A set of blocks whose elements Terraform cannot order before apply: one configuration
  // block for several planned elements is the common case (count-free literal blocks).
  if (!child.expressions.valid() && expressions.valid() && expressions.is_object()) {
    const JsonValue member = expressions.Find(name);
    if (member.valid() && member.is_array() && member.size() == 1) child.expressions = *member.begin();
  }
  return child;
}

bool Block::IsUnknown(std::string_view attribute) const {
  if (!unknown.valid() || !unknown.is_object()) return false;
  const JsonValue flag = unknown.Find(attribute);
  if (!flag.valid()) return false;
  if (flag.is_bool()) return flag.boolean();
  if (flag.is_array()) {
    for (JsonValue element : flag) {
      if (element.is_bool() && element.boolean()) return true;
    }
  }
  return false;
}

PlanIndex::PlanIndex(JsonValue root) {
  const SourceRef document;
  JsonValue planned = root.Find("planned_values");
  SourceRef planned_source = document.Child("planned_values");
  if (!planned.valid() || !planned.is_object()) {
    planned = root.Find("values");  // terraform show -json of a state
    planned_source = document.Child("values");
    is_state_ = planned.valid() && planned.is_object();
  }
  if (planned.valid() && planned.is_object()) {
    const JsonValue module = planned.Find("root_module");
    if (module.valid() && module.is_object()) {
      CollectPlanned(module, planned_source.Child("root_module"));
    }
  }
  const JsonValue changes = root.Find("resource_changes");
  if (changes.valid() && changes.is_array()) ApplyChanges(changes);
  const JsonValue configuration = root.Find("configuration");
  if (configuration.valid() && configuration.is_object()) {
    const JsonValue module = configuration.Find("root_module");
    if (module.valid() && module.is_object()) IndexConfiguration(module, "", {});
  }
  root_variables_ = root.Find("variables");
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    ResourceInstance& instance = instances_[i];
    const JsonValue id = instance.block.values.valid() && instance.block.values.is_object()
                             ? instance.block.values.Find("id")
                             : JsonValue{};
    instance.id = IsString(id) && !id.string().empty() ? std::string(id.string()) : instance.address;
    const JsonValue config = ResourceConfig(instance);
    if (config.valid()) {
      instance.block.expressions = config.Find("expressions");
      instance.count_or_for_each =
          config.Find("count_expression").valid() || config.Find("for_each_expression").valid();
    }
    by_resource_[Join(instance.module_path, instance.type + "." + instance.name)].push_back(i);
  }
  IndexDefaultResources();
}

// AWS creates a default security group, network ACL and main route table with each VPC;
// configurations name them through VPC attributes, and an aws_default_* resource adopts one.
void PlanIndex::IndexDefaultResources() {
  std::map<std::string, std::string, std::less<>> adopted;
  for (const ResourceInstance& instance : instances_) {
    std::string_view attribute;
    std::string_view suffix;
    if (instance.type == "aws_default_security_group") {
      attribute = "vpc_id";
      suffix = ".default_security_group";
    } else if (instance.type == "aws_default_network_acl") {
      attribute = "default_network_acl_id";
      suffix = ".default_network_acl";
    } else if (instance.type == "aws_default_route_table") {
      attribute = "default_route_table_id";
      suffix = ".main_route_table";
    } else {
      continue;
    }
    const bool names_vpc = attribute == "vpc_id";
    for (const std::string& id : Ids(instance, instance.block, attribute).ids) {
      // A default's own id, when known, is what references to it say too.
      if (!names_vpc && !id.ends_with(suffix)) continue;
      const std::string vpc = names_vpc ? id : id.substr(0, id.size() - suffix.size());
      adopted.emplace(vpc + std::string(suffix), instance.id);
      default_resource_vpcs_.emplace(instance.address, vpc);
    }
  }
  vpc_defaults_ = std::move(adopted);
}

std::string PlanIndex::DefaultResourceVpc(const std::string& address) const {
  const auto found = default_resource_vpcs_.find(address);
  return found != default_resource_vpcs_.end() ? found->second : std::string();
}

std::string PlanIndex::ReferencedId(const ResourceInstance& target,
                                    const std::vector<std::string>& steps,
                                    std::size_t attribute_step) const {
  if (target.type != "aws_vpc" || attribute_step >= steps.size()) return target.id;
  static constexpr std::pair<std::string_view, std::string_view> kDefaults[] = {
      {"default_security_group_id", ".default_security_group"},
      {"default_network_acl_id", ".default_network_acl"},
      {"default_route_table_id", ".main_route_table"},
      {"main_route_table_id", ".main_route_table"},
  };
  for (const auto& [attribute, suffix] : kDefaults) {
    if (steps[attribute_step] != attribute) continue;
    const JsonValue known = target.block.values.valid() && target.block.values.is_object()
                                ? target.block.values.Find(attribute)
                                : JsonValue{};
    if (IsString(known) && !known.string().empty()) return std::string(known.string());
    // Created with the VPC: named after it until an aws_default_* resource adopts it.
    std::string stand_in = target.id + std::string(suffix);
    const auto adopter = vpc_defaults_.find(stand_in);
    return adopter != vpc_defaults_.end() ? adopter->second : stand_in;
  }
  return target.id;
}

void PlanIndex::CollectPlanned(JsonValue module, const SourceRef& source) {
  const std::string module_path =
      IsString(module.Find("address")) ? std::string(module.Find("address").string()) : "";
  const JsonValue resources = module.Find("resources");
  if (resources.valid() && resources.is_array()) {
    std::size_t index = 0;
    for (JsonValue resource : resources) {
      const SourceRef at = source.Child("resources").Child(index++);
      if (!resource.is_object()) continue;
      const JsonValue mode = resource.Find("mode");
      if (IsString(mode) && mode.string() != "managed") continue;
      if (!IsString(resource.Find("type")) || !IsString(resource.Find("name"))) continue;
      ResourceInstance instance;
      instance.module_path = module_path;
      instance.type = std::string(resource.Find("type").string());
      instance.name = std::string(resource.Find("name").string());
      instance.key = InstanceKey(resource.Find("index"));
      instance.address = IsString(resource.Find("address"))
                             ? std::string(resource.Find("address").string())
                             : Join(module_path, instance.type + "." + instance.name + instance.key);
      instance.block.values = resource.Find("values");
      instance.block.source = at.Child("values");
      if (by_address_.contains(instance.address)) continue;
      by_address_.emplace(instance.address, instances_.size());
      instances_.push_back(std::move(instance));
    }
  }
  const JsonValue children = module.Find("child_modules");
  if (children.valid() && children.is_array()) {
    std::size_t index = 0;
    for (JsonValue child : children) {
      const SourceRef at = source.Child("child_modules").Child(index++);
      if (child.is_object()) CollectPlanned(child, at);
    }
  }
}

void PlanIndex::ApplyChanges(JsonValue changes) {
  std::set<std::string, std::less<>> gone;
  std::size_t index = 0;
  for (JsonValue change : changes) {
    const SourceRef at = SourceRef{}.Child("resource_changes").Child(index++);
    if (!change.is_object() || !IsString(change.Find("address"))) continue;
    const JsonValue mode = change.Find("mode");
    if (IsString(mode) && mode.string() != "managed") continue;
    if (change.Find("deposed").valid()) continue;  // a deposed object is on its way out
    const std::string address(change.Find("address").string());
    const JsonValue body = change.Find("change");
    if (!body.valid() || !body.is_object()) continue;
    bool removes = false;
    bool keeps = false;
    const JsonValue actions = body.Find("actions");
    if (actions.valid() && actions.is_array()) {
      for (JsonValue action : actions) {
        if (!IsString(action)) continue;
        if (action.string() == "delete" || action.string() == "forget") {
          removes = true;
        } else {
          keeps = true;
        }
      }
    }
    if (removes && !keeps) {
      gone.insert(address);
      continue;
    }
    auto found = by_address_.find(address);
    if (found == by_address_.end()) {
      // Plans written without planned_values (or older ones that left some out).
      if (!IsString(change.Find("type")) || !IsString(change.Find("name"))) continue;
      ResourceInstance instance;
      instance.address = address;
      instance.module_path = IsString(change.Find("module_address"))
                                 ? std::string(change.Find("module_address").string())
                                 : "";
      instance.type = std::string(change.Find("type").string());
      instance.name = std::string(change.Find("name").string());
      instance.key = InstanceKey(change.Find("index"));
      instance.block.values = body.Find("after");
      instance.block.source = at.Child("change").Child("after");
      found = by_address_.emplace(address, instances_.size()).first;
      instances_.push_back(std::move(instance));
    }
    instances_[found->second].block.unknown = body.Find("after_unknown");
  }
  if (gone.empty()) return;
  std::vector<ResourceInstance> kept;
  for (ResourceInstance& instance : instances_) {
    if (gone.contains(instance.address)) {
      ++deleted_;
      continue;
    }
    kept.push_back(std::move(instance));
  }
  instances_ = std::move(kept);
  by_address_.clear();
  for (std::size_t i = 0; i < instances_.size(); ++i) by_address_[instances_[i].address] = i;
}

void PlanIndex::IndexConfiguration(JsonValue module, const std::string& path, JsonValue call) {
  modules_[path] = ModuleConfig{module, call};
  const JsonValue calls = module.Find("module_calls");
  if (!calls.valid() || !calls.is_object()) return;
  for (JsonValue child_call : calls) {
    if (!child_call.is_object()) continue;
    const JsonValue child = child_call.Find("module");
    if (!child.valid() || !child.is_object()) continue;
    IndexConfiguration(child, Join(path, "module." + std::string(child_call.key())), child_call);
  }
}

JsonValue PlanIndex::ResourceConfig(const ResourceInstance& instance) const {
  const auto module = modules_.find(StripModuleKeys(instance.module_path));
  if (module == modules_.end()) return {};
  const JsonValue resources = module->second.module.Find("resources");
  if (!resources.valid() || !resources.is_array()) return {};
  const std::string local = instance.type + "." + instance.name;
  for (JsonValue resource : resources) {
    const JsonValue address = resource.Find("address");
    if (IsString(address) && address.string() == local) return resource;
  }
  return {};
}

Link PlanIndex::Ids(const ResourceInstance& owner, const Block& block,
                    std::string_view attribute) const {
  Link link;
  bool has_gaps = block.IsUnknown(attribute);
  const JsonValue value = block.values.valid() && block.values.is_object()
                              ? block.values.Find(attribute)
                              : JsonValue{};
  if (value.valid() && value.is_string()) {
    if (!value.string().empty()) link.ids.emplace_back(value.string());
  } else if (value.valid() && value.is_array()) {
    for (JsonValue element : value) {
      if (element.is_string() && !element.string().empty()) {
        AddUnique(link.ids, std::string(element.string()));
      } else if (element.is_null()) {
        has_gaps = true;
      }
    }
  }
  if (!has_gaps) return link;
  const JsonValue expression = block.expressions.valid() && block.expressions.is_object()
                                   ? block.expressions.Find(attribute)
                                   : JsonValue{};
  if (!expression.valid() && block.shared_expression.valid()) {
    Link resolved = ResolveShared(owner, block, attribute);
    for (std::string& id : resolved.ids) AddUnique(link.ids, std::move(id));
    if (resolved.unknown) MarkUnknown(link, std::string(attribute) + " " + resolved.why);
    return link;
  }
  if (!expression.valid()) {
    link.unset = block.expressions.valid();
    MarkUnknown(link, std::string(attribute) + " is decided at apply time and no configuration "
                                               "expression in the plan says where it comes from");
    return link;
  }
  Link resolved = Resolve(expression, owner.module_path, &owner, 0);
  for (std::string& id : resolved.ids) AddUnique(link.ids, std::move(id));
  if (resolved.unknown) MarkUnknown(link, std::string(attribute) + " " + resolved.why);
  if (resolved.ids.empty() && !resolved.unknown) {
    MarkUnknown(link, std::string(attribute) + " is unknown before apply and no reference in "
                                               "the configuration names its resource");
  }
  return link;
}

namespace {

// Terraform lists each traversal and then its shorter prefixes; only the longest one of each
// subject says which instance and attribute it means. `count.` and `each.` steps say an index
// is decided per instance.
std::vector<std::vector<std::string>> Traversals(JsonValue references, bool& dynamic_index) {
  std::vector<std::vector<std::string>> traversals;
  for (JsonValue reference : references) {
    if (!reference.is_string()) continue;
    std::vector<std::string> steps = SplitReference(reference.string());
    if (steps.empty()) continue;
    if (steps[0] == "count" || steps[0] == "each") {
      dynamic_index = true;
      continue;
    }
    if (steps[0] == "path" || steps[0] == "terraform" || steps[0] == "self") continue;
    const bool is_prefix = std::any_of(traversals.begin(), traversals.end(), [&](const auto& t) {
      return t.size() > steps.size() && std::equal(steps.begin(), steps.end(), t.begin());
    });
    if (is_prefix) continue;
    // Drop earlier traversals this one extends.
    std::erase_if(traversals, [&](const std::vector<std::string>& t) {
      return t.size() < steps.size() && std::equal(t.begin(), t.end(), steps.begin());
    });
    traversals.push_back(std::move(steps));
  }
  return traversals;
}

// The resource types an attribute of an inline block can name.
std::span<const std::string_view> TypesNamedBy(std::string_view attribute) {
  static constexpr std::string_view kNat[] = {"aws_nat_gateway"};
  static constexpr std::string_view kGateway[] = {"aws_internet_gateway", "aws_vpn_gateway",
                                                  "aws_vpc_endpoint"};
  static constexpr std::string_view kEgressOnly[] = {"aws_egress_only_internet_gateway"};
  static constexpr std::string_view kPeering[] = {"aws_vpc_peering_connection",
                                                  "aws_vpc_peering_connection_accepter"};
  static constexpr std::string_view kTransit[] = {"aws_ec2_transit_gateway"};
  static constexpr std::string_view kInterface[] = {"aws_network_interface"};
  static constexpr std::string_view kEndpoint[] = {"aws_vpc_endpoint"};
  static constexpr std::string_view kGroups[] = {"aws_security_group", "aws_default_security_group"};
  if (attribute == "nat_gateway_id") return kNat;
  if (attribute == "gateway_id") return kGateway;
  if (attribute == "egress_only_gateway_id") return kEgressOnly;
  if (attribute == "vpc_peering_connection_id") return kPeering;
  if (attribute == "transit_gateway_id") return kTransit;
  if (attribute == "network_interface_id") return kInterface;
  if (attribute == "vpc_endpoint_id") return kEndpoint;
  if (attribute == "security_groups") return kGroups;
  return {};
}

bool FlagSet(JsonValue flag) {
  if (!flag.valid()) return false;
  if (flag.is_bool()) return flag.boolean();
  if (flag.is_array()) {
    for (JsonValue element : flag) {
      if (element.is_bool() && element.boolean()) return true;
    }
  }
  return false;
}

}  // namespace

// One expression for all of an attribute's blocks: its references of the types the attribute
// names belong to this block only when no sibling block waits for such a value too.
Link PlanIndex::ResolveShared(const ResourceInstance& owner, const Block& block,
                              std::string_view attribute) const {
  Link link;
  std::size_t waiting = 0;
  if (block.sibling_unknowns.valid() && block.sibling_unknowns.is_array()) {
    for (JsonValue sibling : block.sibling_unknowns) {
      if (sibling.is_object() && FlagSet(sibling.Find(attribute))) ++waiting;
    }
  }
  const std::span<const std::string_view> types = TypesNamedBy(attribute);
  if (waiting != 1 || types.empty()) {
    MarkUnknown(link, "is given in one expression for several blocks, which does not say which "
                      "block names which resource");
    return link;
  }
  const JsonValue references = block.shared_expression.Find("references");
  if (!references.valid() || !references.is_array()) return link;
  bool dynamic_index = false;
  for (const std::vector<std::string>& steps : Traversals(references, dynamic_index)) {
    if (steps.size() < 2 || std::find(types.begin(), types.end(), steps[0]) == types.end()) continue;
    ResolveReference(steps, owner.module_path, &owner, dynamic_index, 0, link);
  }
  if (link.ids.empty() && !link.unknown) {
    MarkUnknown(link, "is unknown before apply and no reference in the configuration names its "
                      "resource");
  }
  return link;
}

Link PlanIndex::Resolve(JsonValue expression, const std::string& module_path,
                        const ResourceInstance* owner, int depth) const {
  Link link;
  if (!expression.valid() || !expression.is_object() || depth > kMaxResolveDepth) {
    MarkUnknown(link, "depends on an expression netlint cannot follow");
    return link;
  }
  const JsonValue constant = expression.Find("constant_value");
  if (constant.valid()) {
    if (constant.is_string() && !constant.string().empty()) {
      link.ids.emplace_back(constant.string());
    } else if (constant.is_array()) {
      for (JsonValue element : constant) {
        if (element.is_string() && !element.string().empty()) {
          AddUnique(link.ids, std::string(element.string()));
        }
      }
    }
    return link;
  }
  const JsonValue references = expression.Find("references");
  if (!references.valid() || !references.is_array()) {
    MarkUnknown(link, "depends on an expression netlint cannot follow");
    return link;
  }
  bool dynamic_index = false;
  const std::vector<std::vector<std::string>> traversals = Traversals(references, dynamic_index);
  for (const std::vector<std::string>& steps : traversals) {
    ResolveReference(steps, module_path, owner, dynamic_index, depth, link);
  }
  return link;
}

void PlanIndex::ResolveReference(const std::vector<std::string>& steps,
                                 const std::string& module_path, const ResourceInstance* owner,
                                 bool dynamic_index, int depth, Link& link) const {
  const std::string& head = steps[0];
  if (head == "var" && steps.size() >= 2) {
    if (module_path.empty()) {
      // Root variables have their values in the plan.
      const JsonValue variable = root_variables_.valid() && root_variables_.is_object()
                                     ? root_variables_.Find(steps[1])
                                     : JsonValue{};
      const JsonValue value = variable.valid() ? variable.Find("value") : JsonValue{};
      if (value.valid() && (value.is_string() || value.is_array())) {
        if (value.is_string() && !value.string().empty()) AddUnique(link.ids, std::string(value.string()));
        if (value.is_array()) {
          for (JsonValue element : value) {
            if (element.is_string() && !element.string().empty()) {
              AddUnique(link.ids, std::string(element.string()));
            }
          }
        }
        return;
      }
      MarkUnknown(link, "depends on var." + steps[1] + ", whose value the plan does not give");
      return;
    }
    const auto module = modules_.find(StripModuleKeys(module_path));
    const JsonValue call = module != modules_.end() ? module->second.call : JsonValue{};
    const JsonValue expressions = call.valid() ? call.Find("expressions") : JsonValue{};
    const JsonValue argument =
        expressions.valid() && expressions.is_object() ? expressions.Find(steps[1]) : JsonValue{};
    if (!argument.valid()) {
      MarkUnknown(link, "depends on var." + steps[1] + " of " + module_path +
                            ", which its caller leaves to the default");
      return;
    }
    const Link resolved = Resolve(argument, SplitModulePath(module_path).first, nullptr, depth + 1);
    for (const std::string& id : resolved.ids) AddUnique(link.ids, id);
    if (resolved.unknown) MarkUnknown(link, resolved.why);
    return;
  }
  if (head == "module" && steps.size() >= 2) {
    const std::size_t output_step = steps.size() >= 3 && steps[2].front() == '[' ? 3 : 2;
    if (steps.size() <= output_step) {
      MarkUnknown(link, "depends on the whole of module." + steps[1]);
      return;
    }
    const std::string child_path = Join(StripModuleKeys(module_path), "module." + steps[1]);
    const auto child = modules_.find(child_path);
    const JsonValue outputs = child != modules_.end() ? child->second.module.Find("outputs") : JsonValue{};
    const JsonValue output = outputs.valid() && outputs.is_object() ? outputs.Find(steps[output_step]) : JsonValue{};
    if (!output.valid()) {
      MarkUnknown(link, "depends on module." + steps[1] + "." + steps[output_step] +
                            ", whose configuration the plan does not give");
      return;
    }
    const Link resolved = Resolve(output.Find("expression"), child_path, nullptr, depth + 1);
    for (const std::string& id : resolved.ids) AddUnique(link.ids, id);
    if (resolved.unknown) MarkUnknown(link, resolved.why);
    return;
  }
  if (head == "local") {
    MarkUnknown(link, "depends on local." + (steps.size() > 1 ? steps[1] : std::string()) +
                          " (locals are not in plan JSON)");
    return;
  }
  if (head == "data") {
    MarkUnknown(link, "depends on a data source read at apply time");
    return;
  }
  if (steps.size() < 2) return;
  // A managed resource: TYPE.NAME[KEY].ATTRIBUTE.
  const std::string subject = head + "." + steps[1];
  const bool keyed = steps.size() >= 3 && steps[2].front() == '[';
  // The referencing module's instances: a resource in one instance of a module refers to the
  // same instance's resources, so look them up under the owner's (keyed) module path first.
  const std::string owner_module = owner != nullptr ? owner->module_path : module_path;
  if (keyed) {
    for (const std::string& prefix : {owner_module, module_path}) {
      const auto found = by_address_.find(Join(prefix, subject + steps[2]));
      if (found != by_address_.end()) {
        AddUnique(link.ids, ReferencedId(instances_[found->second], steps, 3));
        return;
      }
    }
    MarkUnknown(link, "names " + Join(module_path, subject + steps[2]) +
                          ", which is not in the planned resources");
    return;
  }
  const std::vector<std::size_t>* candidates = nullptr;
  for (const std::string& prefix : {owner_module, module_path}) {
    const auto found = by_resource_.find(Join(prefix, subject));
    if (found != by_resource_.end()) {
      candidates = &found->second;
      break;
    }
  }
  if (candidates == nullptr) {
    // Module instances under count/for_each: collect every instance of the module.
    for (const auto& [address, positions] : by_resource_) {
      if (StripModuleKeys(address) == Join(StripModuleKeys(module_path), subject)) {
        candidates = &positions;
        break;
      }
    }
  }
  if (candidates == nullptr) {
    MarkUnknown(link, "names " + Join(module_path, subject) +
                          ", which is not in the planned resources");
    return;
  }
  // aws_subnet.private[count.index].id appears as "aws_subnet.private" plus "count.index": the
  // same index as the referencing instance when both sides have it.
  if (dynamic_index && owner != nullptr && !owner->key.empty()) {
    for (std::size_t position : *candidates) {
      if (instances_[position].key == owner->key) {
        AddUnique(link.ids, ReferencedId(instances_[position], steps, 2));
        return;
      }
    }
  }
  for (std::size_t position : *candidates) {
    AddUnique(link.ids, ReferencedId(instances_[position], steps, 2));
  }
}

}  // namespace netlint::ingest::terraform
