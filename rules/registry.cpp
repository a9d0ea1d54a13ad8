// THE rule table: every rule netlint has, sorted by code. Adding a rule means adding its
// factory declaration and one line here (rules/registry_test checks the order and metadata).

#include "netlint/rules/registry.h"

#include <algorithm>
#include <array>

namespace netlint::rules {

std::unique_ptr<Rule> MakeInputUnreadable();
std::unique_ptr<Rule> MakeRuleFailed();
std::unique_ptr<Rule> MakeReferenceMissing();
std::unique_ptr<Rule> MakeValueNotUnderstood();
std::unique_ptr<Rule> MakeSgAdminPortOpenToInternet();

namespace {

constexpr std::array kRules = {
    RegisteredRule{"IN001", &MakeInputUnreadable},
    RegisteredRule{"IN002", &MakeRuleFailed},
    RegisteredRule{"IN003", &MakeReferenceMissing},
    RegisteredRule{"IN004", &MakeValueNotUnderstood},
    RegisteredRule{"SG001", &MakeSgAdminPortOpenToInternet},
};

}  // namespace

std::span<const RegisteredRule> AllRules() { return kRules; }

std::unique_ptr<Rule> MakeRule(std::string_view code) {
  for (const RegisteredRule& rule : kRules) {
    if (rule.code == code) return rule.factory();
  }
  return nullptr;
}

std::vector<std::unique_ptr<Rule>> MakeAllRules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.reserve(kRules.size());
  for (const RegisteredRule& rule : kRules) rules.push_back(rule.factory());
  return rules;
}

}  // namespace netlint::rules
