#pragma once

// Shared state of the describe-JSON adapter: where records go, and the facts that arrive in one
// document but belong to an entity that may come from another (file order must not matter).

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ingest/aws/record_reader.h"
#include "netlint/base/diagnostics.h"
#include "netlint/model/network.h"

namespace netlint::ingest::aws {

// ec2 describe-vpc-attribute: one attribute of one VPC.
struct VpcAttributeFact {
  std::string vpc_id;
  model::ScopeId scope = 0;
  std::optional<bool> dns_support;
  std::optional<bool> dns_hostnames;
  SourceRef source;
};

// ec2 get-managed-prefix-list-entries (or the CIDRs of describe-prefix-lists).
struct PrefixListEntriesFact {
  std::string prefix_list_id;
  model::ScopeId scope = 0;
  std::vector<model::PrefixListEntry> entries;
  SourceRef source;
};

// elbv2 describe-target-health for one target group.
struct TargetHealthFact {
  std::string target_group_id;
  model::ScopeId scope = 0;
  std::vector<model::Target> targets;
  SourceRef source;
};

// ec2 describe-security-group-rules: one flat rule of a group.
struct StandaloneSgRuleFact {
  std::string group_id;
  std::string owner_id;
  model::ScopeId scope = 0;
  model::SgRule rule;
};

// elbv2 describe-listeners nests nothing, but Batfish's aggregate files do; either way a
// listener names its load balancer by ARN.
struct PendingFacts {
  std::vector<VpcAttributeFact> vpc_attributes;
  std::vector<PrefixListEntriesFact> prefix_list_entries;
  std::vector<TargetHealthFact> target_health;
  std::vector<StandaloneSgRuleFact> security_group_rules;
  // The interfaces describe-instances embeds. describe-network-interfaces usually lists the same
  // interfaces with more detail, so these join the network only where it does not; kept apart
  // until then, they never make the (often 50,000-entry) interface list grow and copy itself.
  std::vector<model::NetworkInterface> instance_interfaces;
};

// Gives security group references that name the same owner, VPC and peering one shared
// SgPeerDetails: an estate has tens of thousands of references, nearly all naming one account,
// and a copy each would cost about 180 bytes apiece.
class PeerDetailsCache {
 public:
  // As SgPeer::SetReference, for a peer without details yet.
  void SetReference(model::SgPeer& peer, std::string user_id, std::string vpc_id,
                    std::string peering_id, std::string peering_status);

 private:
  std::map<std::array<std::string, 4>, std::shared_ptr<const model::SgPeerDetails>> known_;
};

struct DescribeContext {
  model::Network& network;
  DiagnosticSink& diagnostics;
  PendingFacts& pending;
  model::ScopeId scope = 0;
  FileId file = kNoFile;
  std::string_view path;  // for ids that only the file name carries (prefix-list entries)
  PeerDetailsCache peer_details = {};
};

// One parser per record kind. Each reads one record and appends to the network or to pending.
using RecordParser = void (*)(const RecordReader& record, DescribeContext& context);

void ParseVpc(const RecordReader& record, DescribeContext& context);
void ParseVpcAttribute(const RecordReader& document, DescribeContext& context);
void ParseSubnet(const RecordReader& record, DescribeContext& context);
void ParseRouteTable(const RecordReader& record, DescribeContext& context);
void ParseSecurityGroup(const RecordReader& record, DescribeContext& context);
void ParseSecurityGroupRule(const RecordReader& record, DescribeContext& context);
void ParseNetworkAcl(const RecordReader& record, DescribeContext& context);
void ParseVpcEndpoint(const RecordReader& record, DescribeContext& context);
void ParseNatGateway(const RecordReader& record, DescribeContext& context);
void ParseInternetGateway(const RecordReader& record, DescribeContext& context);
void ParseEgressOnlyInternetGateway(const RecordReader& record, DescribeContext& context);
void ParsePrefixList(const RecordReader& record, DescribeContext& context);
void ParsePrefixListEntries(const RecordReader& document, DescribeContext& context);
void ParseNetworkInterface(const RecordReader& record, DescribeContext& context);
void ParseReservation(const RecordReader& record, DescribeContext& context);
void ParseVpcPeering(const RecordReader& record, DescribeContext& context);
void ParseTransitGatewayAttachment(const RecordReader& record, DescribeContext& context);
void ParseLoadBalancer(const RecordReader& record, DescribeContext& context);
void ParseListener(const RecordReader& record, DescribeContext& context);
void ParseListenerGroup(const RecordReader& record, DescribeContext& context);
void ParseTargetGroup(const RecordReader& record, DescribeContext& context);
void ParseTargetHealth(const RecordReader& document, DescribeContext& context);
void ParseTargetHealthGroup(const RecordReader& record, DescribeContext& context);
void ParseEcsService(const RecordReader& record, DescribeContext& context);
void ParseTaskDefinition(const RecordReader& record, DescribeContext& context);
void ParseContainerInstance(const RecordReader& record, DescribeContext& context);
void ParseDbInstance(const RecordReader& record, DescribeContext& context);
void ParseDbSubnetGroup(const RecordReader& record, DescribeContext& context);
void ParseCacheCluster(const RecordReader& record, DescribeContext& context);
void ParseReplicationGroup(const RecordReader& record, DescribeContext& context);
void ParseCacheSubnetGroup(const RecordReader& record, DescribeContext& context);

// Applies the pending facts and reconciles records that describe the same thing twice (an
// instance's embedded interfaces and describe-network-interfaces; describe-security-groups and
// describe-security-group-rules). Runs once after every file has been read.
void FinalizeDescribe(model::Network& network, PendingFacts& pending,
                      DiagnosticSink& diagnostics);

// Helpers shared by parsers.
// Decodes %XX escapes (CloudMapper names per-resource files by the URL-encoded parameter).
std::string UrlDecode(std::string_view text);
model::Resource ResourceBase(const RecordReader& record, const DescribeContext& context,
                             std::string id, std::string_view tags_key = "Tags");

}  // namespace netlint::ingest::aws
