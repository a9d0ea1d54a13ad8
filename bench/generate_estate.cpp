// Generates a synthetic estate of AWS CLI describe-* JSON for benchmarks: one file per call, in
// the shapes and 4-space indentation `aws ... --output json` prints, with references that resolve
// and a small, counted number of planted mistakes.
//
//   netlint_generate_estate --out DIR [--scale N] [--seed S]
//
// Scale 1: 1,000 VPCs, 10,000 subnets, 20,000 security groups with 200,000 rule entries, 50,000
// network interfaces. Fractional scales (0.01) make small estates for tests. Records are
// written one at a time, so memory does not grow with the scale.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

constexpr int kSubnetsPerVpc = 10;          // 2 public, 6 application, 2 data
constexpr int kGroupsPerVpc = 20;
constexpr int kInterfacesPerVpc = 50;
constexpr int kInstancesPerVpc = 20;        // each with its own interface among the 50
constexpr int kVpcsPerAccount = 200;
constexpr const char* kRegion = "us-east-1";

std::string Hex(const char* prefix, std::uint64_t kind, std::uint64_t n) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s-0%02llx%014llx", prefix,
                static_cast<unsigned long long>(kind), static_cast<unsigned long long>(n));
  return buffer;
}

std::string Account(int vpc) {
  return std::to_string(100000000000ULL + static_cast<unsigned long long>(vpc / kVpcsPerAccount));
}

// VPCs of one account get distinct /16s: 10.<n>.0.0/16 for the first 200, so accounts reuse
// ranges, as real organisations do.
std::string VpcCidr(int vpc) { return "10." + std::to_string(vpc % kVpcsPerAccount) + ".0.0/16"; }
std::string SubnetCidr(int vpc, int subnet) {
  return "10." + std::to_string(vpc % kVpcsPerAccount) + "." + std::to_string(subnet * 16) +
         ".0/20";
}
std::string SubnetIp(int vpc, int subnet, int host) {
  return "10." + std::to_string(vpc % kVpcsPerAccount) + "." +
         std::to_string(subnet * 16 + 1 + host / 250) + "." + std::to_string(10 + host % 250);
}

std::string VpcId(int v) { return Hex("vpc", 1, v); }
std::string SubnetId(int v, int s) { return Hex("subnet", 2, v * kSubnetsPerVpc + s); }
std::string GroupId(int v, int g) { return Hex("sg", 3, v * kGroupsPerVpc + g); }
std::string InterfaceId(int v, int e) { return Hex("eni", 4, v * kInterfacesPerVpc + e); }
std::string InstanceId(int v, int i) { return Hex("i", 5, v * kInstancesPerVpc + i); }
std::string TableId(int v, int t) { return Hex("rtb", 6, v * 5 + t); }
std::string IgwId(int v) { return Hex("igw", 7, v); }
std::string NatId(int v, int az) { return Hex("nat", 8, v * 2 + az); }
std::string EndpointId(int v, int e) { return Hex("vpce", 9, v * 4 + e); }
std::string AclId(int v) { return Hex("acl", 10, v); }
const char* Az(int subnet) { return subnet % 2 == 0 ? "us-east-1a" : "us-east-1b"; }

json Tags(const std::string& name) { return json::array({{{"Key", "Name"}, {"Value", name}}}); }

// Writes {"<Key>": [record, record, ...]} with each record indented like the AWS CLI.
class ListWriter {
 public:
  ListWriter(const std::filesystem::path& path, const std::string& key) : path_(path) {
    out_.open(path, std::ios::binary);
    out_ << "{\n    \"" << key << "\": [";
  }
  ~ListWriter() {
    out_ << (count_ == 0 ? "]\n}\n" : "\n    ]\n}\n");
    out_.close();
    std::cerr << path_.filename().string() << ": " << count_ << " records, "
              << std::filesystem::file_size(path_) << " bytes\n";
  }
  ListWriter(const ListWriter&) = delete;
  ListWriter& operator=(const ListWriter&) = delete;

  void Add(const json& record) {
    std::string text = record.dump(4);
    std::string indented;
    indented.reserve(text.size() + text.size() / 8);
    indented += "\n        ";
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += "        ";
    }
    out_ << (count_ == 0 ? "" : ",") << indented;
    ++count_;
  }

 private:
  std::filesystem::path path_;
  std::ofstream out_;
  std::size_t count_ = 0;
};

struct Mistakes {
  int overlapping_subnets = 0;
  int subnets_outside_vpc = 0;
  int ssh_open_groups = 0;
  int all_traffic_groups = 0;
  int postgres_open_groups = 0;
  int blackhole_routes = 0;
  int stale_references = 0;
};

class Estate {
 public:
  Estate(int vpcs, std::uint32_t seed) : vpcs_(vpcs), random_(seed) {}

  bool Chance(double probability) {
    return std::uniform_real_distribution<double>(0, 1)(random_) < probability;
  }
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  void WriteAll(const std::filesystem::path& out) {
    WriteVpcs(out);
    WriteSubnets(out);
    WriteRouteTables(out);
    WriteGateways(out);
    WriteEndpoints(out);
    WriteSecurityGroups(out);
    WriteNetworkAcls(out);
    WriteInterfaces(out);
    WriteInstances(out);
    std::cerr << "planted: " << mistakes_.overlapping_subnets << " overlapping subnets, "
              << mistakes_.subnets_outside_vpc << " subnets outside their VPC, "
              << mistakes_.ssh_open_groups << " groups with SSH open to the world, "
              << mistakes_.postgres_open_groups << " with PostgreSQL open, "
              << mistakes_.all_traffic_groups << " with all traffic open, "
              << mistakes_.blackhole_routes << " blackhole routes, "
              << mistakes_.stale_references << " stale group references\n";
  }

 private:
  void WriteVpcs(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-vpcs.json", "Vpcs");
    for (int v = 0; v < vpcs_; ++v) {
      json associations = json::array({{{"AssociationId", Hex("vpc-cidr-assoc", 11, v * 2)},
                                        {"CidrBlock", VpcCidr(v)},
                                        {"CidrBlockState", {{"State", "associated"}}}}});
      if (v % 10 == 3) {
        associations.push_back({{"AssociationId", Hex("vpc-cidr-assoc", 11, v * 2 + 1)},
                                {"CidrBlock", "100.64." + std::to_string(v % 250) + ".0/24"},
                                {"CidrBlockState", {{"State", "associated"}}}});
      }
      writer.Add({{"CidrBlock", VpcCidr(v)},
                  {"DhcpOptionsId", Hex("dopt", 12, v / kVpcsPerAccount)},
                  {"State", "available"},
                  {"VpcId", VpcId(v)},
                  {"OwnerId", Account(v)},
                  {"InstanceTenancy", "default"},
                  {"CidrBlockAssociationSet", associations},
                  {"IsDefault", false},
                  {"Tags", Tags("vpc-" + std::to_string(v))}});
    }
  }

  void WriteSubnets(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-subnets.json", "Subnets");
    for (int v = 0; v < vpcs_; ++v) {
      const bool overlap = v % 100 == 7;
      const bool outside = v % 200 == 11;
      for (int s = 0; s < kSubnetsPerVpc; ++s) {
        std::string cidr = SubnetCidr(v, s);
        if (overlap && s == 9) {
          cidr = "10." + std::to_string(v % kVpcsPerAccount) + ".136.0/21";  // inside subnet 8
          ++mistakes_.overlapping_subnets;
        } else if (outside && s == 9) {
          cidr = "10." + std::to_string((v + 1) % kVpcsPerAccount) + ".250.0/24";
          ++mistakes_.subnets_outside_vpc;
        }
        const std::string tier = s < 2 ? "public" : (s < 8 ? "app" : "data");
        writer.Add({{"AvailabilityZone", Az(s)},
                    {"AvailabilityZoneId", s % 2 == 0 ? "use1-az1" : "use1-az2"},
                    {"AvailableIpAddressCount", 4000},
                    {"CidrBlock", cidr},
                    {"DefaultForAz", false},
                    {"MapPublicIpOnLaunch", s < 2},
                    {"State", "available"},
                    {"SubnetId", SubnetId(v, s)},
                    {"VpcId", VpcId(v)},
                    {"OwnerId", Account(v)},
                    {"AssignIpv6AddressOnCreation", false},
                    {"Ipv6CidrBlockAssociationSet", json::array()},
                    {"SubnetArn", std::string("arn:aws:ec2:") + kRegion + ":" + Account(v) +
                                      ":subnet/" + SubnetId(v, s)},
                    {"Tags", Tags(tier + "-" + std::to_string(s))}});
      }
    }
  }

  static json Route(const std::string& destination, const char* target_key,
                    const std::string& target, const char* state = "active") {
    json route = {{"DestinationCidrBlock", destination},
                  {target_key, target},
                  {"Origin", "CreateRoute"},
                  {"State", state}};
    return route;
  }

  json Table(int v, int t, const std::string& name, json routes, const std::vector<int>& subnets,
             bool main) {
    json associations = json::array();
    if (main) {
      associations.push_back({{"Main", true},
                              {"RouteTableAssociationId", Hex("rtbassoc", 13, v * 16 + t)},
                              {"RouteTableId", TableId(v, t)},
                              {"AssociationState", {{"State", "associated"}}}});
    }
    for (int s : subnets) {
      associations.push_back({{"Main", false},
                              {"RouteTableAssociationId", Hex("rtbassoc", 14, v * 16 + s)},
                              {"RouteTableId", TableId(v, t)},
                              {"SubnetId", SubnetId(v, s)},
                              {"AssociationState", {{"State", "associated"}}}});
    }
    json all_routes = json::array({{{"DestinationCidrBlock", VpcCidr(v)},
                                    {"GatewayId", "local"},
                                    {"Origin", "CreateRouteTable"},
                                    {"State", "active"}}});
    for (auto& route : routes) all_routes.push_back(std::move(route));
    return {{"Associations", associations}, {"PropagatingVgws", json::array()},
            {"RouteTableId", TableId(v, t)}, {"Routes", all_routes},
            {"Tags", Tags(name)},           {"VpcId", VpcId(v)},
            {"OwnerId", Account(v)}};
  }

  void WriteRouteTables(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-route-tables.json", "RouteTables");
    for (int v = 0; v < vpcs_; ++v) {
      writer.Add(Table(v, 0, "main", json::array(), {}, true));
      writer.Add(Table(v, 1, "public", json::array({Route("0.0.0.0/0", "GatewayId", IgwId(v))}),
                       {0, 1}, false));
      for (int az = 0; az < 2; ++az) {
        json routes = json::array({Route("0.0.0.0/0", "NatGatewayId", NatId(v, az))});
        routes.push_back({{"DestinationPrefixListId", "pl-63a5400a"},
                          {"GatewayId", EndpointId(v, 0)},
                          {"Origin", "CreateRoute"},
                          {"State", "active"}});
        std::vector<int> subnets;
        for (int s = 2 + az; s < 8; s += 2) subnets.push_back(s);
        writer.Add(Table(v, 2 + az, az == 0 ? "private-a" : "private-b", routes, subnets, false));
      }
      json data_routes = json::array();
      if (v % 200 == 17) {
        data_routes.push_back(
            Route("0.0.0.0/0", "NatGatewayId", Hex("nat", 15, v), "blackhole"));
        ++mistakes_.blackhole_routes;
      }
      writer.Add(Table(v, 4, "data", data_routes, {8, 9}, false));
    }
  }

  void WriteGateways(const std::filesystem::path& out) {
    {
      ListWriter writer(out / "ec2-describe-internet-gateways.json", "InternetGateways");
      for (int v = 0; v < vpcs_; ++v) {
        writer.Add({{"Attachments", json::array({{{"State", "available"}, {"VpcId", VpcId(v)}}})},
                    {"InternetGatewayId", IgwId(v)},
                    {"OwnerId", Account(v)},
                    {"Tags", Tags("igw-" + std::to_string(v))}});
      }
    }
    ListWriter writer(out / "ec2-describe-nat-gateways.json", "NatGateways");
    for (int v = 0; v < vpcs_; ++v) {
      for (int az = 0; az < 2; ++az) {
        writer.Add({{"CreateTime", "2026-01-05T10:00:00.000Z"},
                    {"NatGatewayAddresses",
                     json::array({{{"AllocationId", Hex("eipalloc", 16, v * 2 + az)},
                                   {"NetworkInterfaceId", InterfaceId(v, 40 + az)},
                                   {"PrivateIp", SubnetIp(v, az, 200)},
                                   {"PublicIp", "54." + std::to_string(v % 250) + "." +
                                                    std::to_string(az) + ".10"},
                                   {"IsPrimary", true},
                                   {"Status", "succeeded"}}})},
                    {"NatGatewayId", NatId(v, az)},
                    {"State", "available"},
                    {"SubnetId", SubnetId(v, az)},
                    {"VpcId", VpcId(v)},
                    {"ConnectivityType", "public"},
                    {"Tags", Tags("nat-" + std::to_string(az))}});
      }
    }
  }

  void WriteEndpoints(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-vpc-endpoints.json", "VpcEndpoints");
    const std::string policy =
        R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})";
    for (int v = 0; v < vpcs_; ++v) {
      writer.Add({{"VpcEndpointId", EndpointId(v, 0)},
                  {"VpcEndpointType", "Gateway"},
                  {"VpcId", VpcId(v)},
                  {"ServiceName", std::string("com.amazonaws.") + kRegion + ".s3"},
                  {"State", "available"},
                  {"PolicyDocument", policy},
                  {"RouteTableIds", json::array({TableId(v, 2), TableId(v, 3)})},
                  {"SubnetIds", json::array()},
                  {"Groups", json::array()},
                  {"PrivateDnsEnabled", false},
                  {"NetworkInterfaceIds", json::array()},
                  {"OwnerId", Account(v)}});
      if (v % 10 >= 3) continue;  // 30% of VPCs use interface endpoints
      const char* services[] = {"ecr.api", "ecr.dkr", "logs"};
      for (int e = 0; e < 3; ++e) {
        writer.Add({{"VpcEndpointId", EndpointId(v, 1 + e)},
                    {"VpcEndpointType", "Interface"},
                    {"VpcId", VpcId(v)},
                    {"ServiceName", std::string("com.amazonaws.") + kRegion + "." + services[e]},
                    {"State", "available"},
                    {"PolicyDocument", policy},
                    {"RouteTableIds", json::array()},
                    {"SubnetIds", json::array({SubnetId(v, 2), SubnetId(v, 3)})},
                    {"Groups", json::array({{{"GroupId", GroupId(v, 19)},
                                             {"GroupName", "endpoints"}}})},
                    {"PrivateDnsEnabled", true},
                    {"NetworkInterfaceIds", json::array({InterfaceId(v, 42 + e)})},
                    {"OwnerId", Account(v)}});
      }
    }
  }

  static json Permission(const std::string& protocol, int from, int to, json ranges,
                         json groups = json::array(), json v6 = json::array()) {
    json permission = {{"IpProtocol", protocol}};
    if (protocol != "-1") {
      permission["FromPort"] = from;
      permission["ToPort"] = to;
    }
    permission["IpRanges"] = std::move(ranges);
    permission["Ipv6Ranges"] = std::move(v6);
    permission["PrefixListIds"] = json::array();
    permission["UserIdGroupPairs"] = std::move(groups);
    return permission;
  }

  json Cidrs(const std::vector<std::string>& cidrs, const char* description) {
    json ranges = json::array();
    for (const std::string& cidr : cidrs) {
      ranges.push_back({{"CidrIp", cidr}, {"Description", description}});
    }
    return ranges;
  }

  json GroupPairs(int v, const std::vector<int>& groups) {
    json pairs = json::array();
    for (int g : groups) pairs.push_back({{"GroupId", GroupId(v, g)}, {"UserId", Account(v)}});
    return pairs;
  }

  // Group roles by index: 0 default, 1 alb, 2-9 app tiers, 10-13 data, 14-16 admin,
  // 17-18 batch, 19 endpoints. About ten rule entries per group on average.
  json Group(int v, int g) {
    json ingress = json::array();
    const std::string vpc_cidr = VpcCidr(v);
    if (g == 0) {
      ingress.push_back(Permission("-1", 0, 0, json::array(), GroupPairs(v, {0})));
    } else if (g == 1) {
      ingress.push_back(Permission("tcp", 80, 80, Cidrs({"0.0.0.0/0"}, "web"), json::array(),
                                   json::array({{{"CidrIpv6", "::/0"}}})));
      ingress.push_back(Permission("tcp", 443, 443, Cidrs({"0.0.0.0/0"}, "web"), json::array(),
                                   json::array({{{"CidrIpv6", "::/0"}}})));
    } else if (g < 10) {
      ingress.push_back(Permission("tcp", 8080, 8080, json::array(), GroupPairs(v, {1})));
      ingress.push_back(Permission("tcp", 8443, 8443, json::array(), GroupPairs(v, {1, g})));
      ingress.push_back(Permission("tcp", 9090, 9091, Cidrs({vpc_cidr}, "metrics"),
                                   GroupPairs(v, {14, 15})));
      ingress.push_back(Permission("tcp", 22, 22,
                                   Cidrs({"203.0.113.0/28", "198.51.100.17/32"}, "office"),
                                   GroupPairs(v, {16})));
      ingress.push_back(Permission("tcp", 8081, 8081,
                                   Cidrs({SubnetCidr(v, 0), SubnetCidr(v, 1)}, "health checks"),
                                   GroupPairs(v, {1})));
    } else if (g < 14) {
      const int port = g == 10 ? 5432 : (g == 11 ? 3306 : (g == 12 ? 6379 : 11211));
      ingress.push_back(Permission("tcp", port, port, json::array(),
                                   GroupPairs(v, {2, 3, 4, 5, 6, 7})));
      ingress.push_back(Permission("tcp", port, port,
                                   Cidrs({SubnetCidr(v, 2), SubnetCidr(v, 3), SubnetCidr(v, 4),
                                          SubnetCidr(v, 5)},
                                         "app subnets")));
    } else if (g < 17) {
      ingress.push_back(Permission("tcp", 22, 22,
                                   Cidrs({"203.0.113.0/28", "198.51.100.0/28", "192.0.2.0/28",
                                          "198.51.100.128/27", "203.0.113.64/26"},
                                         "offices")));
      ingress.push_back(Permission("tcp", 3389, 3389, Cidrs({"10.250.0.0/16"}, "vpn")));
      ingress.push_back(Permission("icmp", 8, -1, Cidrs({vpc_cidr}, "ping")));
    } else if (g < 19) {
      ingress.push_back(Permission("tcp", 1024, 65535, Cidrs({vpc_cidr}, "batch workers")));
      ingress.push_back(Permission("udp", 4789, 4789, json::array(), GroupPairs(v, {17, 18})));
      ingress.push_back(Permission("tcp", 1024, 65535, json::array(), GroupPairs(v, {17, 18})));
    } else {
      ingress.push_back(Permission("tcp", 443, 443, Cidrs({vpc_cidr}, "VPC")));
    }
    // A realistic minority of mistakes.
    if (g >= 2 && g < 10 && Chance(0.02)) {
      ingress.push_back(Permission("tcp", 22, 22, Cidrs({"0.0.0.0/0"}, "debug")));
      ++mistakes_.ssh_open_groups;
    }
    if (g >= 10 && g < 14 && Chance(0.02)) {
      ingress.push_back(Permission("tcp", 5432, 5432, Cidrs({"0.0.0.0/0"}, "temporary")));
      ++mistakes_.postgres_open_groups;
    }
    if (g >= 14 && g < 19 && Chance(0.01)) {
      ingress.push_back(Permission("-1", 0, 0, Cidrs({"0.0.0.0/0"}, "troubleshooting")));
      ++mistakes_.all_traffic_groups;
    }
    if (g >= 2 && g < 10 && Chance(0.002)) {
      json pairs = json::array({{{"GroupId", Hex("sg", 17, v * kGroupsPerVpc + g)},
                                 {"UserId", Account(v)}}});
      ingress.push_back(Permission("tcp", 7000, 7000, json::array(), pairs));
      ++mistakes_.stale_references;
    }
    json egress = json::array();
    if (g >= 10 && g < 14) {
      egress.push_back(Permission("tcp", 443, 443, Cidrs({vpc_cidr}, "endpoints")));
    } else {
      egress.push_back(Permission("-1", 0, 0, Cidrs({"0.0.0.0/0"}, "all")));
    }
    const std::string name = g == 0 ? "default" : "group-" + std::to_string(g);
    return {{"Description", "tier " + std::to_string(g) + " of vpc " + std::to_string(v)},
            {"GroupName", name},
            {"IpPermissions", ingress},
            {"OwnerId", Account(v)},
            {"GroupId", GroupId(v, g)},
            {"IpPermissionsEgress", egress},
            {"Tags", Tags(name)},
            {"VpcId", VpcId(v)}};
  }

  void WriteSecurityGroups(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-security-groups.json", "SecurityGroups");
    for (int v = 0; v < vpcs_; ++v) {
      for (int g = 0; g < kGroupsPerVpc; ++g) writer.Add(Group(v, g));
    }
  }

  void WriteNetworkAcls(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-network-acls.json", "NetworkAcls");
    for (int v = 0; v < vpcs_; ++v) {
      json associations = json::array();
      for (int s = 0; s < kSubnetsPerVpc; ++s) {
        associations.push_back({{"NetworkAclAssociationId", Hex("aclassoc", 18, v * 16 + s)},
                                {"NetworkAclId", AclId(v)},
                                {"SubnetId", SubnetId(v, s)}});
      }
      auto entry = [](int number, bool egress, const char* action) {
        return json{{"CidrBlock", "0.0.0.0/0"}, {"Egress", egress},     {"Protocol", "-1"},
                    {"RuleAction", action},     {"RuleNumber", number}};
      };
      writer.Add({{"Associations", associations},
                  {"Entries", json::array({entry(100, true, "allow"), entry(32767, true, "deny"),
                                           entry(100, false, "allow"),
                                           entry(32767, false, "deny")})},
                  {"IsDefault", true},
                  {"NetworkAclId", AclId(v)},
                  {"Tags", json::array()},
                  {"VpcId", VpcId(v)},
                  {"OwnerId", Account(v)}});
    }
  }

  // Interface e of a VPC: 0-19 instances, 20-29 ECS tasks, 30-33 load balancer, 34-37 RDS,
  // 38-39 Lambda, 40-41 NAT gateways, 42-44 interface endpoints, 45-49 more tasks.
  json Interface(int v, int e) {
    int subnet = 2 + e % 6;
    std::vector<int> groups{2 + e % 8};
    std::string description = "Primary network interface";
    std::string type = "interface";
    bool managed = false;
    std::string requester;
    json attachment;
    std::string public_ip;
    if (e < kInstancesPerVpc) {
      attachment = {{"AttachmentId", Hex("eni-attach", 19, v * kInterfacesPerVpc + e)},
                    {"DeleteOnTermination", true},
                    {"DeviceIndex", 0},
                    {"InstanceId", InstanceId(v, e)},
                    {"InstanceOwnerId", Account(v)},
                    {"Status", "attached"}};
      if (e < 2) {
        subnet = e;
        groups = {14 + e};
        public_ip = "34." + std::to_string(v % 250) + "." + std::to_string(e) + ".20";
      }
    } else if (e < 30 || e >= 45) {
      description = "arn:aws:ecs:us-east-1:" + Account(v) + ":attachment/" +
                    Hex("task", 20, v * kInterfacesPerVpc + e).substr(5);
      managed = true;
      requester = "578734482556";
    } else if (e < 34) {
      subnet = e % 2;
      groups = {1};
      description = "ELB app/web-" + std::to_string(v) + "/" + Hex("x", 21, v).substr(2);
      managed = true;
      requester = "amazon-elb";
    } else if (e < 38) {
      subnet = 8 + e % 2;
      groups = {10 + e % 4};
      description = "RDSNetworkInterface";
      managed = true;
      requester = "amazon-rds";
    } else if (e < 40) {
      description = "AWS Lambda VPC ENI-fn-" + std::to_string(v);
      type = "lambda";
      managed = true;
      requester = "AROAEXAMPLE:lambda";
    } else if (e < 42) {
      subnet = e - 40;
      groups = {};
      description = "Interface for NAT Gateway " + NatId(v, e - 40);
      type = "nat_gateway";
      managed = true;
      requester = "AWS";
    } else {
      subnet = 2;
      groups = {19};
      description = "VPC Endpoint Interface " + EndpointId(v, e - 41);
      type = "vpc_endpoint";
      managed = true;
      requester = "AWS";
    }
    const std::string ip = SubnetIp(v, subnet, e);
    json group_list = json::array();
    for (int g : groups) {
      group_list.push_back({{"GroupId", GroupId(v, g)}, {"GroupName", "group-" + std::to_string(g)}});
    }
    json eni = {{"AvailabilityZone", Az(subnet)},
                {"Description", description},
                {"Groups", group_list},
                {"InterfaceType", type},
                {"Ipv6Addresses", json::array()},
                {"MacAddress", "02:00:00:00:00:00"},
                {"NetworkInterfaceId", InterfaceId(v, e)},
                {"OwnerId", Account(v)},
                {"PrivateIpAddress", ip},
                {"PrivateIpAddresses", json::array({{{"Primary", true},
                                                     {"PrivateIpAddress", ip}}})},
                {"RequesterManaged", managed},
                {"SourceDestCheck", true},
                {"Status", "in-use"},
                {"SubnetId", SubnetId(v, subnet)},
                {"TagSet", json::array()},
                {"VpcId", VpcId(v)}};
    if (!requester.empty()) eni["RequesterId"] = requester;
    if (!attachment.is_null()) eni["Attachment"] = attachment;
    if (!public_ip.empty()) {
      eni["Association"] = {{"IpOwnerId", "amazon"}, {"PublicIp", public_ip}};
    }
    return eni;
  }

  void WriteInterfaces(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-network-interfaces.json", "NetworkInterfaces");
    for (int v = 0; v < vpcs_; ++v) {
      for (int e = 0; e < kInterfacesPerVpc; ++e) writer.Add(Interface(v, e));
    }
  }

  void WriteInstances(const std::filesystem::path& out) {
    ListWriter writer(out / "ec2-describe-instances.json", "Reservations");
    for (int v = 0; v < vpcs_; ++v) {
      for (int i = 0; i < kInstancesPerVpc; ++i) {
        json eni = Interface(v, i);
        json embedded = {{"NetworkInterfaceId", eni["NetworkInterfaceId"]},
                         {"SubnetId", eni["SubnetId"]},
                         {"VpcId", eni["VpcId"]},
                         {"Groups", eni["Groups"]},
                         {"PrivateIpAddress", eni["PrivateIpAddress"]},
                         {"InterfaceType", "interface"},
                         {"Status", "in-use"},
                         {"SourceDestCheck", true},
                         {"Attachment", {{"DeviceIndex", 0}, {"Status", "attached"}}}};
        json instance = {{"InstanceId", InstanceId(v, i)},
                         {"InstanceType", "m7g.large"},
                         {"State", {{"Code", 16}, {"Name", "running"}}},
                         {"SubnetId", eni["SubnetId"]},
                         {"VpcId", VpcId(v)},
                         {"PrivateIpAddress", eni["PrivateIpAddress"]},
                         {"SecurityGroups", eni["Groups"]},
                         {"NetworkInterfaces", json::array({embedded})},
                         {"Placement", {{"AvailabilityZone", eni["AvailabilityZone"]}}},
                         {"Tags", Tags("instance-" + std::to_string(i))}};
        if (eni.contains("Association")) {
          instance["PublicIpAddress"] = eni["Association"]["PublicIp"];
          instance["NetworkInterfaces"][0]["Association"] = eni["Association"];
        }
        writer.Add({{"ReservationId", Hex("r", 22, v * kInstancesPerVpc + i)},
                    {"OwnerId", Account(v)},
                    {"Groups", json::array()},
                    {"Instances", json::array({instance})}});
      }
    }
  }

  int vpcs_;
  std::mt19937 random_;
  Mistakes mistakes_;
};

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path out;
  double scale = 1.0;
  std::uint32_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--out") {
      out = argv[i + 1];
    } else if (flag == "--scale") {
      scale = std::strtod(argv[i + 1], nullptr);
    } else if (flag == "--seed") {
      seed = static_cast<std::uint32_t>(std::strtoul(argv[i + 1], nullptr, 10));
    } else {
      std::cerr << "unknown flag " << flag << '\n';
      return 2;
    }
  }
  if (out.empty() || scale <= 0) {
    std::cerr << "usage: netlint_generate_estate --out DIR [--scale N] [--seed S]\n";
    return 2;
  }
  std::filesystem::create_directories(out);
  const int vpcs = std::max(1, static_cast<int>(1000 * scale + 0.5));
  Estate(vpcs, seed).WriteAll(out);
  return 0;
}
