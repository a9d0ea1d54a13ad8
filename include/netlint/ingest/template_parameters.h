#pragma once

// Values for CloudFormation template parameters, as `aws cloudformation` takes them: one
// `Key=Value` at a time on the command line, or a JSON file in the forms `create-stack` and
// `deploy` accept.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netlint::ingest {

struct TemplateParameter {
  std::string key;
  // Empty when the value is the deployed stack's previous one (UsePreviousValue), which no
  // template or file holds.
  std::optional<std::string> value;
  std::string origin;  // "with --parameter", "in params.json:3:5", for messages
};

// "Key=Value" (the value may contain '=' and be empty). Empty with `error` set otherwise.
std::optional<TemplateParameter> ParseParameterAssignment(std::string_view text,
                                                          std::string& error);

// Reads a parameters file: `[{"ParameterKey": "K", "ParameterValue": "V"}, ...]` (create-stack,
// update-stack), `{"Parameters": {"K": "V"}}` (deploy --parameter-overrides, CodePipeline
// template configuration) or `["K=V", ...]`. Appends to `parameters` in file order; on a problem
// returns false with `error` as "path:line:column: reason".
bool ReadParametersFile(const std::string& path, std::vector<TemplateParameter>& parameters,
                        std::string& error);

}  // namespace netlint::ingest
