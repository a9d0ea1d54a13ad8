#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "netlint/rules/rule.h"

namespace netlint::rules {

struct RegisteredRule {
  std::string_view code;
  RuleFactory factory;
};

// Every rule, sorted by code (a test enforces it). The one place a rule is registered.
std::span<const RegisteredRule> AllRules();

// A new instance of the rule with this exact code, or null.
std::unique_ptr<Rule> MakeRule(std::string_view code);

// One instance of every rule, in code order.
std::vector<std::unique_ptr<Rule>> MakeAllRules();

}  // namespace netlint::rules
