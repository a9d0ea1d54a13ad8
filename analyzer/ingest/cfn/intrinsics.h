#pragma once

// Static resolution of CloudFormation intrinsic functions. What depends on the deployment (a
// resource's physical id, a parameter without default, the account's zones) is never guessed:
// resources become symbolic references that stay equal to themselves wherever they appear, zones
// become "the i-th zone of the region", and anything else is Unknown with the reason.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "analyzer/ingest/cfn/template_tree.h"
#include "netlint/base/diagnostics.h"

namespace netlint::ingest::cfn {

struct Value {
  enum class Kind : std::uint8_t {
    kString,     // text: a known scalar (numbers and booleans as written)
    kList,       // list
    kObject,     // object: a plain mapping of the template (walk it with the resolver)
    kReference,  // text: logical id, attribute: "" for Ref or the GetAtt attribute
    kZone,       // index: position in the alphabetical zone list of `text` ("" = stack region)
    kZoneList,   // text: region of Fn::GetAZs ("" = the stack's region)
    kNoValue,    // AWS::NoValue: the property or element is removed
    kUnknown,    // text: why the value is unknown
  };
  Kind kind = Kind::kUnknown;
  std::string text;
  std::string attribute;
  std::size_t index = 0;
  std::vector<Value> list;
  const Node* object = nullptr;

  static Value String(std::string text);
  static Value Unknown(std::string reason);
  static Value Reference(std::string logical_id, std::string attribute = "");

  [[nodiscard]] bool IsString() const { return kind == Kind::kString; }
  [[nodiscard]] bool IsUnknown() const { return kind == Kind::kUnknown; }
  // A short text for model fields and messages: the string, the logical id of a reference
  // ("Vpc", or "Db.Endpoint.Address" for attributes that are not the id), "zone N of ...".
  [[nodiscard]] std::string Describe() const;
};

// What a resolution may depend on besides the template.
struct ResolveSettings {
  std::map<std::string, std::string, std::less<>> parameters;  // given values override Default
  std::string region;      // empty: unknown
  std::string account_id;  // empty: unknown
  std::string stack_name;  // empty: unknown
  std::map<std::string, Value, std::less<>> exports;  // Export names of the other templates
  // Where each given parameter value came from ("--parameter", "params.json:3:5"), for messages.
  std::map<std::string, std::string, std::less<>> parameter_origins;
  // Parameters given as "the deployed stack's previous value" (UsePreviousValue): unknown.
  std::set<std::string, std::less<>> previous_value_parameters;
  // Values a parent stack passes through its AWS::CloudFormation::Stack resource's Parameters:
  // they may be references to the parent's resources, which plain text cannot carry.
  std::map<std::string, Value, std::less<>> passed_parameters;
  std::string passed_by;  // "the parent stack's resource Net (parent.yaml:12:3)", for messages
  // Outputs of nested stacks, by "<StackLogicalId>.Outputs.<OutputName>" as Fn::GetAtt names them.
  std::map<std::string, Value, std::less<>> nested_outputs;
  // Prepended to the logical ids of this template's resources, so that the resources of nested
  // stacks ("Network/Vpc") cannot collide with their parent's.
  std::string id_prefix;
};

// An Fn::ImportValue whose export no template of the run declares.
struct UnmatchedImport {
  std::string name;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// The parts of a template the resolver reads.
struct TemplateSections {
  const Node* parameters = nullptr;
  const Node* mappings = nullptr;
  const Node* conditions = nullptr;
  const Node* resources = nullptr;
};
TemplateSections SectionsOf(const Node& root);

// Whether a single-key mapping or a tagged node is an intrinsic function; gives its full name
// ("Ref", "Fn::GetAtt", "Condition") and argument.
struct Intrinsic {
  std::string name;
  const Node* argument = nullptr;
  const Node* at = nullptr;  // the node written in the template (for locations)
};
std::optional<Intrinsic> AsIntrinsic(const Node& node);

class Resolver {
 public:
  // Problems (unresolvable functions, circular conditions) go to `diagnostics` with `file`.
  Resolver(const Node& root, ResolveSettings settings, DiagnosticSink& diagnostics, FileId file);

  Value Resolve(const Node& node);
  // Like Resolve, but pseudo parameters that are unknown stay in the text as "${AWS::Region}",
  // for names whose shape matters more than their exact value (an endpoint's service name
  // "com.amazonaws.${AWS::Region}.ecr.dkr", an image in ECR).
  Value ResolveText(const Node& node);
  // A condition's truth: empty when it depends on something unknown.
  std::optional<bool> Condition(std::string_view name, const Node* at = nullptr);
  // Checks given and passed parameter values against their declarations (AllowedValues, names
  // the template does not declare); a rejected value makes its parameter unknown. Call once,
  // before resolving anything.
  void CheckParameterValues();

  [[nodiscard]] const std::vector<UnmatchedImport>& unmatched_imports() const {
    return unmatched_imports_;
  }

  [[nodiscard]] const TemplateSections& sections() const { return sections_; }
  [[nodiscard]] bool IsResource(std::string_view logical_id) const;

 private:
  Value ResolveFunction(const Intrinsic& function, int depth);
  Value ResolveAt(const Node& node, int depth);
  // The node as a plain value, whatever its tag says (a short form's own argument).
  Value ResolveContent(const Node& node, int depth);
  Value Ref(std::string_view name, const Node& at);
  Value Parameter(std::string_view name, const Node& declaration);
  Value GetAtt(std::string_view logical_id, std::string_view attribute, int depth);
  Value Sub(const Node& argument, const Node& at, int depth);
  Value Cidr(const Value& block, const Value& count, const Value& bits, const Node& at);
  std::optional<bool> EvaluateCondition(const Node& node, int depth);
  void Report(const Node& at, std::string message);

  const Node& root_;
  TemplateSections sections_;
  ResolveSettings settings_;
  DiagnosticSink& diagnostics_;
  FileId file_;
  std::map<std::string, std::optional<bool>, std::less<>> condition_cache_;
  std::set<std::string, std::less<>> conditions_in_progress_;
  std::set<std::string, std::less<>> attributes_in_progress_;
  std::set<std::string, std::less<>> rejected_parameters_;
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> reported_;
  std::vector<UnmatchedImport> unmatched_imports_;
  // Where each of them was written: an import is listed once however often it is resolved.
  std::set<std::pair<std::uint32_t, std::uint32_t>> unmatched_import_places_;
  bool symbolic_pseudo_parameters_ = false;
};

// Exact Fn::Cidr: `count` consecutive blocks with `host_bits` host bits each, carved from the
// start of `block`. Empty with `error` set when the arguments are out of range.
std::optional<std::vector<std::string>> ComputeCidr(std::string_view block, long long count,
                                                    long long host_bits, std::string& error);

}  // namespace netlint::ingest::cfn
