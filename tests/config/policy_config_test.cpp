// Policies in `.netlint.yaml`: what a well-formed policy reads as, and every malformed one
// reported at its line and column (and left out), while the rest still applies.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "netlint/config/config.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

struct Loaded {
  std::vector<config::Policy> policies;
  std::vector<std::string> problems;  // "line:column message"
};

Loaded Load(const std::string& text) {
  const fs::path file =
      fs::temp_directory_path() / ("netlint-policies-" + std::to_string(::getpid()) + ".yaml");
  WriteFile(file, text);
  FileTable files;
  DiagnosticSink problems;
  const auto loaded = config::LoadConfig(file.string(), files, problems);
  fs::remove(file);
  Loaded result;
  if (loaded) result.policies = loaded->policies;
  for (const Diagnostic& problem : problems.diagnostics()) {
    EXPECT_EQ(problem.code, "IN004");
    result.problems.push_back(std::to_string(problem.source.line) + ":" +
                              std::to_string(problem.source.column) + " " + problem.message);
  }
  return result;
}

TEST(PolicyConfigTest, ReadsSelectorsProtocolsAndPorts) {
  const Loaded loaded = Load(R"(policies:
  - name: databases are never reachable from the internet
    deny: {from: internet, to: {tag: {tier: db}}}
  - name: the api service can pull its images
    allow: {from: {ecs-service: api}, to: aws:ecr, port: 443}
  - name: batch reaches the partner on a range
    allow:
      from: {subnet: batch-a, security-group: batch, type: ecs-service}
      to: {cidr: 203.0.113.0/24}
      protocol: udp
      port: 8000-8100
  - name: nothing pings the bastion
    deny: {from: {tag: {team: }}, to: bastion, protocol: icmp}
)");
  EXPECT_EQ(loaded.problems, std::vector<std::string>{});
  ASSERT_EQ(loaded.policies.size(), 4u);
  const config::Policy& deny = loaded.policies[0];
  EXPECT_EQ(deny.intent, config::Policy::Intent::kDeny);
  EXPECT_EQ(deny.name, "databases are never reachable from the internet");
  EXPECT_EQ(deny.source.line, 2u);
  EXPECT_EQ(deny.from.ToString(), "internet");
  EXPECT_EQ(deny.to.ToString(), "tag tier=db");
  EXPECT_FALSE(deny.ports.has_value());
  EXPECT_FALSE(deny.protocol.has_value());
  const config::Policy& allow = loaded.policies[1];
  EXPECT_EQ(allow.intent, config::Policy::Intent::kAllow);
  EXPECT_EQ(allow.from.ToString(), "ecs-service api");
  EXPECT_EQ(allow.to.ToString(), "aws:ecr");
  ASSERT_TRUE(allow.ports.has_value());
  EXPECT_EQ(allow.ports->ToString(), "443");
  const config::Policy& range = loaded.policies[2];
  EXPECT_EQ(range.from.ToString(), "subnet batch-a and security-group batch and type ecs-service");
  EXPECT_EQ(range.to.ToString(), "cidr 203.0.113.0/24");
  EXPECT_EQ(range.protocol->Name(), "udp");
  EXPECT_EQ(range.ports->first, 8000);
  EXPECT_EQ(range.ports->last, 8100);
  EXPECT_EQ(loaded.policies[3].from.ToString(), "tag team=");
  EXPECT_EQ(loaded.policies[3].to.ToString(), "bastion");
}

TEST(PolicyConfigTest, EveryMistakeIsReportedAtItsPlaceAndTheRestApplies) {
  const Loaded loaded = Load(R"(policies:
  - name: fine
    deny: {from: internet, to: web}
  - deny: {from: internet, to: web}
  - name: both
    deny: {from: internet, to: web}
    allow: {from: internet, to: web}
  - name: neither
  - name: bad selector key
    deny: {from: internet, to: {hostname: web}}
  - name: bad type
    deny: {from: internet, to: {type: subnet}}
  - name: bad cidr
    deny: {from: internet, to: {cidr: 10.0.0.0/33}}
  - name: bad port
    allow: {from: web, to: db, port: 70000}
  - name: wide range
    allow: {from: web, to: db, port: 1-2000}
  - name: bad protocol
    allow: {from: web, to: db, protocol: gre, port: 1}
  - name: no port
    allow: {from: web, to: db}
  - name: no to
    deny: {from: web, port: 22}
  - name: unknown key
    deny: {from: internet, to: web, ports: 22}
    owner: me
  - name: service as source
    allow: {from: 'aws:', to: web, port: 1}
  - just a string
)");
  EXPECT_EQ(loaded.problems,
            (std::vector<std::string>{
                "4:5 configuration: a policy needs a name: say what it protects or provides",
                "7:5 configuration: a policy is either deny or allow, not both",
                "8:5 configuration: the policy 'neither' needs deny or allow",
                "10:33 configuration: unknown selector 'hostname' (id, name, tag, type, "
                "ecs-service, subnet, security-group, cidr)",
                "12:39 configuration: type 'subnet' is not an end of a flow (instance, "
                "ecs-service, db-instance, cache-cluster, replication-group, network-interface, "
                "load-balancer)",
                "14:39 configuration: cidr '10.0.0.0/33' is not an IPv4 block (10.0.8.0/21)",
                "16:38 configuration: port must be a port (443) or a range (8000-8100)",
                "18:38 configuration: port range 1-2000 is wider than 1024 ports; netlint checks "
                "a range port by port, so narrow it",
                "20:42 configuration: protocol must be tcp, udp, icmp or all",
                "22:5 configuration: allow needs a port: only a deny from the internet covers "
                "every port, and an allow to an AWS service means 443",
                "24:5 configuration: deny needs both from and to",
                // A policy's own keys are read before its flow (reports are sorted by line).
                "27:5 configuration: unknown key 'owner' in a policy (name, deny, allow)",
                "26:37 configuration: unknown key 'ports' in deny (from, to, protocol, port)",
                "29:19 configuration: name an AWS service after aws: (aws:ecr, aws:s3, aws:logs, "
                "...)",
                "30:5 configuration: a policy must be a mapping of name and deny or allow"}));
  ASSERT_EQ(loaded.policies.size(), 1u);
  EXPECT_EQ(loaded.policies[0].name, "fine");
}

}  // namespace
}  // namespace netlint::testing
