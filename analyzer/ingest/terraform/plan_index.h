#pragma once

// The resources of a Terraform plan or state as they will be after apply, each with its
// configuration, and the recovery of links whose values are unknown before apply from the
// configuration's references (across module calls, module variables and outputs, count and
// for_each instances).

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ingest/json/json_value.h"
#include "netlint/base/source.h"

namespace netlint::ingest::terraform {

// One attribute block of a resource: its planned values, which of them are unknown, and the
// configuration expressions they came from (any of the three may be invalid).
struct Block {
  JsonValue values;
  JsonValue unknown;
  JsonValue expressions;
  SourceRef source;
  // Attributes-as-blocks (a security group's ingress, a route table's route): Terraform gives
  // one expression for all the blocks, and this block's siblings' unknown flags.
  JsonValue shared_expression;
  JsonValue sibling_unknowns;

  // Nested block `name`, element `index` (Terraform writes nested blocks as arrays, even
  // single ones; configuration writes a single block as an object).
  [[nodiscard]] Block Child(std::string_view name, std::size_t index) const;
  // Whether `attribute` is unknown before apply (wholly, or some element of it).
  [[nodiscard]] bool IsUnknown(std::string_view attribute) const;
};

struct ResourceInstance {
  std::string address;      // module.net.aws_subnet.private[0]
  std::string module_path;  // module.net ("" for the root module)
  std::string type;         // aws_subnet
  std::string name;         // private
  std::string key;          // [0], ["a"] or empty
  std::string id;           // the real id when known, else the address
  Block block;              // values, after_unknown, configuration expressions
  bool count_or_for_each = false;
};

// Ids that an attribute links to. `unknown` says some of them could not be recovered (the
// value is decided at apply time and no reference names the resource it comes from).
struct Link {
  std::vector<std::string> ids;
  bool unknown = false;
  std::string why;  // for unknown: what the value depends on
  // Unknown because the configuration leaves the attribute to the provider (a default VPC, a
  // computed attribute): not a link the configuration makes, so nothing worth a diagnostic.
  bool unset = false;

  [[nodiscard]] std::string First() const { return ids.empty() ? std::string() : ids.front(); }
};

class PlanIndex {
 public:
  // `root` is the whole document.
  explicit PlanIndex(JsonValue root);

  [[nodiscard]] const std::vector<ResourceInstance>& instances() const { return instances_; }
  [[nodiscard]] bool is_state() const { return is_state_; }
  [[nodiscard]] std::size_t deleted() const { return deleted_; }

  // The ids `attribute` of `block` (a block of `owner`) links to: a string or a list of
  // strings. Known values are taken as they are; unknown ones are recovered from references.
  [[nodiscard]] Link Ids(const ResourceInstance& owner, const Block& block,
                         std::string_view attribute) const;

  // Ids an expression evaluates to, resolved in the module at `module_path`.
  [[nodiscard]] Link Resolve(JsonValue expression, const std::string& module_path,
                             const ResourceInstance* owner, int depth) const;

  // The VPC of an aws_default_route_table, aws_default_network_acl or
  // aws_default_security_group, as far as references say (empty when unknown).
  [[nodiscard]] std::string DefaultResourceVpc(const std::string& address) const;

 private:
  void CollectPlanned(JsonValue module, const SourceRef& source);
  void ApplyChanges(JsonValue changes);
  void IndexConfiguration(JsonValue module, const std::string& path, JsonValue call);
  [[nodiscard]] JsonValue ResourceConfig(const ResourceInstance& instance) const;
  void IndexDefaultResources();
  [[nodiscard]] std::string ReferencedId(const ResourceInstance& target,
                                         const std::vector<std::string>& steps,
                                         std::size_t attribute_step) const;
  [[nodiscard]] Link ResolveShared(const ResourceInstance& owner, const Block& block,
                                   std::string_view attribute) const;
  void ResolveReference(const std::vector<std::string>& segments, const std::string& module_path,
                        const ResourceInstance* owner, bool dynamic_index, int depth,
                        Link& link) const;

  struct ModuleConfig {
    JsonValue module;  // <module-config>
    JsonValue call;    // the module call in the parent (invalid for the root)
  };
  std::vector<ResourceInstance> instances_;
  std::map<std::string, std::size_t, std::less<>> by_address_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_resource_;  // no key
  std::map<std::string, ModuleConfig, std::less<>> modules_;
  // "<vpc id>.default_security_group" (and .default_network_acl, .main_route_table): the id
  // of the aws_default_* resource that manages that VPC default, when the plan has one.
  std::map<std::string, std::string, std::less<>> vpc_defaults_;
  std::map<std::string, std::string, std::less<>> default_resource_vpcs_;  // address -> vpc id
  JsonValue root_variables_;
  bool is_state_ = false;
  std::size_t deleted_ = 0;
};

// Splits a reference ("module.a.out", "aws_subnet.x[\"k\"].id") into its steps; index steps
// keep their brackets ("[\"k\"]").
std::vector<std::string> SplitReference(std::string_view reference);

// The module path without instance keys ("module.a[0].module.b" -> "module.a.module.b").
std::string StripModuleKeys(std::string_view path);

}  // namespace netlint::ingest::terraform
