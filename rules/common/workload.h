#pragma once

// What the resources that carry a security group are, and where their traffic can go.

#include <optional>
#include <string>
#include <vector>

#include "netlint/model/topology.h"

namespace netlint::rules {

// Data stores and endpoints: carriers that never need to open connections to the internet.
bool IsDataTierOrEndpoint(const model::SgUser& user);

// The subnets a carrier sits in (an interface's subnet, a database's subnet group, a load
// balancer's subnets, ...). Subnets missing from the input are left out.
std::vector<const model::Subnet*> SubnetsOf(const model::SgUser& user,
                                            const model::Topology& topology);

// The target of an active route that sends the internet to an internet gateway, egress-only
// gateway or live public NAT gateway, when such routes of the subnet's effective route table
// together cover every public IPv4 or IPv6 address (set semantics, as subnet_role.h); or empty.
std::string InternetRouteTarget(const model::Subnet& subnet, const model::Topology& topology);

// Whether the subnet is public: its route table (explicit association, else the main table)
// sends every public IPv4 address (every public IPv6 address for an IPv6-only subnet) to an
// internet gateway, with set semantics (0.0.0.0/1 plus 128.0.0.0/1 counts). Empty when the
// route table is not in the input.
std::optional<bool> IsPublicSubnet(const model::Subnet& subnet, const model::Topology& topology);

// An endpoint that exists or is being created (not deleted, deleting, failed, rejected or
// expired).
bool IsLiveEndpoint(const model::VpcEndpoint& endpoint);

// "db-instance orders-db", "network-interface eni-0abc (instance i-0def)"
std::string DescribeUser(const model::SgUser& user);

}  // namespace netlint::rules
