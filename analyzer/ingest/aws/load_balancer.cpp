// elbv2 describe-load-balancers -> LoadBalancers[]; elbv2 describe-listeners -> Listeners[]
// (and Batfish's aggregate {LoadBalancerArn, Listeners[]}).

#include <algorithm>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

model::LoadBalancerType ParseType(std::string_view type) {
  if (type == "application") return model::LoadBalancerType::kApplication;
  if (type == "network") return model::LoadBalancerType::kNetwork;
  if (type == "gateway") return model::LoadBalancerType::kGateway;
  return model::LoadBalancerType::kUnknown;
}

void AddUnique(std::vector<std::string>& ids, std::string id) {
  if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
    ids.push_back(std::move(id));
  }
}

}  // namespace

void ParseLoadBalancer(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("LoadBalancerArn");
  if (id.empty()) {
    record.Report("", "load balancer record without LoadBalancerArn is skipped");
    return;
  }
  RecordReader lb_record = record;
  lb_record.SetResource(id);
  model::LoadBalancer lb;
  static_cast<model::Resource&>(lb) = ResourceBase(lb_record, context, id);
  lb.name = lb_record.String("LoadBalancerName");
  const std::string type = lb_record.String("Type");
  lb.type = ParseType(type);
  if (lb.type == model::LoadBalancerType::kUnknown && !type.empty()) {
    lb_record.Report("Type", "unknown load balancer type \"" + type + "\"");
  }
  const std::string scheme = lb_record.String("Scheme");
  if (scheme == "internet-facing") {
    lb.internet_facing = true;
  } else if (scheme == "internal") {
    lb.internet_facing = false;
  } else if (!scheme.empty()) {
    lb_record.Report("Scheme", "unknown scheme \"" + scheme + "\"");
  }
  lb.vpc_id = lb_record.String("VpcId");
  if (auto state = lb_record.Object("State")) lb.state = state->String("Code");
  lb.ip_address_type = lb_record.String("IpAddressType");
  lb_record.ForEach("AvailabilityZones", [&](const RecordReader& zone) {
    lb.subnets.push_back({zone.String("SubnetId"), zone.String("ZoneName")});
  });
  // NLBs created without security groups (and gateway LBs) have no SecurityGroups key.
  lb.has_security_groups = lb_record.Has("SecurityGroups");
  lb.security_group_ids = lb_record.StringList("SecurityGroups");
  context.network.load_balancers.push_back(std::move(lb));
}

void ParseListener(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("ListenerArn");
  if (id.empty()) {
    record.Report("", "listener record without ListenerArn is skipped");
    return;
  }
  RecordReader listener_record = record;
  listener_record.SetResource(id);
  model::Listener listener;
  static_cast<model::Resource&>(listener) = ResourceBase(listener_record, context, id);
  listener.load_balancer_id = listener_record.String("LoadBalancerArn");
  listener.port = listener_record.Port("Port");
  listener.protocol = listener_record.String("Protocol");
  listener_record.ForEach("DefaultActions", [&](const RecordReader& action) {
    AddUnique(listener.action_types, action.String("Type"));
    AddUnique(listener.target_group_ids, action.String("TargetGroupArn"));
    if (auto forward = action.Object("ForwardConfig")) {
      forward->ForEach("TargetGroups", [&](const RecordReader& group) {
        AddUnique(listener.target_group_ids, group.String("TargetGroupArn"));
      });
    }
  });
  context.network.listeners.push_back(std::move(listener));
}

void ParseListenerGroup(const RecordReader& record, DescribeContext& context) {
  record.ForEach("Listeners", [&](const RecordReader& listener) {
    ParseListener(listener, context);
  });
}

}  // namespace netlint::ingest::aws
