#pragma once

#include <ostream>
#include <string>

#include "netlint/rules/rule.h"

namespace netlint::report {

// A rule's documentation as Markdown: title, summary, What it does, Why is this bad?, Example
// (bad, then "Use instead:" good, with the configuration they need), How to fix, Exceptions,
// Options, References.
std::string RuleDocMarkdown(const rules::RuleMeta& meta);

// Every rule: `text` is an aligned table, `markdown` the README's rule index, `json` an array of
// rule metadata objects.
void WriteRuleList(std::ostream& out, std::string_view format);

// One rule's metadata as a JSON object (text).
std::string RuleMetaJson(const rules::RuleMeta& meta);

}  // namespace netlint::report
