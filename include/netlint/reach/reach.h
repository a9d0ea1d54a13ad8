#pragma once

// Reachability with AWS semantics: can traffic from one end reach the other, through which
// hops, and which settings let it through or stop it. Built once per model; rules and
// `netlint reach` ask it questions. The answer is three-valued: a value the input does not know
// (a task's address before it starts, a prefix list without entries, a transit gateway's route
// tables) makes the answer "unknown", never a silent allow or deny.

#include <cstdint>
#include <memory>
#include <future>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netlint/base/source.h"
#include "netlint/model/address.h"
#include "netlint/model/topology.h"
#include "netlint/model/traffic.h"

namespace netlint::reach {

enum class Verdict : std::uint8_t { kReachable, kBlocked, kUnknown };
// "reachable", "not reachable", "unknown"
std::string_view VerdictName(Verdict verdict);
// The worse of two verdicts along one path: blocked beats unknown beats reachable.
Verdict Worse(Verdict a, Verdict b);

// One setting a flow passes: a security group rule, a NACL entry, a route, a gateway's own
// condition (a public IP, private DNS). Blocking checks name what to change.
struct Check {
  Verdict verdict = Verdict::kReachable;
  std::string resource;  // sg-..., acl-..., rtb-..., igw-..., vpce-..., or the hop itself
  std::string text;      // "egress rule tcp/443 to 0.0.0.0/0 allows it"
  SourceRef source;      // the rule, entry or route when the input gives its place
};

struct Hop {
  std::string node;   // eni-..., subnet-..., nat-..., igw-..., "internet", "aws:ecr.api"
  std::string kind;   // network-interface, subnet, nat-gateway, internet-gateway, ...
  std::string label;  // a human name (Name tag, service name), or empty
  std::vector<Check> checks;
};

struct PathResult {
  Verdict verdict = Verdict::kReachable;
  std::string via;  // "NAT gateway nat-0abc", "interface endpoint vpce-0abc", "local route"
  std::vector<Hop> hops;
  // The subnets the two ends sit in (a workload in several subnets has one path per subnet).
  std::string source_subnet;
  std::string destination_subnet;

  [[nodiscard]] std::vector<const Check*> ChecksWith(Verdict verdict) const;
};

// The answer to one question. `paths` holds, best first, the path the traffic takes when it is
// reachable, else the most nearly working paths (fewest blocking settings first), so that one
// round of fixes on paths.front() makes it work.
struct Answer {
  Verdict verdict = Verdict::kBlocked;
  std::string from;  // as displayed
  std::string to;
  std::string flow;  // "tcp/443"
  std::vector<PathResult> paths;
  std::vector<std::string> notes;  // why no path exists at all, ambiguities
  // With QueryOptions::alternatives: every other candidate path of the placements whose chosen
  // path is not reachable, best first per placement.
  std::vector<PathResult> alternatives;
};

struct QueryOptions {
  bool alternatives = false;  // also return the candidates that were not the best
};

struct FlowSpec {
  model::Protocol protocol = model::Protocol::Tcp();
  std::uint16_t port = 443;  // tcp/udp destination port; ICMP type for icmp
  model::IpFamily family = model::IpFamily::kV4;

  [[nodiscard]] std::string ToString() const;
};

// An end of a flow, as a user or a rule names it.
struct Endpoint {
  enum class Kind : std::uint8_t {
    kInternet,    // any public address
    kAwsService,  // "ecr.api", "s3", ... reached by its regional DNS name
    kAddress,     // one IP address
    kResource,    // a workload, interface, load balancer, ...
  };
  Kind kind = Kind::kInternet;
  std::string service;  // kAwsService: the short name
  model::AddressSet address;  // kAddress
  model::ResourceKind resource_kind = model::ResourceKind::kNetworkInterface;
  const model::Resource* resource = nullptr;  // kResource

  static Endpoint Internet() { return {}; }
  static Endpoint AwsService(std::string short_name);
  static Endpoint Resource(model::ResourceKind kind, const model::Resource& resource);

  [[nodiscard]] std::string ToString() const;
};

// Ports of one protocol on which the internet reaches a workload without a load balancer in
// between, and the path of the first of them.
struct Exposure {
  model::Protocol protocol;
  model::IpFamily family = model::IpFamily::kV4;
  model::PortSet ports;
  // The public addresses that reach these ports, when not the whole internet ("81.2.0.0/16").
  std::string sources;
  bool unknown = false;  // some ports are "unknown" rather than reachable
  PathResult example;    // the path for the lowest port
  // How the workload's public IPv4 address comes when it exists but is not known yet
  // ("assigned at launch"); empty when it is known or the exposure is over IPv6.
  std::string pending_public_ip;
};

class Reachability {
 public:
  explicit Reachability(const model::Topology& topology);
  ~Reachability();
  Reachability(const Reachability&) = delete;
  Reachability& operator=(const Reachability&) = delete;

  // Resolves what a user typed: a resource id (eni-, i-, subnet-, sg- is not an end), a Name
  // tag, an ECS service or load balancer name or ARN, a DB or cache id, "internet", "aws:ecr",
  // "aws:s3", ..., or an IP address. Sets `error` when the text names nothing or is ambiguous.
  [[nodiscard]] std::optional<Endpoint> Resolve(std::string_view text, std::string& error) const;

  [[nodiscard]] Answer Query(const Endpoint& from, const Endpoint& to, const FlowSpec& flow,
                             const QueryOptions& options = {}) const;
  // The same answer, alternatives included, shared rather than copied: answers are computed
  // once per (from, to, flow) and kept, since rules ask many of the same questions.
  [[nodiscard]] std::shared_ptr<const Answer> QueryShared(const Endpoint& from,
                                                          const Endpoint& to,
                                                          const FlowSpec& flow) const;

  // The answer computed afresh and not kept, without alternatives: for a caller that asks many
  // distinct questions once each (the flow diff), where keeping every answer would only cost
  // memory and the bookkeeping of the shared answers.
  [[nodiscard]] Answer QueryOnce(const Endpoint& from, const Endpoint& to,
                                 const FlowSpec& flow) const;

  // Every port on which the internet reaches the workload directly (not through a load
  // balancer), per protocol and family. Empty when nothing is exposed.
  [[nodiscard]] std::vector<Exposure> InternetExposure(const Endpoint& workload) const;

  // AWS services a name stands for ("ecr" is ecr.api and ecr.dkr), for messages and lookups.
  static std::vector<std::string> ExpandServiceName(std::string_view name);

  [[nodiscard]] const model::Topology& topology() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::shared_future<std::shared_ptr<const Answer>>>
      cache_;
};

}  // namespace netlint::reach
