#include "netlint/ingest/template_parameters.h"

#include "analyzer/ingest/cfn/template_tree.h"
#include "analyzer/ingest/text_decoding.h"

namespace netlint::ingest {
namespace {

std::string Place(const std::string& path, const cfn::Node& node) {
  return path + ":" + std::to_string(node.line) + ":" + std::to_string(node.column);
}

// A parameter value as CloudFormation takes it: text (numbers and booleans as written), or a
// list, which the CLI's JSON joins with commas for List and CommaDelimitedList parameters.
std::optional<std::string> ScalarText(const cfn::Node& node) {
  if (node.IsScalar()) return node.scalar;
  if (!node.IsSequence()) return std::nullopt;
  std::string joined;
  for (const cfn::Node& item : node.items) {
    if (!item.IsScalar()) return std::nullopt;
    joined += (joined.empty() ? "" : ",") + item.scalar;
  }
  return joined;
}

}  // namespace

std::optional<TemplateParameter> ParseParameterAssignment(std::string_view text,
                                                          std::string& error) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    error = "expected Key=Value, got '" + std::string(text) + "'";
    return std::nullopt;
  }
  return TemplateParameter{std::string(text.substr(0, equals)),
                           std::string(text.substr(equals + 1)), "with --parameter"};
}

bool ReadParametersFile(const std::string& path, std::vector<TemplateParameter>& parameters,
                        std::string& error) {
  std::string text;
  if (ReadWholeFile(path, text, error) != ReadStatus::kRead) {
    error = path + ": " + error;
    return false;
  }
  if (!NormaliseEncoding(text)) {
    error = path + ": malformed UTF-16 text";
    return false;
  }
  const cfn::TreeParse parsed = cfn::ParseTree(text);
  if (parsed.error) {
    error = path + ":" + std::to_string(parsed.error->line) + ":" +
            std::to_string(parsed.error->column) + ": invalid JSON: " + parsed.error->message;
    return false;
  }
  if (!parsed.root) {
    error = path + ": empty file";
    return false;
  }
  const cfn::Node& root = *parsed.root;
  auto fail = [&](const cfn::Node& at, const std::string& reason) {
    error = Place(path, at) + ": " + reason;
    return false;
  };
  if (root.IsMap()) {
    const cfn::Node* values = root.Find("Parameters");
    if (values == nullptr || !values->IsMap()) {
      return fail(root, "expected {\"Parameters\": {\"Key\": \"Value\", ...}}");
    }
    for (const auto& [key, value] : values->members) {
      std::optional<std::string> text_value = ScalarText(value);
      if (!text_value) return fail(value, "the value of " + key + " is not text");
      parameters.push_back({key, std::move(text_value), "in " + Place(path, value)});
    }
    return true;
  }
  if (!root.IsSequence()) {
    return fail(root, "expected a list of {\"ParameterKey\", \"ParameterValue\"} objects or "
                      "{\"Parameters\": {...}}");
  }
  for (const cfn::Node& item : root.items) {
    if (item.IsScalar()) {
      std::string problem;
      std::optional<TemplateParameter> assignment = ParseParameterAssignment(item.scalar, problem);
      if (!assignment) return fail(item, problem);
      assignment->origin = "in " + Place(path, item);
      parameters.push_back(std::move(*assignment));
      continue;
    }
    const cfn::Node* key = item.IsMap() ? item.Find("ParameterKey") : nullptr;
    if (key == nullptr || !key->IsScalar() || key->scalar.empty()) {
      return fail(item, "expected an object with ParameterKey");
    }
    const cfn::Node* value = item.Find("ParameterValue");
    const cfn::Node* previous = item.Find("UsePreviousValue");
    if (previous != nullptr && previous->IsScalar() && previous->scalar == "true") {
      parameters.push_back({key->scalar, std::nullopt, "in " + Place(path, *previous)});
      continue;
    }
    if (value == nullptr) return fail(item, "ParameterKey " + key->scalar + " without ParameterValue");
    std::optional<std::string> text_value = ScalarText(*value);
    if (!text_value) return fail(*value, "the value of " + key->scalar + " is not text");
    parameters.push_back({key->scalar, std::move(text_value), "in " + Place(path, *value)});
  }
  return true;
}

}  // namespace netlint::ingest
