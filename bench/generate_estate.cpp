// Generates a synthetic AWS estate for benchmarks: one file per `aws ec2 describe-*` call, in the
// exact shapes and 4-space indentation the AWS CLI v2 prints with --output json, references that
// resolve across files, and a small, counted number of planted mistakes.
//
//   netlint_generate_estate --out DIR [--scale N] [--seed S]
//
// Scale 1 is the "1x estate": 1,000 VPCs, 10,000 subnets, 20,000 security groups with 200,000
// rule entries (one per source), 50,000 network interfaces. Scale N multiplies every count by N;
// fractional scales (0.01 = 10 VPCs) make small estates for tests.
//
// Memory does not grow with the scale: every fact is a pure function of (seed, VPC number, slot),
// so each file recomputes what it shares with the others (ids, addresses, which VPCs carry a
// mistake) and streams its records straight to a buffered file. Only the standard library is used,
// so the generator builds on its own, without the rest of netlint.

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ------------------------------------------------------------------------------------------------
// Shape of the estate
// ------------------------------------------------------------------------------------------------

constexpr int kVpcsAtScaleOne = 1000;
constexpr int kSubnetsPerVpc = 10;  // 0-1 public, 2-7 application, 8-9 data
constexpr int kGroupsPerVpc = 20;
constexpr int kInterfacesPerVpc = 50;
constexpr int kNatGatewaysPerVpc = 2;  // one per AZ that has a public subnet
// One organisation account holds at most this many VPCs, each with its own /16 of 10.0.0.0/8;
// different accounts reuse the same ranges, as real organisations do.
constexpr int kVpcsPerAccount = 200;

constexpr std::string_view kRegion = "us-east-1";
constexpr std::string_view kS3PrefixList = "pl-63a5400a";  // AWS-managed S3 list in us-east-1
constexpr std::string_view kWorld = "0.0.0.0/0";
constexpr std::string_view kWorldIpv6 = "::/0";

// How often each planted mistake occurs (probabilities, per VPC or per security group).
constexpr double kOverlappingSubnetVpcs = 0.01;
constexpr double kSubnetOutsideVpcVpcs = 0.005;
constexpr double kBlackholeRouteVpcs = 0.05;  // one route each: ~0.5% of all routes
constexpr double kWorldOpenAdminPortGroups = 0.02;
constexpr double kWorldOpenAllTrafficGroups = 0.01;
constexpr double kMissingGroupReferenceGroups = 0.002;

// How often each realistic variation occurs.
constexpr double kSecondaryCidrVpcs = 0.10;
constexpr double kIpv6Vpcs = 0.10;
constexpr double kThreeAzVpcs = 0.5;
constexpr double kInterfaceEndpointVpcs = 0.30;
constexpr double kDataNetworkAclVpcs = 0.20;

// ------------------------------------------------------------------------------------------------
// Short strings on the stack
// ------------------------------------------------------------------------------------------------

// Ids, addresses and CIDRs are formatted millions of times; keeping them off the heap keeps the
// generator I/O-bound.
class Text {
 public:
  Text() = default;
  Text(std::string_view text) { Append(text); }  // NOLINT: implicit on purpose

  Text& operator<<(std::string_view text) {
    Append(text);
    return *this;
  }
  Text& operator<<(char c) {
    Append(std::string_view(&c, 1));
    return *this;
  }
  // (char has its own overload above, which wins over this template.)
  template <std::integral Number>
  Text& operator<<(Number number) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), number).ptr;
    Append(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    return *this;
  }
  // Lower-case hex, zero-padded to `width` digits, or unpadded when width is 0.
  Text& Hex(std::uint64_t number, int width = 0) {
    char digits[16];
    const auto end = std::to_chars(digits, digits + sizeof(digits), number, 16).ptr;
    const int length = static_cast<int>(end - digits);
    for (int i = length; i < width; ++i) Append("0");
    Append(std::string_view(digits, static_cast<std::size_t>(length)));
    return *this;
  }

  std::string_view view() const { return std::string_view(chars_.data(), size_); }
  operator std::string_view() const { return view(); }  // NOLINT: implicit on purpose

 private:
  void Append(std::string_view text) {
    if (size_ + text.size() > chars_.size()) throw std::length_error("Text overflow");
    std::copy(text.begin(), text.end(), chars_.begin() + static_cast<std::ptrdiff_t>(size_));
    size_ += text.size();
  }

  std::array<char, 120> chars_{};
  std::size_t size_ = 0;
};

// ------------------------------------------------------------------------------------------------
// Deterministic randomness and ids
// ------------------------------------------------------------------------------------------------

// SplitMix64's finaliser: a bijection on 64-bit values that scatters its input.
constexpr std::uint64_t Scramble(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Independent random decisions; each draws from its own stream.
enum class Decision : std::uint64_t {
  kAccountId = 1,
  kAccountRange,
  kSecondaryCidr,
  kIpv6,
  kAzCount,
  kInterfaceEndpoints,
  kDataNetworkAcl,
  kSubnetMistake,
  kBlackholeRoute,
  kOfficeSources,
  kPartnerSources,
  kWorldOpenAdminPort,
  kWorldOpenAllTraffic,
  kMissingGroupReference,
  kAddressOffset,
};

// The kinds of id; each kind numbers its resources independently.
enum class IdKind : std::uint64_t {
  kVpc,
  kVpcCidrAssociation,
  kDhcpOptions,
  kSubnet,
  kSubnetCidrAssociation,
  kRouteTable,
  kRouteTableAssociation,
  kInternetGateway,
  kNatGateway,
  kElasticIp,
  kEipAssociation,
  kVpcEndpoint,
  kSecurityGroup,
  kDeletedSecurityGroup,
  kNetworkAcl,
  kNetworkAclAssociation,
  kNetworkInterface,
  kInterfaceAttachment,
  kInstance,
  kReservation,
  kImage,
  kPeeringConnection,
  // Random bits only, no id of their own:
  kLoadBalancer,
  kMacAddress,
  kEcsAttachment,
  // Later additions (appended, so that the ids above stay the same for a seed):
  kSecurityGroupRule,
};

constexpr std::string_view IdPrefix(IdKind kind) {
  switch (kind) {
    case IdKind::kVpc:
      return "vpc";
    case IdKind::kVpcCidrAssociation:
      return "vpc-cidr-assoc";
    case IdKind::kDhcpOptions:
      return "dopt";
    case IdKind::kSubnet:
      return "subnet";
    case IdKind::kSubnetCidrAssociation:
      return "subnet-cidr-assoc";
    case IdKind::kRouteTable:
      return "rtb";
    case IdKind::kRouteTableAssociation:
      return "rtbassoc";
    case IdKind::kInternetGateway:
      return "igw";
    case IdKind::kNatGateway:
      return "nat";
    case IdKind::kElasticIp:
      return "eipalloc";
    case IdKind::kEipAssociation:
      return "eipassoc";
    case IdKind::kVpcEndpoint:
      return "vpce";
    case IdKind::kSecurityGroup:
      return "sg";
    case IdKind::kDeletedSecurityGroup:
      return "sg";
    case IdKind::kNetworkAcl:
      return "acl";
    case IdKind::kNetworkAclAssociation:
      return "aclassoc";
    case IdKind::kNetworkInterface:
      return "eni";
    case IdKind::kInterfaceAttachment:
      return "eni-attach";
    case IdKind::kInstance:
      return "i";
    case IdKind::kReservation:
      return "r";
    case IdKind::kImage:
      return "ami";
    case IdKind::kPeeringConnection:
      return "pcx";
    case IdKind::kSecurityGroupRule:
      return "sgr";
    case IdKind::kLoadBalancer:
    case IdKind::kMacAddress:
    case IdKind::kEcsAttachment:
      break;
  }
  throw std::logic_error("this kind of id has no prefix");
}

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : key_(Scramble(seed ^ 0x6a09e667f3bcc908ULL)) {}

  std::uint64_t Bits(Decision decision, std::uint64_t a, std::uint64_t b = 0) const {
    return Scramble(key_ ^ Scramble(static_cast<std::uint64_t>(decision) * 0x9e3779b97f4a7c15ULL ^
                                    Scramble(a ^ Scramble(b + 0x243f6a8885a308d3ULL))));
  }
  double Unit(Decision decision, std::uint64_t a, std::uint64_t b = 0) const {
    return static_cast<double>(Bits(decision, a, b) >> 11) * 0x1.0p-53;
  }
  bool Chance(double probability, Decision decision, std::uint64_t a, std::uint64_t b = 0) const {
    return Unit(decision, a, b) < probability;
  }
  int Below(int bound, Decision decision, std::uint64_t a, std::uint64_t b = 0) const {
    return static_cast<int>(Bits(decision, a, b) % static_cast<std::uint64_t>(bound));
  }

  // 16 hex digits unique to (kind, number): Scramble is a bijection, so distinct inputs never
  // collide, and the seed changes every id.
  std::uint64_t IdBits(IdKind kind, std::uint64_t number) const {
    return Scramble((static_cast<std::uint64_t>(kind) << 48 | number) ^ key_);
  }
  // "vpc-0" followed by 16 hex digits, like the 17-digit ids EC2 hands out.
  Text Id(IdKind kind, std::uint64_t number) const {
    Text id(IdPrefix(kind));
    id << "-0";
    id.Hex(IdBits(kind, number), 16);
    return id;
  }

 private:
  std::uint64_t key_;
};

// ------------------------------------------------------------------------------------------------
// Addresses
// ------------------------------------------------------------------------------------------------

constexpr std::uint32_t Ipv4(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

Text Ipv4Text(std::uint32_t address) {
  Text text;
  text << (address >> 24) << '.' << (address >> 16 & 0xff) << '.' << (address >> 8 & 0xff) << '.'
       << (address & 0xff);
  return text;
}

struct Cidr {
  std::uint32_t base = 0;
  int prefix = 32;

  std::uint32_t Size() const { return prefix == 0 ? 0 : std::uint32_t{1} << (32 - prefix); }
  Text ToText() const {
    Text text = Ipv4Text(base);
    text << '/' << prefix;
    return text;
  }
};

// "ip-10-1-2-3.ec2.internal": the private DNS name EC2 gives every address in us-east-1.
Text PrivateDnsName(std::uint32_t address) {
  Text name("ip-");
  name << (address >> 24) << '-' << (address >> 16 & 0xff) << '-' << (address >> 8 & 0xff) << '-'
       << (address & 0xff) << ".ec2.internal";
  return name;
}

Text PublicDnsName(std::uint32_t address) {
  Text name("ec2-");
  name << (address >> 24) << '-' << (address >> 16 & 0xff) << '-' << (address >> 8 & 0xff) << '-'
       << (address & 0xff) << ".compute-1.amazonaws.com";
  return name;
}

// An IPv6 prefix in Amazon's 2600:1f18::/32 pool, written canonically (trailing zeros as "::").
Text AmazonIpv6Prefix(std::uint32_t third_group, std::uint32_t fourth_group, int prefix) {
  Text text("2600:1f18:");
  text.Hex(third_group);
  if (fourth_group != 0) text << ':' << Text().Hex(fourth_group).view();
  text << "::/" << prefix;
  return text;
}

// ------------------------------------------------------------------------------------------------
// Buffered JSON output
// ------------------------------------------------------------------------------------------------

// A file written through one large buffer: the estate is hundreds of megabytes of small writes.
class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path)
      : path_(path), file_(std::fopen(path.c_str(), "wb")), buffer_(kBufferSize) {
    if (file_ == nullptr) throw std::runtime_error("cannot create " + path.string());
  }
  ~OutputFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void Write(std::string_view bytes) {
    if (used_ + bytes.size() > buffer_.size()) Flush();
    if (bytes.size() > buffer_.size()) {
      WriteThrough(bytes);
      return;
    }
    std::copy(bytes.begin(), bytes.end(), buffer_.begin() + static_cast<std::ptrdiff_t>(used_));
    used_ += bytes.size();
  }

  // Flushes and closes; returns the size of the file.
  std::uint64_t Close() {
    Flush();
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) throw std::runtime_error("cannot write " + path_.string());
    return written_;
  }

 private:
  static constexpr std::size_t kBufferSize = std::size_t{1} << 20;

  void Flush() {
    WriteThrough(std::string_view(buffer_.data(), used_));
    used_ = 0;
  }
  void WriteThrough(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      throw std::runtime_error("cannot write " + path_.string());
    }
    written_ += bytes.size();
  }

  std::filesystem::path path_;
  std::FILE* file_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::uint64_t written_ = 0;
};

// Streams JSON laid out byte for byte like json.dumps(indent=4, ensure_ascii=False), as the AWS CLI
// prints it: every member and element on its own line, indented 4 spaces per level, "," at line
// ends, ": " after keys, and empty containers as [] and {}.
class JsonWriter {
 public:
  // kIndented: the AWS CLI's layout. kCompact: one line, no spaces, as `terraform show -json`.
  enum class Layout { kIndented, kCompact };
  explicit JsonWriter(OutputFile& out, Layout layout = Layout::kIndented)
      : out_(out), compact_(layout == Layout::kCompact) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  void BeginObject(std::string_view key) {
    Key(key);
    BeginObject();
  }
  void BeginArray(std::string_view key) {
    Key(key);
    BeginArray();
  }
  void EmptyArray(std::string_view key) {
    Key(key);
    BeginArray();
    EndArray();
  }

  // Values: as array elements, or after Key().
  void String(std::string_view value) {
    BeginValue();
    WriteQuoted(value);
  }
  void Int(std::int64_t value) {
    BeginValue();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
    out_.Write(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  void Bool(bool value) {
    BeginValue();
    out_.Write(value ? "true" : "false");
  }

  // Members: "key": value.
  void String(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Int(std::string_view key, std::int64_t value) {
    Key(key);
    Int(value);
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  void Null(std::string_view key) {
    Key(key);
    BeginValue();
    out_.Write("null");
  }
  void EmptyObject(std::string_view key) {
    Key(key);
    BeginObject();
    EndObject();
  }

  void Key(std::string_view key) {
    StartLine();
    WriteQuoted(key);
    out_.Write(compact_ ? ":" : ": ");
    after_key_ = true;
  }

 private:
  static constexpr int kMaxDepth = 32;
  static constexpr std::string_view kSpaces =
      "                                                                                          "
      "                                                                                          ";

  void Open(char bracket) {
    BeginValue();
    out_.Write(std::string_view(&bracket, 1));
    if (++depth_ >= kMaxDepth) throw std::logic_error("JSON nested too deeply");
    has_members_[depth_] = false;
  }
  void Close(char bracket) {
    const bool had_members = has_members_[depth_];
    --depth_;
    if (had_members && !compact_) {
      out_.Write("\n");
      Indent();
    }
    out_.Write(std::string_view(&bracket, 1));
  }
  // A value inside an array starts its own line; a value after a key stays on the key's line.
  void BeginValue() {
    if (after_key_) {
      after_key_ = false;
    } else if (depth_ > 0) {
      StartLine();
    }
  }
  void StartLine() {
    if (compact_) {
      if (has_members_[depth_]) out_.Write(",");
      has_members_[depth_] = true;
      return;
    }
    out_.Write(has_members_[depth_] ? ",\n" : "\n");
    has_members_[depth_] = true;
    Indent();
  }
  void Indent() {
    std::size_t spaces = static_cast<std::size_t>(depth_) * 4;
    while (spaces > 0) {
      const std::size_t chunk = std::min(spaces, kSpaces.size());
      out_.Write(kSpaces.substr(0, chunk));
      spaces -= chunk;
    }
  }
  void WriteQuoted(std::string_view text) {
    out_.Write("\"");
    const auto needs_escape = [](char c) {
      return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    };
    if (std::none_of(text.begin(), text.end(), needs_escape)) {
      out_.Write(text);
    } else {
      for (char c : text) WriteEscaped(c);
    }
    out_.Write("\"");
  }
  void WriteEscaped(char c) {
    if (const std::string_view short_form = ShortEscape(c); !short_form.empty()) {
      out_.Write(short_form);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      Text escaped("\\u");
      escaped.Hex(static_cast<unsigned char>(c), 4);
      out_.Write(escaped);
    } else {
      out_.Write(std::string_view(&c, 1));
    }
  }
  // The two-character escapes json.dumps uses; other control characters become \u00XX.
  static std::string_view ShortEscape(char c) {
    constexpr std::string_view kEscaped = "\"\\\n\t\r\b\f";
    constexpr std::string_view kForms[] = {"\\\"", "\\\\", "\\n", "\\t", "\\r", "\\b", "\\f"};
    const std::size_t at = kEscaped.find(c);
    return at == std::string_view::npos ? std::string_view() : kForms[at];
  }

  OutputFile& out_;
  bool compact_ = false;
  int depth_ = 0;
  bool after_key_ = false;
  std::array<bool, kMaxDepth + 1> has_members_{};
};

struct FileSummary {
  std::string name;
  std::uint64_t records = 0;
  std::uint64_t bytes = 0;
};

// One describe-* output file: {"<ListKey>": [record, ...]} followed by a newline, as the CLI
// prints it.
class ListFile {
 public:
  ListFile(const std::filesystem::path& directory, std::string_view file_name,
           std::string_view list_key)
      : name_(file_name), out_(directory / file_name), json_(out_) {
    json_.BeginObject();
    json_.BeginArray(list_key);
  }

  // The writer for the next record; the caller writes exactly one value with it.
  JsonWriter& NextRecord() {
    ++records_;
    return json_;
  }

  FileSummary Finish() {
    json_.EndArray();
    json_.EndObject();
    out_.Write("\n");
    return {name_, records_, out_.Close()};
  }

 private:
  std::string name_;
  OutputFile out_;
  JsonWriter json_;
  std::uint64_t records_ = 0;
};

// ------------------------------------------------------------------------------------------------
// The estate's layout: pure functions of (seed, VPC number)
// ------------------------------------------------------------------------------------------------

enum class SubnetMistake { kNone, kOverlapsSibling, kOutsideVpc };

struct VpcPlan {
  int index = 0;
  int account = 0;
  int slot_in_account = 0;
  Text owner_id;
  std::string_view environment;
  Cidr primary_cidr;
  std::optional<Cidr> secondary_cidr;
  bool has_ipv6 = false;
  int az_count = 2;
  bool has_interface_endpoints = false;
  bool has_data_network_acl = false;
  SubnetMistake subnet_mistake = SubnetMistake::kNone;
  bool has_blackhole_route = false;
};

constexpr std::array<std::string_view, 4> kEnvironments = {"prod", "staging", "dev", "shared"};
constexpr std::array<std::string_view, 3> kAzNames = {"us-east-1a", "us-east-1b", "us-east-1c"};
// Zone ids differ per account for the same zone name, as in real accounts.
constexpr std::array<std::string_view, 6> kAzIds = {"use1-az1", "use1-az2", "use1-az4",
                                                    "use1-az6", "use1-az3", "use1-az5"};

// A 12-digit account number. The low six digits are the account index times a number coprime to
// 10^6, plus a per-seed salt, modulo 10^6: distinct for the first million accounts, yet not
// sequential-looking.
Text AccountId(const Dice& dice, int account) {
  const std::uint64_t high = 100000 + dice.Bits(Decision::kAccountId, account) % 900000;
  const std::uint64_t salt = dice.Bits(Decision::kAccountId, 0, 1) % 1000000;
  const std::uint64_t low = (static_cast<std::uint64_t>(account) * 736279 + salt) % 1000000;
  Text id;
  id << high * 1000000 + low;
  return id;
}

// Each VPC of an account gets a distinct 10.X.0.0/16: the account's rotation plus the VPC's slot,
// modulo 256, is distinct for the account's (at most 200) slots.
Cidr PrimaryVpcCidr(const Dice& dice, int account, int slot) {
  const int rotation = dice.Below(256, Decision::kAccountRange, account);
  return {Ipv4(10, static_cast<std::uint32_t>((slot + rotation) % 256), 0, 0), 16};
}

// Secondary ranges come from 100.64.0.0/10, one distinct /18 per slot of the account.
Cidr SecondaryVpcCidr(int slot) {
  return {Ipv4(100, 64 + static_cast<std::uint32_t>(slot) / 4,
               static_cast<std::uint32_t>(slot % 4) * 64, 0),
          18};
}

SubnetMistake PlanSubnetMistake(const Dice& dice, int vpc) {
  const double draw = dice.Unit(Decision::kSubnetMistake, vpc);
  if (draw < kOverlappingSubnetVpcs) return SubnetMistake::kOverlapsSibling;
  if (draw < kOverlappingSubnetVpcs + kSubnetOutsideVpcVpcs) return SubnetMistake::kOutsideVpc;
  return SubnetMistake::kNone;
}

VpcPlan PlanVpc(const Dice& dice, int vpc) {
  VpcPlan plan;
  plan.index = vpc;
  plan.account = vpc / kVpcsPerAccount;
  plan.slot_in_account = vpc % kVpcsPerAccount;
  plan.owner_id = AccountId(dice, plan.account);
  plan.environment = kEnvironments[static_cast<std::size_t>(plan.account) % kEnvironments.size()];
  plan.primary_cidr = PrimaryVpcCidr(dice, plan.account, plan.slot_in_account);
  if (dice.Chance(kSecondaryCidrVpcs, Decision::kSecondaryCidr, vpc)) {
    plan.secondary_cidr = SecondaryVpcCidr(plan.slot_in_account);
  }
  plan.has_ipv6 = dice.Chance(kIpv6Vpcs, Decision::kIpv6, vpc);
  plan.az_count = dice.Chance(kThreeAzVpcs, Decision::kAzCount, vpc) ? 3 : 2;
  plan.has_interface_endpoints =
      dice.Chance(kInterfaceEndpointVpcs, Decision::kInterfaceEndpoints, vpc);
  plan.has_data_network_acl = dice.Chance(kDataNetworkAclVpcs, Decision::kDataNetworkAcl, vpc);
  plan.subnet_mistake = PlanSubnetMistake(dice, vpc);
  plan.has_blackhole_route = dice.Chance(kBlackholeRouteVpcs, Decision::kBlackholeRoute, vpc);
  return plan;
}

std::vector<Cidr> VpcCidrs(const VpcPlan& vpc) {
  std::vector<Cidr> cidrs{vpc.primary_cidr};
  if (vpc.secondary_cidr) cidrs.push_back(*vpc.secondary_cidr);
  return cidrs;
}

// The VPC's /56, unique per VPC across the estate.
Text VpcIpv6Cidr(const VpcPlan& vpc) {
  return AmazonIpv6Prefix(0x1000 + static_cast<std::uint32_t>(vpc.index >> 8),
                          static_cast<std::uint32_t>(vpc.index & 0xff) << 8, 56);
}

Text VpcName(const VpcPlan& vpc) {
  Text name(vpc.environment);
  name << "-vpc-" << vpc.index;
  return name;
}

// --- Subnets ---

enum class Tier { kPublic, kApp, kData };

Tier SubnetTier(int subnet) {
  if (subnet < 2) return Tier::kPublic;
  return subnet < 8 ? Tier::kApp : Tier::kData;
}

constexpr int kFirstAppSubnet = 2;
constexpr int kAppSubnetCount = 6;
constexpr int kMistakenSubnet = 9;  // the second data subnet carries the planted CIDR mistakes

// Public and data subnets sit in zones a and b; application subnets cycle through every zone.
int SubnetAz(const VpcPlan& vpc, int subnet) {
  if (SubnetTier(subnet) == Tier::kApp) return (subnet - kFirstAppSubnet) % vpc.az_count;
  return subnet % 2;
}

// Public /24s at 10.X.0-1, application /20s at 10.X.16-111, data /24s at 10.X.128-129.
Cidr SubnetCidr(const VpcPlan& vpc, int subnet) {
  const std::uint32_t base = vpc.primary_cidr.base;
  if (subnet == kMistakenSubnet && vpc.subnet_mistake == SubnetMistake::kOverlapsSibling) {
    return {base | Ipv4(0, 0, 20, 0), 24};  // inside the first application subnet's /20
  }
  if (subnet == kMistakenSubnet && vpc.subnet_mistake == SubnetMistake::kOutsideVpc) {
    return {Ipv4(192, 168, static_cast<std::uint32_t>(vpc.slot_in_account), 0), 24};
  }
  switch (SubnetTier(subnet)) {
    case Tier::kPublic:
      return {base | Ipv4(0, 0, static_cast<std::uint32_t>(subnet), 0), 24};
    case Tier::kApp:
      return {base | Ipv4(0, 0, static_cast<std::uint32_t>(subnet - 1) * 16, 0), 20};
    case Tier::kData:
      return {base | Ipv4(0, 0, 128 + static_cast<std::uint32_t>(subnet - 8), 0), 24};
  }
  return {};
}

std::string_view SubnetTierName(int subnet) {
  switch (SubnetTier(subnet)) {
    case Tier::kPublic:
      return "public";
    case Tier::kApp:
      return "app";
    case Tier::kData:
      return "data";
  }
  return "";
}

// Public subnets of IPv6 VPCs get a /64 of the VPC's /56.
Text SubnetIpv6Cidr(const VpcPlan& vpc, int subnet) {
  return AmazonIpv6Prefix(
      0x1000 + static_cast<std::uint32_t>(vpc.index >> 8),
      (static_cast<std::uint32_t>(vpc.index & 0xff) << 8) | static_cast<std::uint32_t>(subnet), 64);
}

// Every app subnet of one zone shares that zone's private route table.
std::vector<int> AppSubnetsInAz(const VpcPlan& vpc, int az) {
  std::vector<int> subnets;
  for (int s = kFirstAppSubnet; s < kFirstAppSubnet + kAppSubnetCount; ++s) {
    if (SubnetAz(vpc, s) == az) subnets.push_back(s);
  }
  return subnets;
}

std::vector<int> DataSubnets() { return {8, 9}; }

// --- Security groups: the index of each role within its VPC ---

enum GroupIndex : int {
  kDefaultGroup = 0,
  kWebAlbGroup = 1,
  kInternalAlbGroup = 2,
  kFirstAppGroup = 3,  // 3-8: six application tiers
  kBastionGroup = 9,
  kPostgresGroup = 10,
  kMysqlGroup = 11,
  kRedisGroup = 12,
  kEcsTaskGroup = 13,
  kLambdaGroup = 14,
  kEndpointGroup = 15,
  kMonitoringGroup = 16,
  kBatchGroup = 17,
  kWindowsGroup = 18,
  kPartnerGroup = 19,
};
constexpr int kAppGroupCount = 6;

constexpr std::array<std::string_view, kGroupsPerVpc> kGroupNames = {
    "default",         "web-alb",         "internal-alb",   "orders-app",        "payments-app",
    "catalog-app",     "search-app",      "accounts-app",   "notifications-app", "bastion",
    "orders-postgres", "reporting-mysql", "sessions-redis", "ecs-tasks",         "lambda-functions",
    "vpc-endpoints",   "monitoring",      "batch-workers",  "windows-admin",     "partner-api"};

constexpr std::array<std::string_view, kGroupsPerVpc> kGroupDescriptions = {
    "default VPC security group",
    "Public application load balancer",
    "Internal application load balancer",
    "Managed by Terraform",
    "Managed by Terraform",
    "Managed by Terraform",
    "Managed by Terraform",
    "Managed by Terraform",
    "Managed by Terraform",
    "SSH bastion hosts",
    "Orders database",
    "Reporting database",
    "Session cache",
    "ECS Fargate tasks",
    "Lambda functions in the VPC",
    "Interface endpoints",
    "Prometheus and Grafana",
    "Batch workers",
    "Windows administration hosts",
    "Partner API ingress"};

Text SecurityGroupId(const Dice& dice, const VpcPlan& vpc, int group) {
  return dice.Id(IdKind::kSecurityGroup, static_cast<std::uint64_t>(vpc.index) * kGroupsPerVpc +
                                             static_cast<std::uint64_t>(group));
}

// --- Network interfaces: fixed slots per VPC ---

enum class InterfaceRole {
  kInstance,
  kLoadBalancer,
  kNatGateway,
  kDatabase,
  kLambda,
  kVpcEndpoint,
  kEcsTask
};

constexpr int kInstancesPerVpc = 16;   // slots 0-15: 2 bastions, 2 Windows hosts, 12 app servers
constexpr int kLoadBalancerSlot = 16;  // 16-17 public ALB, 18-19 internal ALB
constexpr int kNatSlot = 20;           // 20-21
constexpr int kDatabaseSlot = 22;      // 22-25
constexpr int kLambdaSlot = 26;        // 26-29
constexpr int kEndpointSlot = 30;      // 30-35 when the VPC has interface endpoints
constexpr int kEndpointSubnets = 2;    // each interface endpoint has an interface in subnets 2, 3
constexpr int kPublicAddressesPerVpc = 16;

constexpr std::array<std::string_view, 3> kInterfaceEndpointServices = {"ecr.api", "ecr.dkr",
                                                                        "logs"};

struct InterfaceSpec {
  InterfaceRole role = InterfaceRole::kEcsTask;
  int role_index = 0;  // which instance, load balancer, NAT gateway, endpoint ... of the VPC
  int subnet = 0;
  std::array<int, 2> groups{-1, -1};  // group indices, -1 for none
  int public_address = -1;            // index of the VPC's public address, or -1
  std::uint32_t private_ip = 0;
};

using InterfaceLayout = std::array<InterfaceSpec, kInterfacesPerVpc>;

InterfaceSpec InstanceInterface(int instance) {
  InterfaceSpec spec{InterfaceRole::kInstance, instance};
  if (instance < 2) {  // bastions, reachable from the offices
    spec.subnet = instance;
    spec.groups = {kBastionGroup, -1};
    spec.public_address = 4 + instance;
  } else if (instance < 4) {
    spec.subnet = kFirstAppSubnet + instance;
    spec.groups = {kWindowsGroup, -1};
  } else {
    spec.subnet = kFirstAppSubnet + instance % kAppSubnetCount;
    spec.groups = {kFirstAppGroup + instance % kAppGroupCount, kMonitoringGroup};
  }
  return spec;
}

// Slot 16-17: the public ALB, one interface per public subnet; 18-19: the internal ALB.
InterfaceSpec LoadBalancerInterface(int slot) {
  const int offset = slot - kLoadBalancerSlot;
  InterfaceSpec spec{InterfaceRole::kLoadBalancer, offset / 2};
  if (offset < 2) {
    spec.subnet = offset;
    spec.groups = {kWebAlbGroup, -1};
    spec.public_address = 2 + offset;
  } else {
    spec.subnet = kFirstAppSubnet + offset % 2;
    spec.groups = {kInternalAlbGroup, -1};
  }
  return spec;
}

InterfaceSpec SlotInterface(const VpcPlan& vpc, int slot) {
  if (slot < kInstancesPerVpc) return InstanceInterface(slot);
  if (slot < kNatSlot) return LoadBalancerInterface(slot);
  if (slot < kDatabaseSlot) {
    const int nat = slot - kNatSlot;
    return {InterfaceRole::kNatGateway, nat, nat, {-1, -1}, nat};
  }
  if (slot < kLambdaSlot) {
    const int db = slot - kDatabaseSlot;
    return {InterfaceRole::kDatabase, db, 8 + db % 2, {kPostgresGroup + db / 2, -1}};
  }
  if (slot < kEndpointSlot) {
    const int fn = slot - kLambdaSlot;
    return {InterfaceRole::kLambda, fn, kFirstAppSubnet + fn, {kLambdaGroup, -1}};
  }
  const int endpoint_interfaces =
      vpc.has_interface_endpoints
          ? static_cast<int>(kInterfaceEndpointServices.size()) * kEndpointSubnets
          : 0;
  if (slot < kEndpointSlot + endpoint_interfaces) {
    const int offset = slot - kEndpointSlot;
    return {InterfaceRole::kVpcEndpoint,
            offset / kEndpointSubnets,
            kFirstAppSubnet + offset % kEndpointSubnets,
            {kEndpointGroup, -1}};
  }
  const int task = slot - kEndpointSlot - endpoint_interfaces;
  return {
      InterfaceRole::kEcsTask, task, kFirstAppSubnet + task % kAppSubnetCount, {kEcsTaskGroup, -1}};
}

// Private addresses: the n-th interface of a subnet gets base + 4 + 7n + (0..3), inside the subnet
// and past the four addresses AWS reserves at its start.
InterfaceLayout LayOutInterfaces(const Dice& dice, const VpcPlan& vpc) {
  InterfaceLayout layout;
  std::array<int, kSubnetsPerVpc> used{};
  for (int slot = 0; slot < kInterfacesPerVpc; ++slot) {
    InterfaceSpec spec = SlotInterface(vpc, slot);
    const Cidr subnet = SubnetCidr(vpc, spec.subnet);
    const int ordinal = used[static_cast<std::size_t>(spec.subnet)]++;
    const auto jitter = static_cast<std::uint32_t>(
        dice.Below(4, Decision::kAddressOffset, static_cast<std::uint64_t>(vpc.index), slot));
    const std::uint32_t offset = 4 + 7 * static_cast<std::uint32_t>(ordinal) + jitter;
    if (offset >= subnet.Size() - 1) throw std::logic_error("subnet too small for its interfaces");
    spec.private_ip = subnet.base + offset;
    layout[static_cast<std::size_t>(slot)] = spec;
  }
  return layout;
}

int InterfacesInSubnet(const InterfaceLayout& layout, int subnet) {
  return static_cast<int>(std::count_if(
      layout.begin(), layout.end(), [&](const InterfaceSpec& s) { return s.subnet == subnet; }));
}

// Public addresses come from 44.192.0.0/10 (an Amazon us-east-1 pool), 16 per VPC.
std::uint32_t PublicAddress(const VpcPlan& vpc, int index) {
  const std::uint32_t offset = (static_cast<std::uint32_t>(vpc.index) * kPublicAddressesPerVpc +
                                static_cast<std::uint32_t>(index)) %
                               (std::uint32_t{1} << 22);
  return Ipv4(44, 192, 0, 0) + offset;
}

// ------------------------------------------------------------------------------------------------
// Security group rules
// ------------------------------------------------------------------------------------------------

struct CidrSource {
  Text cidr;
  std::string_view description;  // empty: no Description key
};

struct GroupSource {
  Text group_id;
  Text owner_id;
};

// One entry of IpPermissions/IpPermissionsEgress: a protocol and port range with its sources.
class Permission {
 public:
  static Permission AllTraffic() { return Permission("-1", std::nullopt); }
  static Permission Tcp(int from, int to) { return Permission("tcp", std::pair{from, to}); }
  static Permission Tcp(int port) { return Tcp(port, port); }
  static Permission Udp(int port) { return Permission("udp", std::pair{port, port}); }
  static Permission IcmpEchoRequest() { return Permission("icmp", std::pair{8, -1}); }

  // Sources, chained on a temporary: Permission::Tcp(22).Cidr("203.0.113.0/28").Groups(...).
  Permission&& Cidr(std::string_view cidr, std::string_view description = {}) && {
    ipv4_.push_back({Text(cidr), description});
    return std::move(*this);
  }
  Permission&& Cidrs(const std::vector<CidrSource>& sources) && {
    ipv4_.insert(ipv4_.end(), sources.begin(), sources.end());
    return std::move(*this);
  }
  Permission&& Ipv6(std::string_view cidr) && {
    ipv6_.emplace_back(cidr);
    return std::move(*this);
  }
  Permission&& PrefixList(std::string_view id) && {
    prefix_lists_.push_back(id);
    return std::move(*this);
  }
  Permission&& Groups(const std::vector<GroupSource>& sources) && {
    groups_.insert(groups_.end(), sources.begin(), sources.end());
    return std::move(*this);
  }

  // Rules as describe-security-group-rules counts them: one per source.
  int SourceCount() const {
    return static_cast<int>(ipv4_.size() + ipv6_.size() + prefix_lists_.size() + groups_.size());
  }

  std::string_view protocol() const { return protocol_; }
  const std::optional<std::pair<int, int>>& ports() const { return ports_; }
  const std::vector<CidrSource>& ipv4() const { return ipv4_; }
  const std::vector<Text>& ipv6() const { return ipv6_; }
  const std::vector<std::string_view>& prefix_lists() const { return prefix_lists_; }
  const std::vector<GroupSource>& groups() const { return groups_; }

  // Keys in the order the CLI prints them.
  void Write(JsonWriter& json) const {
    json.BeginObject();
    if (ports_) json.Int("FromPort", ports_->first);
    json.String("IpProtocol", protocol_);
    json.BeginArray("IpRanges");
    for (const CidrSource& source : ipv4_) {
      json.BeginObject();
      json.String("CidrIp", source.cidr);
      if (!source.description.empty()) json.String("Description", source.description);
      json.EndObject();
    }
    json.EndArray();
    json.BeginArray("Ipv6Ranges");
    for (const Text& cidr : ipv6_) {
      json.BeginObject();
      json.String("CidrIpv6", cidr);
      json.EndObject();
    }
    json.EndArray();
    json.BeginArray("PrefixListIds");
    for (std::string_view id : prefix_lists_) {
      json.BeginObject();
      json.String("PrefixListId", id);
      json.EndObject();
    }
    json.EndArray();
    if (ports_) json.Int("ToPort", ports_->second);
    json.BeginArray("UserIdGroupPairs");
    for (const GroupSource& source : groups_) {
      json.BeginObject();
      json.String("GroupId", source.group_id);
      json.String("UserId", source.owner_id);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }

 private:
  Permission(std::string_view protocol, std::optional<std::pair<int, int>> ports)
      : protocol_(protocol), ports_(ports) {}

  std::string_view protocol_;
  std::optional<std::pair<int, int>> ports_;  // absent for "-1", as EC2 omits them
  std::vector<CidrSource> ipv4_;
  std::vector<Text> ipv6_;
  std::vector<std::string_view> prefix_lists_;
  std::vector<GroupSource> groups_;
};

struct GroupRules {
  std::vector<Permission> ingress;
  std::vector<Permission> egress;

  int SourceCount() const {
    int count = 0;
    for (const Permission& p : ingress) count += p.SourceCount();
    for (const Permission& p : egress) count += p.SourceCount();
    return count;
  }
};

struct NamedCidr {
  std::string_view cidr;
  std::string_view description;
};

// Offices and people: /28s and /32s in the documentation ranges (RFC 5737).
constexpr std::array<NamedCidr, 8> kOfficeSources = {{
    {"203.0.113.0/28", "London office"},
    {"198.51.100.32/28", "Berlin office"},
    {"192.0.2.64/28", "New York office"},
    {"203.0.113.77/32", "VPN egress"},
    {"198.51.100.200/32", "CI runner"},
    {"192.0.2.10/32", "jump host"},
    {"203.0.113.128/28", "Singapore office"},
    {"198.51.100.14/32", "contractor laptop"},
}};

constexpr std::array<NamedCidr, 10> kPartnerSources = {{
    {"192.0.2.128/25", "partner A"},
    {"198.51.100.64/26", "partner B"},
    {"203.0.113.192/27", "partner C"},
    {"192.0.2.201/32", "partner D gateway"},
    {"198.51.100.9/32", "partner E gateway"},
    {"203.0.113.250/32", "partner F gateway"},
    {"192.0.2.99/32", "payment provider"},
    {"198.51.100.150/32", "payment provider fallback"},
    {"203.0.113.33/32", "auditor"},
    {"192.0.2.77/32", "support vendor"},
}};

// Everything a group's rules refer to: its VPC's ranges and its sibling groups.
class GroupContext {
 public:
  GroupContext(const Dice& dice, const VpcPlan& vpc, int group)
      : dice_(dice), vpc_(vpc), group_(group) {}

  int group() const { return group_; }
  std::uint64_t global_group() const {
    return static_cast<std::uint64_t>(vpc_.index) * kGroupsPerVpc +
           static_cast<std::uint64_t>(group_);
  }
  const VpcPlan& vpc() const { return vpc_; }
  const Dice& dice() const { return dice_; }
  Text GroupId(int group) const { return SecurityGroupId(dice_, vpc_, group); }
  const Text& owner() const { return vpc_.owner_id; }

  // Sibling groups of the same VPC, as UserIdGroupPairs sources.
  std::vector<GroupSource> Groups(std::initializer_list<int> groups) const {
    std::vector<GroupSource> sources;
    for (int g : groups) sources.push_back({GroupId(g), owner()});
    return sources;
  }
  std::vector<GroupSource> AppGroups() const {
    std::vector<GroupSource> sources;
    for (int g = kFirstAppGroup; g < kFirstAppGroup + kAppGroupCount; ++g) {
      sources.push_back({GroupId(g), owner()});
    }
    return sources;
  }
  // The VPC's own ranges (primary and secondary CIDR).
  std::vector<CidrSource> VpcRanges() const {
    std::vector<CidrSource> sources;
    for (const Cidr& cidr : VpcCidrs(vpc_)) sources.push_back({cidr.ToText(), {}});
    return sources;
  }
  std::vector<CidrSource> AppSubnets() const {
    std::vector<CidrSource> sources;
    for (int s = kFirstAppSubnet; s < kFirstAppSubnet + kAppSubnetCount; ++s) {
      sources.push_back({SubnetCidr(vpc_, s).ToText(), "app subnet"});
    }
    return sources;
  }
  // A run of 2-7 office sources, different per group.
  std::vector<CidrSource> Offices() const {
    return PickSources(kOfficeSources, 2, 7, Decision::kOfficeSources);
  }
  // A run of 6-10 partner sources.
  std::vector<CidrSource> Partners() const {
    return PickSources(kPartnerSources, 6, 10, Decision::kPartnerSources);
  }

 private:
  template <std::size_t N>
  std::vector<CidrSource> PickSources(const std::array<NamedCidr, N>& pool, int minimum,
                                      int maximum, Decision decision) const {
    const int count = minimum + dice_.Below(maximum - minimum + 1, decision, global_group());
    const int start = dice_.Below(static_cast<int>(N), decision, global_group(), 1);
    std::vector<CidrSource> sources;
    for (int i = 0; i < count; ++i) {
      const NamedCidr& source = pool[static_cast<std::size_t>(start + i) % N];
      sources.push_back({Text(source.cidr), source.description});
    }
    return sources;
  }

  const Dice& dice_;
  const VpcPlan& vpc_;
  int group_;
};

Permission AllTrafficToWorld() { return Permission::AllTraffic().Cidr(kWorld); }

GroupRules DefaultGroupRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(Permission::AllTraffic().Groups(ctx.Groups({kDefaultGroup})));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

// Internet-facing load balancer: 80 and 443 from everywhere, over IPv4 and IPv6.
GroupRules WebAlbRules() {
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(80).Cidr(kWorld).Ipv6(kWorldIpv6));
  rules.ingress.push_back(Permission::Tcp(443).Cidr(kWorld).Ipv6(kWorldIpv6));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

GroupRules InternalAlbRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(443).Cidrs(ctx.VpcRanges()).Cidrs(ctx.Offices()));
  rules.ingress.push_back(Permission::Tcp(80).Cidrs(ctx.VpcRanges()));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

// Application tiers: traffic from the load balancers and tasks, SSH from the bastions and the
// offices, metrics from monitoring, calls from the tier in front of them.
GroupRules AppTierRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(
      Permission::Tcp(8080).Groups(ctx.Groups({kWebAlbGroup, kInternalAlbGroup, kEcsTaskGroup})));
  rules.ingress.push_back(
      Permission::Tcp(22).Groups(ctx.Groups({kBastionGroup})).Cidrs(ctx.Offices()));
  rules.ingress.push_back(
      Permission::Tcp(9100).Groups(ctx.Groups({kMonitoringGroup})).Cidrs(ctx.VpcRanges()));
  if (ctx.group() > kFirstAppGroup) {
    rules.ingress.push_back(Permission::Tcp(8443).Groups(ctx.Groups({ctx.group() - 1})));
  }
  rules.ingress.push_back(Permission::Tcp(9000, 9010).Cidrs(ctx.VpcRanges()));
  rules.ingress.push_back(Permission::IcmpEchoRequest().Cidrs(ctx.VpcRanges()));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

// Bastions: SSH from every office and person on the list.
GroupRules BastionRules() {
  std::vector<CidrSource> offices;
  for (const NamedCidr& office : kOfficeSources)
    offices.push_back({office.cidr, office.description});
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(22).Cidrs(offices));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

// Databases and caches: their port from the tiers that use them and from the app subnets, and no
// egress at all (hardened groups drop the default egress rule).
GroupRules DataStoreRules(const GroupContext& ctx, int port) {
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(port)
                              .Groups(ctx.AppGroups())
                              .Groups(ctx.Groups({kBastionGroup, kLambdaGroup}))
                              .Cidrs(ctx.AppSubnets()));
  return rules;
}

GroupRules EcsTaskRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(
      Permission::Tcp(8080).Groups(ctx.Groups({kWebAlbGroup, kInternalAlbGroup})));
  rules.ingress.push_back(Permission::Tcp(0, 65535).Groups(ctx.Groups({kEcsTaskGroup})));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

// Lambda functions receive nothing and may only reach S3, the endpoints and the data stores.
GroupRules LambdaRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.egress.push_back(Permission::Tcp(443).PrefixList(kS3PrefixList));
  rules.egress.push_back(Permission::Tcp(443).Groups(ctx.Groups({kEndpointGroup})));
  rules.egress.push_back(Permission::Tcp(5432).Groups(ctx.Groups({kPostgresGroup})));
  rules.egress.push_back(Permission::Tcp(6379).Groups(ctx.Groups({kRedisGroup})));
  return rules;
}

GroupRules EndpointRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(443)
                              .Cidrs(ctx.VpcRanges())
                              .Groups(ctx.Groups({kEcsTaskGroup, kLambdaGroup})));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

GroupRules MonitoringRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(9090).Cidrs(ctx.VpcRanges()).Cidrs(ctx.Offices()));
  rules.ingress.push_back(Permission::Tcp(3000).Cidrs(ctx.Offices()));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

GroupRules BatchRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(Permission::Tcp(1024, 65535).Cidrs(ctx.VpcRanges()));
  rules.ingress.push_back(Permission::Udp(4789).Groups(ctx.Groups({kBatchGroup})));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

GroupRules WindowsRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(
      Permission::Tcp(3389).Groups(ctx.Groups({kBastionGroup})).Cidrs(ctx.Offices()));
  rules.ingress.push_back(Permission::Tcp(445).Cidrs(ctx.VpcRanges()));
  rules.ingress.push_back(Permission::Udp(53).Cidrs(ctx.VpcRanges()));
  rules.ingress.push_back(Permission::Tcp(5985, 5986).Groups(ctx.Groups({kBastionGroup})));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

GroupRules PartnerRules(const GroupContext& ctx) {
  GroupRules rules;
  rules.ingress.push_back(
      Permission::Tcp(443).Cidrs(ctx.Partners()).Groups(ctx.Groups({kWebAlbGroup})));
  rules.egress.push_back(AllTrafficToWorld());
  return rules;
}

GroupRules IntendedRules(const GroupContext& ctx) {
  const int g = ctx.group();
  if (g >= kFirstAppGroup && g < kFirstAppGroup + kAppGroupCount) return AppTierRules(ctx);
  switch (g) {
    case kDefaultGroup:
      return DefaultGroupRules(ctx);
    case kWebAlbGroup:
      return WebAlbRules();
    case kInternalAlbGroup:
      return InternalAlbRules(ctx);
    case kBastionGroup:
      return BastionRules();
    case kPostgresGroup:
      return DataStoreRules(ctx, 5432);
    case kMysqlGroup:
      return DataStoreRules(ctx, 3306);
    case kRedisGroup:
      return DataStoreRules(ctx, 6379);
    case kEcsTaskGroup:
      return EcsTaskRules(ctx);
    case kLambdaGroup:
      return LambdaRules(ctx);
    case kEndpointGroup:
      return EndpointRules(ctx);
    case kMonitoringGroup:
      return MonitoringRules(ctx);
    case kBatchGroup:
      return BatchRules(ctx);
    case kWindowsGroup:
      return WindowsRules(ctx);
    default:
      return PartnerRules(ctx);
  }
}

// ------------------------------------------------------------------------------------------------
// Planted mistakes
// ------------------------------------------------------------------------------------------------

struct PlantedMistakes {
  int overlapping_subnets = 0;
  int subnets_outside_vpc = 0;
  int blackhole_routes = 0;
  int world_open_ssh = 0;
  int world_open_rdp = 0;
  int world_open_postgres = 0;
  int world_open_all_traffic = 0;
  int missing_group_references = 0;
};

// The admin or database port someone "temporarily" opened to the world, by the group's role.
int WorldOpenedPort(int group) {
  if (group == kWindowsGroup) return 3389;
  if (group >= kPostgresGroup && group <= kRedisGroup) return 5432;
  return 22;
}

void CountWorldOpenPort(int port, PlantedMistakes& mistakes) {
  if (port == 3389)
    ++mistakes.world_open_rdp;
  else if (port == 5432)
    ++mistakes.world_open_postgres;
  else
    ++mistakes.world_open_ssh;
}

// Adds this group's planted mistakes, if it drew any, and counts them. The default group stays
// clean: its mistakes would hide among the intended ones.
void PlantGroupMistakes(const GroupContext& ctx, GroupRules& rules, PlantedMistakes& mistakes) {
  if (ctx.group() == kDefaultGroup) return;
  const Dice& dice = ctx.dice();
  const std::uint64_t group = ctx.global_group();
  if (dice.Chance(kWorldOpenAdminPortGroups, Decision::kWorldOpenAdminPort, group)) {
    const int port = WorldOpenedPort(ctx.group());
    rules.ingress.push_back(Permission::Tcp(port).Cidr(kWorld, "temporary debug"));
    CountWorldOpenPort(port, mistakes);
  }
  if (dice.Chance(kWorldOpenAllTrafficGroups, Decision::kWorldOpenAllTraffic, group)) {
    rules.ingress.push_back(Permission::AllTraffic().Cidr(kWorld, "troubleshooting"));
    ++mistakes.world_open_all_traffic;
  }
  if (dice.Chance(kMissingGroupReferenceGroups, Decision::kMissingGroupReference, group)) {
    // A group that was deleted: the id looks real but no file defines it.
    rules.ingress.push_back(Permission::Tcp(8080).Groups(
        {{dice.Id(IdKind::kDeletedSecurityGroup, group), ctx.owner()}}));
    ++mistakes.missing_group_references;
  }
}

// ------------------------------------------------------------------------------------------------
// Writing the files
// ------------------------------------------------------------------------------------------------

constexpr std::string_view kCreateTime = "2025-03-04T09:21:17+00:00";
constexpr std::string_view kEndpointPolicy =
    R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})";

void WriteNameTag(JsonWriter& json, std::string_view key, std::string_view name) {
  json.BeginArray(key);
  json.BeginObject();
  json.String("Key", "Name");
  json.String("Value", name);
  json.EndObject();
  json.EndArray();
}

void WriteAssociatedState(JsonWriter& json, std::string_view key) {
  json.BeginObject(key);
  json.String("State", "associated");
  json.EndObject();
}

// {GroupId, GroupName} references, as interfaces, instances and endpoints list their groups.
void WriteGroupRefs(JsonWriter& json, std::string_view key, const Dice& dice, const VpcPlan& vpc,
                    const std::array<int, 2>& groups) {
  json.BeginArray(key);
  for (int g : groups) {
    if (g < 0) continue;
    json.BeginObject();
    json.String("GroupId", SecurityGroupId(dice, vpc, g));
    json.String("GroupName", kGroupNames[static_cast<std::size_t>(g)]);
    json.EndObject();
  }
  json.EndArray();
}

// The ids every view of the estate shares (describe output, template, plan): pure functions of
// the seed and the resource's place in its VPC.
class EstateIds {
 public:
  explicit EstateIds(std::uint64_t seed) : dice_(seed) {}

 protected:
  Text Id(IdKind kind, std::uint64_t number) const { return dice_.Id(kind, number); }
  Text VpcId(const VpcPlan& vpc) const { return Id(IdKind::kVpc, vpc.index); }
  Text SubnetId(const VpcPlan& vpc, int subnet) const {
    return Id(IdKind::kSubnet, Local(vpc, kSubnetsPerVpc, subnet));
  }
  static constexpr int kMainTable = 0;
  static constexpr int kPublicTable = 1;
  static constexpr int kFirstPrivateTable = 2;  // one per zone
  Text RouteTableId(const VpcPlan& vpc, int table) const {
    return Id(IdKind::kRouteTable, Local(vpc, 8, table));
  }
  Text InterfaceId(const VpcPlan& vpc, int slot) const {
    return Id(IdKind::kNetworkInterface, Local(vpc, kInterfacesPerVpc, slot));
  }
  Text NatGatewayId(const VpcPlan& vpc, int nat) const {
    return Id(IdKind::kNatGateway, Local(vpc, kNatGatewaysPerVpc, nat));
  }
  // Endpoints: the S3 gateway, then the interface endpoint of each kInterfaceEndpointServices.
  static constexpr int kS3Endpoint = 0;
  static int InterfaceEndpoint(int service) { return 1 + service; }
  Text EndpointId(const VpcPlan& vpc, int endpoint) const {
    return Id(IdKind::kVpcEndpoint, Local(vpc, 4, endpoint));
  }
  Text InstanceId(const VpcPlan& vpc, int instance) const {
    return Id(IdKind::kInstance, Local(vpc, kInstancesPerVpc, instance));
  }
  static std::uint64_t Local(const VpcPlan& vpc, int per_vpc, int n) {
    return static_cast<std::uint64_t>(vpc.index) * static_cast<std::uint64_t>(per_vpc) +
           static_cast<std::uint64_t>(n);
  }

  // Fargate services in the application subnets of the first two zones, one task definition per
  // family (describe-task-definition prints one definition per call).
  static constexpr std::array<std::string_view, 4> kServiceFamilies = {"orders", "payments",
                                                                       "catalog", "search"};

  static Text TaskDefinitionArn(const VpcPlan& vpc, std::string_view family) {
    Text arn("arn:aws:ecs:");
    arn << kRegion << ':' << vpc.owner_id.view() << ":task-definition/" << family << ":7";
    return arn;
  }
  static Text ClusterArn(const VpcPlan& vpc) {
    Text arn("arn:aws:ecs:");
    arn << kRegion << ':' << vpc.owner_id.view() << ":cluster/" << VpcName(vpc);
    return arn;
  }
  static Text ServiceArn(const VpcPlan& vpc, std::string_view family) {
    Text arn("arn:aws:ecs:");
    arn << kRegion << ':' << vpc.owner_id.view() << ":service/" << VpcName(vpc) << '/' << family;
    return arn;
  }
  // The two subnets (of zones a and b) a service's tasks run in.
  static int FirstServiceSubnet(std::size_t family) { return 2 + static_cast<int>(family % 3) * 2; }

  // Load balancer 0 is the VPC's internet-facing ALB, 1 its internal one.
  Text LoadBalancerName(const VpcPlan& vpc, int balancer) const {
    Text name(VpcName(vpc));
    name << (balancer == 0 ? "-web" : "-internal");
    return name;
  }
  Text LoadBalancerArn(const VpcPlan& vpc, int balancer) const {
    Text arn("arn:aws:elasticloadbalancing:");
    arn << kRegion << ':' << vpc.owner_id.view() << ":loadbalancer/app/"
        << LoadBalancerName(vpc, balancer).view() << '/';
    arn.Hex(dice_.IdBits(IdKind::kLoadBalancer, Local(vpc, 2, balancer)), 16);
    return arn;
  }

  Dice dice_;
};

class EstateWriter : private EstateIds {
 public:
  EstateWriter(std::filesystem::path directory, int vpc_count, std::uint64_t seed)
      : EstateIds(seed), directory_(std::move(directory)), vpc_count_(vpc_count) {}

  void WriteAll() {
    WriteVpcs();
    WriteSubnets();
    WriteRouteTables();
    WriteInternetGateways();
    WriteNatGateways();
    WriteVpcEndpoints();
    WriteSecurityGroups();
    WriteNetworkInterfaces();
    WriteNetworkAcls();
    WriteInstances();
    WriteEcsServices();
    WriteTaskDefinitions();
  }

  const std::vector<FileSummary>& summaries() const { return summaries_; }
  const PlantedMistakes& mistakes() const { return mistakes_; }
  std::uint64_t security_group_rules() const { return security_group_rules_; }
  std::uint64_t instances() const { return instances_; }

 private:
  // Writes one file: write_vpc(file, plan) adds the records of each VPC, in VPC order.
  template <typename WriteVpc>
  void WriteFile(std::string_view file_name, std::string_view list_key, WriteVpc write_vpc) {
    ListFile file(directory_, file_name, list_key);
    for (int v = 0; v < vpc_count_; ++v) write_vpc(file, PlanVpc(dice_, v));
    summaries_.push_back(file.Finish());
  }


  // --- describe-vpcs ---

  void WriteVpcs() {
    WriteFile("describe-vpcs.json", "Vpcs", [&](ListFile& file, const VpcPlan& vpc) {
      JsonWriter& json = file.NextRecord();
      json.BeginObject();
      json.String("CidrBlock", vpc.primary_cidr.ToText());
      json.String("DhcpOptionsId", Id(IdKind::kDhcpOptions, vpc.account));
      json.String("State", "available");
      json.String("VpcId", VpcId(vpc));
      json.String("OwnerId", vpc.owner_id);
      json.String("InstanceTenancy", "default");
      if (vpc.has_ipv6) WriteVpcIpv6Associations(json, vpc);
      WriteVpcCidrAssociations(json, vpc);
      json.Bool("IsDefault", false);
      WriteNameTag(json, "Tags", VpcName(vpc));
      json.EndObject();
    });
  }

  void WriteVpcCidrAssociations(JsonWriter& json, const VpcPlan& vpc) const {
    json.BeginArray("CidrBlockAssociationSet");
    const std::vector<Cidr> cidrs = VpcCidrs(vpc);
    for (std::size_t i = 0; i < cidrs.size(); ++i) {
      json.BeginObject();
      json.String("AssociationId",
                  Id(IdKind::kVpcCidrAssociation, Local(vpc, 4, static_cast<int>(i))));
      json.String("CidrBlock", cidrs[i].ToText());
      WriteAssociatedState(json, "CidrBlockState");
      json.EndObject();
    }
    json.EndArray();
  }

  void WriteVpcIpv6Associations(JsonWriter& json, const VpcPlan& vpc) const {
    json.BeginArray("Ipv6CidrBlockAssociationSet");
    json.BeginObject();
    json.String("AssociationId", Id(IdKind::kVpcCidrAssociation, Local(vpc, 4, 3)));
    json.String("Ipv6CidrBlock", VpcIpv6Cidr(vpc));
    WriteAssociatedState(json, "Ipv6CidrBlockState");
    json.String("NetworkBorderGroup", kRegion);
    json.String("Ipv6Pool", "Amazon");
    json.EndObject();
    json.EndArray();
  }

  // --- describe-subnets ---

  void WriteSubnets() {
    WriteFile("describe-subnets.json", "Subnets", [&](ListFile& file, const VpcPlan& vpc) {
      const InterfaceLayout layout = LayOutInterfaces(dice_, vpc);
      for (int s = 0; s < kSubnetsPerVpc; ++s) WriteSubnet(file.NextRecord(), vpc, layout, s);
      CountSubnetMistakes(vpc);
    });
  }

  void WriteSubnet(JsonWriter& json, const VpcPlan& vpc, const InterfaceLayout& layout,
                   int s) const {
    const Cidr cidr = SubnetCidr(vpc, s);
    const int az = SubnetAz(vpc, s);
    const bool is_public = SubnetTier(s) == Tier::kPublic;
    json.BeginObject();
    json.String("AvailabilityZone", kAzNames[static_cast<std::size_t>(az)]);
    json.String("AvailabilityZoneId",
                kAzIds[static_cast<std::size_t>(az + vpc.account) % kAzIds.size()]);
    // AWS reserves five addresses per subnet.
    json.Int("AvailableIpAddressCount",
             static_cast<std::int64_t>(cidr.Size()) - 5 - InterfacesInSubnet(layout, s));
    json.String("CidrBlock", cidr.ToText());
    json.Bool("DefaultForAz", false);
    json.Bool("MapPublicIpOnLaunch", is_public);
    json.Bool("MapCustomerOwnedIpOnLaunch", false);
    json.String("State", "available");
    json.String("SubnetId", SubnetId(vpc, s));
    json.String("VpcId", VpcId(vpc));
    json.String("OwnerId", vpc.owner_id);
    json.Bool("AssignIpv6AddressOnCreation", false);
    json.BeginArray("Ipv6CidrBlockAssociationSet");
    if (vpc.has_ipv6 && is_public) {
      json.BeginObject();
      json.String("AssociationId",
                  Id(IdKind::kSubnetCidrAssociation, Local(vpc, kSubnetsPerVpc, s)));
      json.String("Ipv6CidrBlock", SubnetIpv6Cidr(vpc, s));
      WriteAssociatedState(json, "Ipv6CidrBlockState");
      json.EndObject();
    }
    json.EndArray();
    Text name(VpcName(vpc));
    name << '-' << SubnetTierName(s) << '-' << kAzNames[static_cast<std::size_t>(az)].back() << s;
    WriteNameTag(json, "Tags", name);
    Text arn("arn:aws:ec2:");
    arn << kRegion << ':' << vpc.owner_id.view() << ":subnet/" << SubnetId(vpc, s).view();
    json.String("SubnetArn", arn);
    json.Bool("EnableDns64", false);
    json.Bool("Ipv6Native", false);
    json.EndObject();
  }

  void CountSubnetMistakes(const VpcPlan& vpc) {
    if (vpc.subnet_mistake == SubnetMistake::kOverlapsSibling) ++mistakes_.overlapping_subnets;
    if (vpc.subnet_mistake == SubnetMistake::kOutsideVpc) ++mistakes_.subnets_outside_vpc;
  }

  // --- describe-route-tables ---

  void WriteRouteTables() {
    WriteFile("describe-route-tables.json", "RouteTables", [&](ListFile& file, const VpcPlan& vpc) {
      WriteMainRouteTable(file.NextRecord(), vpc);
      WritePublicRouteTable(file.NextRecord(), vpc);
      for (int az = 0; az < vpc.az_count; ++az) {
        WritePrivateRouteTable(file.NextRecord(), vpc, az);
      }
    });
  }

  // Data subnets have no explicit association: the main table (local routes only) governs them.
  void WriteMainRouteTable(JsonWriter& json, const VpcPlan& vpc) const {
    BeginRouteTable(json, vpc, kMainTable, {});
    EndRouteTable(json, vpc, "main");
  }

  void WritePublicRouteTable(JsonWriter& json, const VpcPlan& vpc) const {
    BeginRouteTable(json, vpc, kPublicTable, {0, 1});
    const Text igw = Id(IdKind::kInternetGateway, vpc.index);
    WriteRoute(json, "DestinationCidrBlock", kWorld, "GatewayId", igw);
    if (vpc.has_ipv6) WriteRoute(json, "DestinationIpv6CidrBlock", kWorldIpv6, "GatewayId", igw);
    EndRouteTable(json, vpc, "public");
  }

  // One per zone; zones without a public subnet (c) use zone a's NAT gateway.
  void WritePrivateRouteTable(JsonWriter& json, const VpcPlan& vpc, int az) {
    BeginRouteTable(json, vpc, kFirstPrivateTable + az, AppSubnetsInAz(vpc, az));
    WriteRoute(json, "DestinationCidrBlock", kWorld, "NatGatewayId",
               NatGatewayId(vpc, az % kNatGatewaysPerVpc));
    WriteRoute(json, "DestinationPrefixListId", kS3PrefixList, "GatewayId",
               EndpointId(vpc, kS3Endpoint));
    if (az == 0 && vpc.has_blackhole_route) WriteBlackholeRoute(json, vpc);
    Text name("private-");
    name << kAzNames[static_cast<std::size_t>(az)];
    EndRouteTable(json, vpc, name);
  }

  // A peering route whose peering connection (to the account's next VPC) was deleted.
  void WriteBlackholeRoute(JsonWriter& json, const VpcPlan& vpc) {
    const std::uint32_t sibling_octet = ((vpc.primary_cidr.base >> 16 & 0xff) + 1) % 256;
    const Cidr sibling{Ipv4(10, sibling_octet, 0, 0), 16};
    json.BeginObject();
    json.String("DestinationCidrBlock", sibling.ToText());
    json.String("Origin", "CreateRoute");
    json.String("State", "blackhole");
    json.String("VpcPeeringConnectionId", Id(IdKind::kPeeringConnection, vpc.index));
    json.EndObject();
    ++mistakes_.blackhole_routes;
  }

  // Opens a route table record up to and including its "Routes" array, which starts with the
  // local routes every table has (one per VPC CIDR); the caller adds its routes, then ends it.
  void BeginRouteTable(JsonWriter& json, const VpcPlan& vpc, int table,
                       const std::vector<int>& subnets) const {
    json.BeginObject();
    json.BeginArray("Associations");
    if (table == kMainTable) WriteAssociation(json, vpc, table, std::nullopt);
    for (int s : subnets) WriteAssociation(json, vpc, table, s);
    json.EndArray();
    json.EmptyArray("PropagatingVgws");
    json.String("RouteTableId", RouteTableId(vpc, table));
    json.BeginArray("Routes");
    for (const Cidr& cidr : VpcCidrs(vpc)) {
      WriteLocalRoute(json, "DestinationCidrBlock", cidr.ToText());
    }
    if (vpc.has_ipv6) WriteLocalRoute(json, "DestinationIpv6CidrBlock", VpcIpv6Cidr(vpc));
  }

  // An explicit subnet association, or the main association when there is no subnet.
  void WriteAssociation(JsonWriter& json, const VpcPlan& vpc, int table,
                        std::optional<int> subnet) const {
    // Association ids are numbered by subnet (0-9); the main association takes number 15.
    const int number = subnet.value_or(15);
    json.BeginObject();
    json.Bool("Main", !subnet);
    json.String("RouteTableAssociationId",
                Id(IdKind::kRouteTableAssociation, Local(vpc, 16, number)));
    json.String("RouteTableId", RouteTableId(vpc, table));
    if (subnet) json.String("SubnetId", SubnetId(vpc, *subnet));
    WriteAssociatedState(json, "AssociationState");
    json.EndObject();
  }

  static void WriteLocalRoute(JsonWriter& json, std::string_view destination_key,
                              std::string_view destination) {
    json.BeginObject();
    json.String(destination_key, destination);
    json.String("GatewayId", "local");
    json.String("Origin", "CreateRouteTable");
    json.String("State", "active");
    json.EndObject();
  }

  static void WriteRoute(JsonWriter& json, std::string_view destination_key,
                         std::string_view destination, std::string_view target_key,
                         std::string_view target) {
    json.BeginObject();
    json.String(destination_key, destination);
    json.String(target_key, target);
    json.String("Origin", "CreateRoute");
    json.String("State", "active");
    json.EndObject();
  }

  void EndRouteTable(JsonWriter& json, const VpcPlan& vpc, std::string_view name) const {
    json.EndArray();  // Routes
    Text tag(VpcName(vpc));
    tag << '-' << name;
    WriteNameTag(json, "Tags", tag);
    json.String("VpcId", VpcId(vpc));
    json.String("OwnerId", vpc.owner_id);
    json.EndObject();
  }

  // --- describe-internet-gateways, describe-nat-gateways ---

  void WriteInternetGateways() {
    WriteFile("describe-internet-gateways.json", "InternetGateways",
              [&](ListFile& file, const VpcPlan& vpc) {
                JsonWriter& json = file.NextRecord();
                json.BeginObject();
                json.BeginArray("Attachments");
                json.BeginObject();
                json.String("State", "available");
                json.String("VpcId", VpcId(vpc));
                json.EndObject();
                json.EndArray();
                json.String("InternetGatewayId", Id(IdKind::kInternetGateway, vpc.index));
                json.String("OwnerId", vpc.owner_id);
                Text name(VpcName(vpc));
                name << "-igw";
                WriteNameTag(json, "Tags", name);
                json.EndObject();
              });
  }

  void WriteNatGateways() {
    WriteFile("describe-nat-gateways.json", "NatGateways", [&](ListFile& file, const VpcPlan& vpc) {
      const InterfaceLayout layout = LayOutInterfaces(dice_, vpc);
      for (int nat = 0; nat < kNatGatewaysPerVpc; ++nat) {
        WriteNatGateway(file.NextRecord(), vpc, layout, nat);
      }
    });
  }

  void WriteNatGateway(JsonWriter& json, const VpcPlan& vpc, const InterfaceLayout& layout,
                       int nat) const {
    const InterfaceSpec& eni = layout[static_cast<std::size_t>(kNatSlot + nat)];
    json.BeginObject();
    json.String("CreateTime", kCreateTime);
    json.BeginArray("NatGatewayAddresses");
    json.BeginObject();
    json.String("AllocationId", Id(IdKind::kElasticIp, Local(vpc, kPublicAddressesPerVpc, nat)));
    json.String("NetworkInterfaceId", InterfaceId(vpc, kNatSlot + nat));
    json.String("PrivateIp", Ipv4Text(eni.private_ip));
    json.String("PublicIp", Ipv4Text(PublicAddress(vpc, eni.public_address)));
    json.String("AssociationId",
                Id(IdKind::kEipAssociation, Local(vpc, kPublicAddressesPerVpc, nat)));
    json.Bool("IsPrimary", true);
    json.String("Status", "succeeded");
    json.EndObject();
    json.EndArray();
    json.String("NatGatewayId", NatGatewayId(vpc, nat));
    json.String("State", "available");
    json.String("SubnetId", SubnetId(vpc, eni.subnet));
    json.String("VpcId", VpcId(vpc));
    Text name(VpcName(vpc));
    name << "-nat-" << kAzNames[static_cast<std::size_t>(nat)].back();
    WriteNameTag(json, "Tags", name);
    json.String("ConnectivityType", "public");
    json.EndObject();
  }

  // --- describe-vpc-endpoints ---

  void WriteVpcEndpoints() {
    WriteFile("describe-vpc-endpoints.json", "VpcEndpoints",
              [&](ListFile& file, const VpcPlan& vpc) {
                WriteS3GatewayEndpoint(file.NextRecord(), vpc);
                if (!vpc.has_interface_endpoints) return;
                for (int e = 0; e < static_cast<int>(kInterfaceEndpointServices.size()); ++e) {
                  WriteInterfaceEndpoint(file.NextRecord(), vpc, e);
                }
              });
  }

  void BeginEndpoint(JsonWriter& json, const VpcPlan& vpc, int endpoint, std::string_view type,
                     std::string_view service) const {
    json.BeginObject();
    json.String("VpcEndpointId", EndpointId(vpc, endpoint));
    json.String("VpcEndpointType", type);
    json.String("VpcId", VpcId(vpc));
    Text service_name("com.amazonaws.");
    service_name << kRegion << '.' << service;
    json.String("ServiceName", service_name);
    json.String("State", "available");
    json.String("PolicyDocument", kEndpointPolicy);
  }

  void EndEndpoint(JsonWriter& json, const VpcPlan& vpc) const {
    json.String("CreationTimestamp", kCreateTime);
    json.EmptyArray("Tags");
    json.String("OwnerId", vpc.owner_id);
    json.EndObject();
  }

  // The S3 gateway endpoint serves the private route tables (where its prefix-list route lives).
  void WriteS3GatewayEndpoint(JsonWriter& json, const VpcPlan& vpc) const {
    BeginEndpoint(json, vpc, kS3Endpoint, "Gateway", "s3");
    json.BeginArray("RouteTableIds");
    for (int az = 0; az < vpc.az_count; ++az) {
      json.String(RouteTableId(vpc, kFirstPrivateTable + az));
    }
    json.EndArray();
    json.EmptyArray("SubnetIds");
    json.EmptyArray("Groups");
    json.String("IpAddressType", "ipv4");
    json.Bool("PrivateDnsEnabled", false);
    json.Bool("RequesterManaged", false);
    json.EmptyArray("NetworkInterfaceIds");
    json.EmptyArray("DnsEntries");
    EndEndpoint(json, vpc);
  }

  void WriteInterfaceEndpoint(JsonWriter& json, const VpcPlan& vpc, int service) const {
    const int endpoint = InterfaceEndpoint(service);
    const std::string_view service_name =
        kInterfaceEndpointServices[static_cast<std::size_t>(service)];
    BeginEndpoint(json, vpc, endpoint, "Interface", service_name);
    json.EmptyArray("RouteTableIds");
    json.BeginArray("SubnetIds");
    for (int k = 0; k < kEndpointSubnets; ++k) json.String(SubnetId(vpc, kFirstAppSubnet + k));
    json.EndArray();
    WriteGroupRefs(json, "Groups", dice_, vpc, {kEndpointGroup, -1});
    json.String("IpAddressType", "ipv4");
    json.BeginObject("DnsOptions");
    json.String("DnsRecordIpType", "ipv4");
    json.EndObject();
    json.Bool("PrivateDnsEnabled", true);
    json.Bool("RequesterManaged", false);
    json.BeginArray("NetworkInterfaceIds");
    for (int k = 0; k < kEndpointSubnets; ++k) {
      json.String(InterfaceId(vpc, kEndpointSlot + service * kEndpointSubnets + k));
    }
    json.EndArray();
    json.BeginArray("DnsEntries");
    json.BeginObject();
    Text dns_name(EndpointId(vpc, endpoint));
    dns_name << '.' << service_name << '.' << kRegion << ".vpce.amazonaws.com";
    json.String("DnsName", dns_name);
    json.String("HostedZoneId", "Z7HUB22UULQXV");
    json.EndObject();
    json.EndArray();
    EndEndpoint(json, vpc);
  }

  // --- describe-security-groups ---

  void WriteSecurityGroups() {
    WriteFile("describe-security-groups.json", "SecurityGroups",
              [&](ListFile& file, const VpcPlan& vpc) {
                for (int g = 0; g < kGroupsPerVpc; ++g) {
                  WriteSecurityGroup(file.NextRecord(), GroupContext(dice_, vpc, g));
                }
              });
  }

  void WriteSecurityGroup(JsonWriter& json, const GroupContext& ctx) {
    GroupRules rules = IntendedRules(ctx);
    PlantGroupMistakes(ctx, rules, mistakes_);
    security_group_rules_ += static_cast<std::uint64_t>(rules.SourceCount());
    const auto g = static_cast<std::size_t>(ctx.group());
    json.BeginObject();
    json.String("Description", kGroupDescriptions[g]);
    json.String("GroupName", kGroupNames[g]);
    json.BeginArray("IpPermissions");
    for (const Permission& permission : rules.ingress) permission.Write(json);
    json.EndArray();
    json.String("OwnerId", ctx.owner());
    json.String("GroupId", ctx.GroupId(ctx.group()));
    json.BeginArray("IpPermissionsEgress");
    for (const Permission& permission : rules.egress) permission.Write(json);
    json.EndArray();
    if (ctx.group() != kDefaultGroup) {
      Text name(VpcName(ctx.vpc()));
      name << '-' << kGroupNames[g];
      WriteNameTag(json, "Tags", name);
    }
    json.String("VpcId", VpcId(ctx.vpc()));
    json.EndObject();
  }

  // --- describe-network-interfaces ---

  void WriteNetworkInterfaces() {
    WriteFile("describe-network-interfaces.json", "NetworkInterfaces",
              [&](ListFile& file, const VpcPlan& vpc) {
                const InterfaceLayout layout = LayOutInterfaces(dice_, vpc);
                for (int slot = 0; slot < kInterfacesPerVpc; ++slot) {
                  WriteNetworkInterface(file.NextRecord(), vpc, layout, slot);
                }
              });
  }

  // Requester ids of service-managed interfaces: AWS service accounts or role sessions, opaque to
  // readers of the file.
  static constexpr std::string_view kNatRequester = "441043713461";
  static constexpr std::string_view kEndpointRequester = "727180483921";
  static constexpr std::string_view kEcsRequester = "578734482556";
  static constexpr std::string_view kLambdaRequester = "AROAQJ5NLNQ3GYXZ6W4UR:lambda";

  // What AWS writes on an interface it manages for a service.
  struct ManagedBy {
    Text description;
    std::string_view interface_type = "interface";
    std::string_view requester_id;  // empty: not requester-managed
    std::string_view attachment_owner;
  };

  ManagedBy DescribeOwner(const VpcPlan& vpc, const InterfaceSpec& spec) const {
    ManagedBy owner;
    switch (spec.role) {
      case InterfaceRole::kInstance:
        owner.description << "Primary network interface";
        break;
      case InterfaceRole::kLoadBalancer:
        owner.description << "ELB app/" << VpcName(vpc).view()
                          << (spec.role_index == 0 ? "-web/" : "-internal/");
        owner.description.Hex(dice_.IdBits(IdKind::kLoadBalancer, Local(vpc, 2, spec.role_index)),
                              16);
        owner.requester_id = "amazon-elb";
        owner.attachment_owner = "amazon-elb";
        break;
      case InterfaceRole::kNatGateway:
        owner.description << "Interface for NAT Gateway "
                          << NatGatewayId(vpc, spec.role_index).view();
        owner.interface_type = "natGateway";
        owner.requester_id = kNatRequester;
        owner.attachment_owner = "amazon-aws";
        break;
      case InterfaceRole::kDatabase:
        owner.description << "RDSNetworkInterface";
        owner.requester_id = "amazon-rds";
        owner.attachment_owner = "amazon-rds";
        break;
      case InterfaceRole::kLambda:
        owner.description << "AWS Lambda VPC ENI-" << VpcName(vpc).view() << "-fn"
                          << spec.role_index;
        owner.interface_type = "lambda";
        owner.requester_id = kLambdaRequester;
        owner.attachment_owner = "amazon-aws";
        break;
      case InterfaceRole::kVpcEndpoint:
        owner.description << "VPC Endpoint Interface "
                          << EndpointId(vpc, InterfaceEndpoint(spec.role_index)).view();
        owner.interface_type = "vpc_endpoint";
        owner.requester_id = kEndpointRequester;
        owner.attachment_owner = "amazon-aws";
        break;
      case InterfaceRole::kEcsTask:
        owner.description << "arn:aws:ecs:" << kRegion << ':' << vpc.owner_id.view()
                          << ":attachment/" << EcsAttachmentUuid(vpc, spec.role_index).view();
        owner.requester_id = kEcsRequester;
        owner.attachment_owner = "amazon-aws";
        break;
    }
    return owner;
  }

  Text EcsAttachmentUuid(const VpcPlan& vpc, int task) const {
    const std::uint64_t high = dice_.IdBits(IdKind::kEcsAttachment, Local(vpc, 64, task));
    const std::uint64_t low = Scramble(high);
    Text uuid;
    uuid.Hex(high >> 32, 8) << '-';
    uuid.Hex(high >> 16 & 0xffff, 4) << '-';
    uuid.Hex(0x4000 | (high & 0x0fff), 4) << '-';
    uuid.Hex(0x8000 | (low >> 48 & 0x3fff), 4) << '-';
    uuid.Hex(low & 0xffffffffffffULL, 12);
    return uuid;
  }

  Text MacAddress(const VpcPlan& vpc, int slot) const {
    const std::uint64_t bits =
        dice_.IdBits(IdKind::kMacAddress, Local(vpc, kInterfacesPerVpc, slot));
    Text mac("0e");
    for (int i = 0; i < 5; ++i) {
      mac << ':';
      mac.Hex(bits >> (8 * i) & 0xff, 2);
    }
    return mac;
  }

  // Association of a public address: Elastic IPs (NAT gateways) belong to the account, the
  // others to Amazon.
  void WriteAddressAssociation(JsonWriter& json, const VpcPlan& vpc,
                               const InterfaceSpec& spec) const {
    const std::uint32_t address = PublicAddress(vpc, spec.public_address);
    json.BeginObject("Association");
    if (spec.role == InterfaceRole::kNatGateway) {
      json.String("AllocationId",
                  Id(IdKind::kElasticIp, Local(vpc, kPublicAddressesPerVpc, spec.role_index)));
      json.String("AssociationId",
                  Id(IdKind::kEipAssociation, Local(vpc, kPublicAddressesPerVpc, spec.role_index)));
      json.String("IpOwnerId", vpc.owner_id);
    } else {
      json.String("IpOwnerId", "amazon");
    }
    json.String("PublicDnsName", PublicDnsName(address));
    json.String("PublicIp", Ipv4Text(address));
    json.EndObject();
  }

  void WriteInterfaceAttachment(JsonWriter& json, const VpcPlan& vpc, const InterfaceSpec& spec,
                                const ManagedBy& owner, int slot) const {
    const bool is_instance = spec.role == InterfaceRole::kInstance;
    json.BeginObject("Attachment");
    json.String("AttachTime", kCreateTime);
    json.String("AttachmentId",
                Id(IdKind::kInterfaceAttachment, Local(vpc, kInterfacesPerVpc, slot)));
    json.Bool("DeleteOnTermination", is_instance);
    json.Int("DeviceIndex", is_instance ? 0 : 1);
    json.Int("NetworkCardIndex", 0);
    if (is_instance) {
      json.String("InstanceId", InstanceId(vpc, spec.role_index));
      json.String("InstanceOwnerId", vpc.owner_id);
    } else {
      json.String("InstanceOwnerId", owner.attachment_owner);
    }
    json.String("Status", "attached");
    json.EndObject();
  }

  void WritePrivateAddresses(JsonWriter& json, const VpcPlan& vpc,
                             const InterfaceSpec& spec) const {
    json.String("PrivateDnsName", PrivateDnsName(spec.private_ip));
    json.String("PrivateIpAddress", Ipv4Text(spec.private_ip));
    json.BeginArray("PrivateIpAddresses");
    json.BeginObject();
    if (spec.public_address >= 0) WriteAddressAssociation(json, vpc, spec);
    json.Bool("Primary", true);
    json.String("PrivateDnsName", PrivateDnsName(spec.private_ip));
    json.String("PrivateIpAddress", Ipv4Text(spec.private_ip));
    json.EndObject();
    json.EndArray();
  }

  void WriteNetworkInterface(JsonWriter& json, const VpcPlan& vpc, const InterfaceLayout& layout,
                             int slot) const {
    const InterfaceSpec& spec = layout[static_cast<std::size_t>(slot)];
    const ManagedBy owner = DescribeOwner(vpc, spec);
    json.BeginObject();
    if (spec.public_address >= 0) WriteAddressAssociation(json, vpc, spec);
    WriteInterfaceAttachment(json, vpc, spec, owner, slot);
    json.String("AvailabilityZone", kAzNames[static_cast<std::size_t>(SubnetAz(vpc, spec.subnet))]);
    json.String("Description", owner.description);
    WriteGroupRefs(json, "Groups", dice_, vpc, spec.groups);
    json.String("InterfaceType", owner.interface_type);
    json.EmptyArray("Ipv6Addresses");
    json.String("MacAddress", MacAddress(vpc, slot));
    json.String("NetworkInterfaceId", InterfaceId(vpc, slot));
    json.String("OwnerId", vpc.owner_id);
    WritePrivateAddresses(json, vpc, spec);
    if (!owner.requester_id.empty()) json.String("RequesterId", owner.requester_id);
    json.Bool("RequesterManaged", !owner.requester_id.empty());
    // NAT gateways forward other hosts' traffic, so AWS turns the check off on their interfaces.
    json.Bool("SourceDestCheck", spec.role != InterfaceRole::kNatGateway);
    json.String("Status", "in-use");
    json.String("SubnetId", SubnetId(vpc, spec.subnet));
    json.EmptyArray("TagSet");
    json.String("VpcId", VpcId(vpc));
    json.EndObject();
  }

  // --- describe-network-acls ---

  void WriteNetworkAcls() {
    WriteFile("describe-network-acls.json", "NetworkAcls", [&](ListFile& file, const VpcPlan& vpc) {
      WriteDefaultNetworkAcl(file.NextRecord(), vpc);
      if (vpc.has_data_network_acl) WriteDataNetworkAcl(file.NextRecord(), vpc);
    });
  }

  static constexpr int kDefaultAcl = 0;
  static constexpr int kDataAcl = 1;
  static constexpr bool kEgress = true;
  static constexpr bool kIngress = false;

  struct AclEntry {
    int rule_number;
    bool egress;
    std::string_view action;
    std::string_view protocol;  // "-1" all, "6" TCP, "17" UDP
    std::string_view cidr;      // IPv4 or IPv6
    int from_port = 0;          // TCP and UDP only
    int to_port = 0;
  };

  static void WriteAclEntry(JsonWriter& json, const AclEntry& entry) {
    const bool is_ipv6 = entry.cidr.find(':') != std::string_view::npos;
    json.BeginObject();
    json.String(is_ipv6 ? "Ipv6CidrBlock" : "CidrBlock", entry.cidr);
    json.Bool("Egress", entry.egress);
    if (entry.protocol == "6" || entry.protocol == "17") {
      json.BeginObject("PortRange");
      json.Int("From", entry.from_port);
      json.Int("To", entry.to_port);
      json.EndObject();
    }
    json.String("Protocol", entry.protocol);
    json.String("RuleAction", entry.action);
    json.Int("RuleNumber", entry.rule_number);
    json.EndObject();
  }

  // Subnets of the optional data ACL leave the default ACL: a subnet has exactly one ACL.
  std::vector<int> DefaultAclSubnets(const VpcPlan& vpc) const {
    std::vector<int> subnets;
    for (int s = 0; s < kSubnetsPerVpc; ++s) {
      if (!(vpc.has_data_network_acl && SubnetTier(s) == Tier::kData)) subnets.push_back(s);
    }
    return subnets;
  }

  void WriteAclAssociations(JsonWriter& json, const VpcPlan& vpc, int acl,
                            const std::vector<int>& subnets) const {
    json.BeginArray("Associations");
    for (int s : subnets) {
      json.BeginObject();
      json.String("NetworkAclAssociationId",
                  Id(IdKind::kNetworkAclAssociation, Local(vpc, kSubnetsPerVpc, s)));
      json.String("NetworkAclId", Id(IdKind::kNetworkAcl, Local(vpc, 2, acl)));
      json.String("SubnetId", SubnetId(vpc, s));
      json.EndObject();
    }
    json.EndArray();
  }

  void WriteDefaultNetworkAcl(JsonWriter& json, const VpcPlan& vpc) const {
    json.BeginObject();
    WriteAclAssociations(json, vpc, kDefaultAcl, DefaultAclSubnets(vpc));
    json.BeginArray("Entries");
    for (bool direction : {kEgress, kIngress}) {
      WriteAclEntry(json, {100, direction, "allow", "-1", kWorld});
      if (vpc.has_ipv6) WriteAclEntry(json, {101, direction, "allow", "-1", kWorldIpv6});
      WriteAclEntry(json, {32767, direction, "deny", "-1", kWorld});
      if (vpc.has_ipv6) WriteAclEntry(json, {32768, direction, "deny", "-1", kWorldIpv6});
    }
    json.EndArray();
    EndNetworkAcl(json, vpc, kDefaultAcl);
  }

  // Data subnets: database ports and return traffic from the VPC, HTTPS out, nothing else.
  void WriteDataNetworkAcl(JsonWriter& json, const VpcPlan& vpc) const {
    const Text vpc_cidr = vpc.primary_cidr.ToText();
    json.BeginObject();
    WriteAclAssociations(json, vpc, kDataAcl, DataSubnets());
    json.BeginArray("Entries");
    WriteAclEntry(json, {100, kEgress, "allow", "6", vpc_cidr, 1024, 65535});
    WriteAclEntry(json, {110, kEgress, "allow", "6", kWorld, 443, 443});
    WriteAclEntry(json, {32767, kEgress, "deny", "-1", kWorld});
    WriteAclEntry(json, {100, kIngress, "allow", "6", vpc_cidr, 5432, 5432});
    WriteAclEntry(json, {110, kIngress, "allow", "6", vpc_cidr, 3306, 3306});
    WriteAclEntry(json, {120, kIngress, "allow", "6", vpc_cidr, 6379, 6379});
    WriteAclEntry(json, {130, kIngress, "allow", "17", vpc_cidr, 1024, 65535});
    WriteAclEntry(json, {140, kIngress, "allow", "6", kWorld, 1024, 65535});
    WriteAclEntry(json, {32767, kIngress, "deny", "-1", kWorld});
    json.EndArray();
    EndNetworkAcl(json, vpc, kDataAcl);
  }

  void EndNetworkAcl(JsonWriter& json, const VpcPlan& vpc, int acl) const {
    json.Bool("IsDefault", acl == kDefaultAcl);
    json.String("NetworkAclId", Id(IdKind::kNetworkAcl, Local(vpc, 2, acl)));
    if (acl == kDefaultAcl) {
      json.EmptyArray("Tags");
    } else {
      Text name(VpcName(vpc));
      name << "-data-acl";
      WriteNameTag(json, "Tags", name);
    }
    json.String("VpcId", VpcId(vpc));
    json.String("OwnerId", vpc.owner_id);
    json.EndObject();
  }

  // --- describe-instances ---

  void WriteInstances() {
    WriteFile("describe-instances.json", "Reservations", [&](ListFile& file, const VpcPlan& vpc) {
      const InterfaceLayout layout = LayOutInterfaces(dice_, vpc);
      for (int i = 0; i < kInstancesPerVpc; ++i) {
        WriteReservation(file.NextRecord(), vpc, layout[static_cast<std::size_t>(i)], i);
        ++instances_;
      }
    });
  }

  // --- ecs describe-services / describe-task-definition ---

  void WriteEcsServices() {
    WriteFile("describe-services.json", "services", [&](ListFile& file, const VpcPlan& vpc) {
      for (std::size_t f = 0; f < kServiceFamilies.size(); ++f) {
        JsonWriter& json = file.NextRecord();
        json.BeginObject();
        json.String("serviceArn", ServiceArn(vpc, kServiceFamilies[f]));
        json.String("serviceName", kServiceFamilies[f]);
        json.String("clusterArn", ClusterArn(vpc));
        json.EmptyArray("loadBalancers");
        json.String("status", "ACTIVE");
        json.Int("desiredCount", 2);
        json.String("launchType", "FARGATE");
        json.String("taskDefinition", TaskDefinitionArn(PlanVpc(dice_, 0), kServiceFamilies[f]));
        json.BeginObject("networkConfiguration");
        json.BeginObject("awsvpcConfiguration");
        json.BeginArray("subnets");
        // Application subnets 2-7 alternate zones; each service takes a pair.
        const int first = FirstServiceSubnet(f);
        json.String(SubnetId(vpc, first));
        json.String(SubnetId(vpc, first + 1));
        json.EndArray();
        json.BeginArray("securityGroups");
        json.String(SecurityGroupId(dice_, vpc, kEcsTaskGroup));
        json.EndArray();
        json.String("assignPublicIp", "DISABLED");
        json.EndObject();
        json.EndObject();
        json.EndObject();
      }
    });
  }

  void WriteTaskDefinitions() {
    const VpcPlan vpc = PlanVpc(dice_, 0);
    for (std::string_view family : kServiceFamilies) {
      std::string name = "describe-task-definition-" + std::string(family) + ".json";
      OutputFile out(directory_ / name);
      JsonWriter json(out);
      json.BeginObject();
      json.BeginObject("taskDefinition");
      json.String("taskDefinitionArn", TaskDefinitionArn(vpc, family));
      json.String("family", family);
      json.Int("revision", 7);
      json.String("networkMode", "awsvpc");
      json.BeginArray("requiresCompatibilities");
      json.String("FARGATE");
      json.EndArray();
      json.BeginArray("containerDefinitions");
      json.BeginObject();
      json.String("name", family);
      Text image;
      image << vpc.owner_id.view() << ".dkr.ecr." << kRegion << ".amazonaws.com/" << family
            << ":1.7.0";
      json.String("image", image);
      json.BeginObject("logConfiguration");
      json.String("logDriver", "awslogs");
      json.EndObject();
      json.BeginArray("secrets");
      json.BeginObject();
      json.String("name", "DB_PASSWORD");
      Text secret("arn:aws:secretsmanager:");
      secret << kRegion << ':' << vpc.owner_id.view() << ":secret:" << family << "-db";
      json.String("valueFrom", secret);
      json.EndObject();
      json.EndArray();
      json.EndObject();
      json.EndArray();
      json.EndObject();
      json.EndObject();
      out.Write("\n");
      summaries_.push_back({name, 1, out.Close()});
    }
  }

  static std::string_view InstanceType(const InterfaceSpec& spec) {
    if (spec.groups[0] == kBastionGroup) return "t3.micro";
    if (spec.groups[0] == kWindowsGroup) return "m5.large";
    return "m6i.large";
  }

  static std::string_view InstanceName(const InterfaceSpec& spec) {
    return kGroupNames[static_cast<std::size_t>(spec.groups[0])];
  }

  // One instance per reservation, with its primary interface embedded as describe-instances
  // prints it; every field matches the same interface in describe-network-interfaces.
  void WriteReservation(JsonWriter& json, const VpcPlan& vpc, const InterfaceSpec& spec,
                        int instance) const {
    json.BeginObject();
    json.EmptyArray("Groups");
    json.BeginArray("Instances");
    WriteInstance(json, vpc, spec, instance);
    json.EndArray();
    json.String("OwnerId", vpc.owner_id);
    json.String("ReservationId", Id(IdKind::kReservation, Local(vpc, kInstancesPerVpc, instance)));
    json.EndObject();
  }

  void WriteInstance(JsonWriter& json, const VpcPlan& vpc, const InterfaceSpec& spec,
                     int instance) const {
    const bool is_public = spec.public_address >= 0;
    json.BeginObject();
    json.Int("AmiLaunchIndex", 0);
    // One image per role (bastion, Windows, each application tier).
    json.String("ImageId", Id(IdKind::kImage, static_cast<std::uint64_t>(spec.groups[0])));
    json.String("InstanceId", InstanceId(vpc, instance));
    json.String("InstanceType", InstanceType(spec));
    json.String("LaunchTime", kCreateTime);
    json.BeginObject("Monitoring");
    json.String("State", "disabled");
    json.EndObject();
    json.BeginObject("Placement");
    json.String("AvailabilityZone", kAzNames[static_cast<std::size_t>(SubnetAz(vpc, spec.subnet))]);
    json.String("GroupName", "");
    json.String("Tenancy", "default");
    json.EndObject();
    json.String("PrivateDnsName", PrivateDnsName(spec.private_ip));
    json.String("PrivateIpAddress", Ipv4Text(spec.private_ip));
    json.EmptyArray("ProductCodes");
    json.String("PublicDnsName",
                is_public ? PublicDnsName(PublicAddress(vpc, spec.public_address)) : Text());
    if (is_public) {
      json.String("PublicIpAddress", Ipv4Text(PublicAddress(vpc, spec.public_address)));
    }
    json.BeginObject("State");
    json.Int("Code", 16);
    json.String("Name", "running");
    json.EndObject();
    json.String("StateTransitionReason", "");
    json.String("SubnetId", SubnetId(vpc, spec.subnet));
    json.String("VpcId", VpcId(vpc));
    json.String("Architecture", "x86_64");
    json.BeginArray("NetworkInterfaces");
    WriteEmbeddedInterface(json, vpc, spec, instance);
    json.EndArray();
    WriteGroupRefs(json, "SecurityGroups", dice_, vpc, spec.groups);
    json.Bool("SourceDestCheck", true);
    Text name(VpcName(vpc));
    name << '-' << InstanceName(spec) << '-' << instance;
    WriteNameTag(json, "Tags", name);
    json.EndObject();
  }

  void WriteEmbeddedInterface(JsonWriter& json, const VpcPlan& vpc, const InterfaceSpec& spec,
                              int instance) const {
    const int slot = instance;  // instance n owns interface slot n
    json.BeginObject();
    if (spec.public_address >= 0) WriteAddressAssociation(json, vpc, spec);
    json.BeginObject("Attachment");
    json.String("AttachTime", kCreateTime);
    json.String("AttachmentId",
                Id(IdKind::kInterfaceAttachment, Local(vpc, kInterfacesPerVpc, slot)));
    json.Bool("DeleteOnTermination", true);
    json.Int("DeviceIndex", 0);
    json.String("Status", "attached");
    json.Int("NetworkCardIndex", 0);
    json.EndObject();
    json.String("Description", "Primary network interface");
    WriteGroupRefs(json, "Groups", dice_, vpc, spec.groups);
    json.EmptyArray("Ipv6Addresses");
    json.String("MacAddress", MacAddress(vpc, slot));
    json.String("NetworkInterfaceId", InterfaceId(vpc, slot));
    json.String("OwnerId", vpc.owner_id);
    WritePrivateAddresses(json, vpc, spec);
    json.Bool("SourceDestCheck", true);
    json.String("Status", "in-use");
    json.String("SubnetId", SubnetId(vpc, spec.subnet));
    json.String("VpcId", VpcId(vpc));
    json.String("InterfaceType", "interface");
    json.EndObject();
  }

  std::filesystem::path directory_;
  int vpc_count_;
  std::vector<FileSummary> summaries_;
  PlantedMistakes mistakes_;
  std::uint64_t security_group_rules_ = 0;
  std::uint64_t instances_ = 0;
};

// ------------------------------------------------------------------------------------------------
// The same estate as one CloudFormation template
// ------------------------------------------------------------------------------------------------

// Block-style YAML with two spaces per level, as templates are usually written by hand.
class YamlWriter {
 public:
  explicit YamlWriter(OutputFile& out) : out_(out) {}

  // "key:" followed by a nested mapping or sequence, which ends with Close().
  void Open(std::string_view key) {
    StartLine();
    out_.Write(key);
    out_.Write(":\n");
    ++depth_;
  }
  void Close() { --depth_; }

  void Field(std::string_view key, std::string_view value) {
    StartLine();
    out_.Write(key);
    out_.Write(": ");
    WriteScalar(value);
    out_.Write("\n");
  }
  // Always quoted: text YAML would otherwise read as something else (a date, a number).
  void QuotedField(std::string_view key, std::string_view value) {
    StartLine();
    out_.Write(key);
    out_.Write(": '");
    out_.Write(value);
    out_.Write("'\n");
  }
  void Int(std::string_view key, std::int64_t value) {
    Text digits;
    digits << value;
    Plain(key, digits);
  }
  void Bool(std::string_view key, bool value) { Plain(key, value ? "true" : "false"); }
  void Ref(std::string_view key, std::string_view logical_id) {
    Text text("!Ref ");
    text << logical_id;
    Plain(key, text);
  }
  void GetAtt(std::string_view key, std::string_view logical_id, std::string_view attribute) {
    Plain(key, GetAttText(logical_id, attribute));
  }

  // A sequence element that is a mapping: its first member follows "- ", the rest align with it.
  void BeginItem() {
    ++depth_;
    dash_ = true;
  }
  void EndItem() { --depth_; }
  // Scalar sequence elements.
  void Item(std::string_view value) {
    ItemStart();
    WriteScalar(value);
    out_.Write("\n");
  }
  void RefItem(std::string_view logical_id) {
    ItemStart();
    out_.Write("!Ref ");
    out_.Write(logical_id);
    out_.Write("\n");
  }
  void GetAttItem(std::string_view logical_id, std::string_view attribute) {
    ItemStart();
    out_.Write(GetAttText(logical_id, attribute));
    out_.Write("\n");
  }

  void Comment(std::string_view text) {
    StartLine();
    out_.Write("# ");
    out_.Write(text);
    out_.Write("\n");
  }

 private:
  static Text GetAttText(std::string_view logical_id, std::string_view attribute) {
    Text text("!GetAtt ");
    text << logical_id << '.' << attribute;
    return text;
  }
  void Plain(std::string_view key, std::string_view value) {
    StartLine();
    out_.Write(key);
    out_.Write(": ");
    out_.Write(value);
    out_.Write("\n");
  }
  void Indent(int levels) {
    static constexpr std::string_view kSpaces = "                                        ";
    out_.Write(kSpaces.substr(0, static_cast<std::size_t>(levels) * 2));
  }
  void StartLine() {
    if (dash_) {
      Indent(depth_ - 1);
      out_.Write("- ");
      dash_ = false;
    } else {
      Indent(depth_);
    }
  }
  void ItemStart() {
    Indent(depth_);
    out_.Write("- ");
  }
  // Plain when YAML would read the text back as the same string, quoted otherwise.
  void WriteScalar(std::string_view value) {
    if (IsPlainSafe(value)) {
      out_.Write(value);
    } else if (value.find('\'') == std::string_view::npos) {
      out_.Write("'");
      out_.Write(value);
      out_.Write("'");
    } else {
      throw std::logic_error("no quoting for this scalar");
    }
  }
  static bool IsPlainSafe(std::string_view value) {
    if (value.empty() || value.back() == ' ') return false;
    const auto is_alnum = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    if (!is_alnum(value.front())) return false;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      // ":" only ends a plain scalar before a space or at its end ("AWS::EC2::VPC" is plain).
      if (c == ':' && i + 1 < value.size() && value[i + 1] != ' ') continue;
      if (!is_alnum(c) && std::string_view(" ._/@()-").find(c) == std::string_view::npos) {
        return false;
      }
    }
    // Text that YAML would read as a number or a boolean.
    char* end = nullptr;
    const std::string copy(value);
    std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() + copy.size()) return false;
    for (std::string_view word : {"true", "false", "yes", "no", "on", "off", "null", "True",
                                  "False", "Yes", "No", "On", "Off", "Null", "TRUE", "FALSE"}) {
      if (value == word) return false;
    }
    return true;
  }

  OutputFile& out_;
  int depth_ = 0;
  bool dash_ = false;
};

constexpr std::array<std::string_view, kGroupsPerVpc> kGroupLogicalNames = {
    "Default",      "WebAlb",        "InternalAlb",     "OrdersApp",    "PaymentsApp",
    "CatalogApp",   "SearchApp",     "AccountsApp",     "NotificationsApp", "Bastion",
    "OrdersPostgres", "ReportingMysql", "SessionsRedis", "EcsTasks",     "LambdaFunctions",
    "VpcEndpoints", "Monitoring",    "BatchWorkers",    "WindowsAdmin", "PartnerApi"};

constexpr std::array<std::string_view, 3> kEndpointLogicalNames = {"EcrApi", "EcrDkr", "Logs"};

// The index of the VPC's group with this id, or -1 (a deleted group).
int GroupIndexOf(const Dice& dice, const VpcPlan& vpc, std::string_view group_id) {
  for (int g = 0; g < kGroupsPerVpc; ++g) {
    if (SecurityGroupId(dice, vpc, g).view() == group_id) return g;
  }
  return -1;
}

struct TemplateSummary {
  std::uint64_t resources = 0;
  std::uint64_t bytes = 0;
  std::uint64_t security_group_rules = 0;
  PlantedMistakes mistakes;
};

// The estate as one template: every VPC's network, groups, endpoints, load balancers, instances
// and ECS services, referring to each other with !Ref and !GetAtt. Rules whose source is another
// group are separate SecurityGroupIngress/Egress resources, as templates must write them to avoid
// circular dependencies; AWS's defaults (main route table, default ACL and group) are implicit.
class TemplateWriter : private EstateIds {
 public:
  TemplateWriter(const std::filesystem::path& path, int vpc_count, std::uint64_t seed)
      : EstateIds(seed), out_(path), yaml_(out_), vpc_count_(vpc_count) {}

  TemplateSummary Write() {
    yaml_.QuotedField("AWSTemplateFormatVersion", "2010-09-09");
    Text description("Synthetic estate of ");
    description << vpc_count_ << " VPCs for netlint benchmarks";
    yaml_.Field("Description", description);
    yaml_.Open("Resources");
    WriteTaskDefinitions();
    for (int v = 0; v < vpc_count_; ++v) WriteVpc(PlanVpc(dice_, v));
    yaml_.Close();
    summary_.bytes = out_.Close();
    return summary_;
  }

 private:
  static Text Logical(const VpcPlan& vpc, std::string_view what) {
    Text id("Vpc");
    id << vpc.index << what;
    return id;
  }
  static Text SubnetLogical(const VpcPlan& vpc, int subnet) {
    Text id = Logical(vpc, "Subnet");
    id << subnet;
    return id;
  }
  static Text GroupLogical(const VpcPlan& vpc, int group) {
    Text id = Logical(vpc, "Sg");
    id << kGroupLogicalNames[static_cast<std::size_t>(group)];
    return id;
  }
  static Text PrivateTableLogical(const VpcPlan& vpc, int az) {
    Text id = Logical(vpc, "PrivateRouteTable");
    id << az;
    return id;
  }
  static Text NatLogical(const VpcPlan& vpc, int nat) {
    Text id = Logical(vpc, "NatGateway");
    id << nat;
    return id;
  }
  static Text Capitalised(std::string_view word) {
    Text text;
    text << static_cast<char>(word.front() - 'a' + 'A') << word.substr(1);
    return text;
  }
  static Text TaskDefinitionLogical(std::string_view family) {
    Text id("TaskDefinition");
    id << Capitalised(family).view();
    return id;
  }

  void BeginResource(std::string_view logical_id, std::string_view type) {
    yaml_.Open(logical_id);
    yaml_.Field("Type", type);
    yaml_.Open("Properties");
    ++summary_.resources;
  }
  void EndResource() {
    yaml_.Close();
    yaml_.Close();
  }
  void NameTag(std::string_view name) {
    yaml_.Open("Tags");
    yaml_.BeginItem();
    yaml_.Field("Key", "Name");
    yaml_.Field("Value", name);
    yaml_.EndItem();
    yaml_.Close();
  }

  void WriteVpc(const VpcPlan& vpc) {
    const Text vpc_id = Logical(vpc, "");
    BeginResource(vpc_id, "AWS::EC2::VPC");
    yaml_.Field("CidrBlock", vpc.primary_cidr.ToText());
    yaml_.Bool("EnableDnsSupport", true);
    yaml_.Bool("EnableDnsHostnames", true);
    NameTag(VpcName(vpc));
    EndResource();
    if (vpc.secondary_cidr) {
      BeginResource(Logical(vpc, "SecondaryCidr"), "AWS::EC2::VPCCidrBlock");
      yaml_.Ref("VpcId", vpc_id);
      yaml_.Field("CidrBlock", vpc.secondary_cidr->ToText());
      EndResource();
    }
    if (vpc.has_ipv6) {
      BeginResource(Logical(vpc, "Ipv6Cidr"), "AWS::EC2::VPCCidrBlock");
      yaml_.Ref("VpcId", vpc_id);
      yaml_.Bool("AmazonProvidedIpv6CidrBlock", true);
      EndResource();
    }
    const InterfaceLayout layout = LayOutInterfaces(dice_, vpc);
    WriteSubnets(vpc);
    WriteGateways(vpc);
    WriteRouteTables(vpc);
    WriteEndpoints(vpc);
    WriteSecurityGroups(vpc);
    WriteNetworkAcl(vpc);
    WriteLoadBalancers(vpc);
    WriteInstances(vpc, layout);
    WriteEcsServices(vpc);
  }

  void WriteSubnets(const VpcPlan& vpc) {
    for (int s = 0; s < kSubnetsPerVpc; ++s) {
      const int az = SubnetAz(vpc, s);
      BeginResource(SubnetLogical(vpc, s), "AWS::EC2::Subnet");
      yaml_.Ref("VpcId", Logical(vpc, ""));
      yaml_.Field("CidrBlock", SubnetCidr(vpc, s).ToText());
      yaml_.Field("AvailabilityZone", kAzNames[static_cast<std::size_t>(az)]);
      yaml_.Bool("MapPublicIpOnLaunch", SubnetTier(s) == Tier::kPublic);
      Text name(VpcName(vpc));
      name << '-' << SubnetTierName(s) << '-' << kAzNames[static_cast<std::size_t>(az)].back() << s;
      NameTag(name);
      EndResource();
    }
  }

  void WriteGateways(const VpcPlan& vpc) {
    const Text igw = Logical(vpc, "InternetGateway");
    BeginResource(igw, "AWS::EC2::InternetGateway");
    Text name(VpcName(vpc));
    name << "-igw";
    NameTag(name);
    EndResource();
    BeginResource(Logical(vpc, "GatewayAttachment"), "AWS::EC2::VPCGatewayAttachment");
    yaml_.Ref("VpcId", Logical(vpc, ""));
    yaml_.Ref("InternetGatewayId", igw);
    EndResource();
    for (int nat = 0; nat < kNatGatewaysPerVpc; ++nat) {
      Text address = Logical(vpc, "NatAddress");
      address << nat;
      BeginResource(address, "AWS::EC2::EIP");
      yaml_.Field("Domain", "vpc");
      EndResource();
      BeginResource(NatLogical(vpc, nat), "AWS::EC2::NatGateway");
      yaml_.Ref("SubnetId", SubnetLogical(vpc, nat));
      yaml_.GetAtt("AllocationId", address, "AllocationId");
      Text nat_name(VpcName(vpc));
      nat_name << "-nat-" << kAzNames[static_cast<std::size_t>(nat)].back();
      NameTag(nat_name);
      EndResource();
    }
  }

  void Route(std::string_view logical_id, std::string_view table, std::string_view destination_key,
             std::string_view destination, std::string_view target_key, std::string_view target,
             bool target_is_ref) {
    BeginResource(logical_id, "AWS::EC2::Route");
    yaml_.Ref("RouteTableId", table);
    yaml_.Field(destination_key, destination);
    if (target_is_ref) {
      yaml_.Ref(target_key, target);
    } else {
      yaml_.Field(target_key, target);
    }
    EndResource();
  }

  void Associate(const VpcPlan& vpc, std::string_view table, int subnet) {
    Text id = SubnetLogical(vpc, subnet);
    id << "RouteTableAssociation";
    BeginResource(id, "AWS::EC2::SubnetRouteTableAssociation");
    yaml_.Ref("RouteTableId", table);
    yaml_.Ref("SubnetId", SubnetLogical(vpc, subnet));
    EndResource();
  }

  // The public table and one private table per zone; data subnets keep the implicit main table.
  void WriteRouteTables(const VpcPlan& vpc) {
    const Text table = Logical(vpc, "PublicRouteTable");
    BeginResource(table, "AWS::EC2::RouteTable");
    yaml_.Ref("VpcId", Logical(vpc, ""));
    Text name(VpcName(vpc));
    name << "-public";
    NameTag(name);
    EndResource();
    const Text igw = Logical(vpc, "InternetGateway");
    Route(Logical(vpc, "PublicDefaultRoute"), table, "DestinationCidrBlock", kWorld, "GatewayId",
          igw, true);
    if (vpc.has_ipv6) {
      Route(Logical(vpc, "PublicDefaultRouteIpv6"), table, "DestinationIpv6CidrBlock", kWorldIpv6,
            "GatewayId", igw, true);
    }
    for (int s : {0, 1}) Associate(vpc, table, s);
    for (int az = 0; az < vpc.az_count; ++az) {
      const Text private_table = PrivateTableLogical(vpc, az);
      BeginResource(private_table, "AWS::EC2::RouteTable");
      yaml_.Ref("VpcId", Logical(vpc, ""));
      Text private_name(VpcName(vpc));
      private_name << "-private-" << kAzNames[static_cast<std::size_t>(az)];
      NameTag(private_name);
      EndResource();
      Text route = Logical(vpc, "PrivateDefaultRoute");
      route << az;
      Route(route, private_table, "DestinationCidrBlock", kWorld, "NatGatewayId",
            NatLogical(vpc, az % kNatGatewaysPerVpc), true);
      if (az == 0 && vpc.has_blackhole_route) {
        // A peering route whose peering connection (to the account's next VPC) was deleted.
        const std::uint32_t sibling_octet = ((vpc.primary_cidr.base >> 16 & 0xff) + 1) % 256;
        const Cidr sibling{Ipv4(10, sibling_octet, 0, 0), 16};
        Route(Logical(vpc, "PeeringRoute"), private_table, "DestinationCidrBlock",
              sibling.ToText(), "VpcPeeringConnectionId",
              dice_.Id(IdKind::kPeeringConnection, static_cast<std::uint64_t>(vpc.index)), false);
        ++summary_.mistakes.blackhole_routes;
      }
      for (int s : AppSubnetsInAz(vpc, az)) Associate(vpc, private_table, s);
    }
  }

  void WriteEndpoints(const VpcPlan& vpc) {
    BeginResource(Logical(vpc, "S3Endpoint"), "AWS::EC2::VPCEndpoint");
    yaml_.Ref("VpcId", Logical(vpc, ""));
    yaml_.Field("ServiceName", "com.amazonaws.us-east-1.s3");
    yaml_.Field("VpcEndpointType", "Gateway");
    yaml_.Open("RouteTableIds");
    for (int az = 0; az < vpc.az_count; ++az) yaml_.RefItem(PrivateTableLogical(vpc, az));
    yaml_.Close();
    EndResource();
    if (!vpc.has_interface_endpoints) return;
    for (std::size_t e = 0; e < kInterfaceEndpointServices.size(); ++e) {
      Text id = Logical(vpc, kEndpointLogicalNames[e]);
      id << "Endpoint";
      BeginResource(id, "AWS::EC2::VPCEndpoint");
      yaml_.Ref("VpcId", Logical(vpc, ""));
      Text service("com.amazonaws.");
      service << kRegion << '.' << kInterfaceEndpointServices[e];
      yaml_.Field("ServiceName", service);
      yaml_.Field("VpcEndpointType", "Interface");
      yaml_.Bool("PrivateDnsEnabled", true);
      yaml_.Open("SubnetIds");
      for (int k = 0; k < kEndpointSubnets; ++k) yaml_.RefItem(SubnetLogical(vpc, kFirstAppSubnet + k));
      yaml_.Close();
      yaml_.Open("SecurityGroupIds");
      yaml_.GetAttItem(GroupLogical(vpc, kEndpointGroup), "GroupId");
      yaml_.Close();
      EndResource();
    }
  }

  // Protocol and ports of a rule, as both inline and separate rules write them.
  void RuleTraffic(const Permission& permission) {
    yaml_.Field("IpProtocol", permission.protocol());
    if (permission.ports()) {
      yaml_.Int("FromPort", permission.ports()->first);
      yaml_.Int("ToPort", permission.ports()->second);
    }
  }

  // Inline rules: every address range and prefix list of the permissions.
  void InlineRules(std::string_view key, const std::vector<Permission>& permissions, bool ingress) {
    bool any = false;
    for (const Permission& p : permissions) {
      any = any || !p.ipv4().empty() || !p.ipv6().empty() || !p.prefix_lists().empty();
    }
    if (!any) return;
    yaml_.Open(key);
    for (const Permission& p : permissions) {
      for (const CidrSource& source : p.ipv4()) {
        yaml_.BeginItem();
        RuleTraffic(p);
        yaml_.Field("CidrIp", source.cidr);
        if (!source.description.empty()) yaml_.Field("Description", source.description);
        yaml_.EndItem();
      }
      for (const Text& cidr : p.ipv6()) {
        yaml_.BeginItem();
        RuleTraffic(p);
        yaml_.Field("CidrIpv6", cidr);
        yaml_.EndItem();
      }
      for (std::string_view list : p.prefix_lists()) {
        yaml_.BeginItem();
        RuleTraffic(p);
        yaml_.Field(ingress ? "SourcePrefixListId" : "DestinationPrefixListId", list);
        yaml_.EndItem();
      }
    }
    yaml_.Close();
  }

  // Rules whose peer is a group: one resource each.
  void SeparateRules(const VpcPlan& vpc, int group, const std::vector<Permission>& permissions,
                     bool ingress, int& number) {
    for (const Permission& p : permissions) {
      for (const GroupSource& source : p.groups()) {
        Text id = GroupLogical(vpc, group);
        id << (ingress ? "Ingress" : "Egress") << number++;
        BeginResource(id, ingress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress");
        yaml_.GetAtt("GroupId", GroupLogical(vpc, group), "GroupId");
        RuleTraffic(p);
        const std::string_view peer_key =
            ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
        const int peer = GroupIndexOf(dice_, vpc, source.group_id);
        if (peer < 0) {
          yaml_.Field(peer_key, source.group_id);  // a deleted group: only its id remains
        } else {
          yaml_.GetAtt(peer_key, GroupLogical(vpc, peer), "GroupId");
        }
        EndResource();
      }
    }
  }

  // Every group but the default one, which CloudFormation creates with the VPC.
  void WriteSecurityGroups(const VpcPlan& vpc) {
    for (int g = 1; g < kGroupsPerVpc; ++g) {
      const GroupContext ctx(dice_, vpc, g);
      GroupRules rules = IntendedRules(ctx);
      PlantGroupMistakes(ctx, rules, summary_.mistakes);
      summary_.security_group_rules += static_cast<std::uint64_t>(rules.SourceCount());
      const auto index = static_cast<std::size_t>(g);
      BeginResource(GroupLogical(vpc, g), "AWS::EC2::SecurityGroup");
      yaml_.Field("GroupName", kGroupNames[index]);
      yaml_.Field("GroupDescription", kGroupDescriptions[index]);
      yaml_.Ref("VpcId", Logical(vpc, ""));
      InlineRules("SecurityGroupIngress", rules.ingress, true);
      const bool default_egress = rules.egress.size() == 1 &&
                                  rules.egress[0].protocol() == "-1" &&
                                  rules.egress[0].ipv4().size() == 1 &&
                                  rules.egress[0].ipv4()[0].cidr.view() == kWorld;
      if (rules.egress.empty()) {
        // CloudFormation's way of removing the default allow-all egress rule.
        yaml_.Open("SecurityGroupEgress");
        yaml_.BeginItem();
        yaml_.Field("IpProtocol", "icmp");
        yaml_.Int("FromPort", 252);
        yaml_.Int("ToPort", 86);
        yaml_.Field("CidrIp", "255.255.255.255/32");
        yaml_.Field("Description", "Disallow all traffic");
        yaml_.EndItem();
        yaml_.Close();
      } else if (!default_egress) {
        InlineRules("SecurityGroupEgress", rules.egress, false);
      }
      Text name(VpcName(vpc));
      name << '-' << kGroupNames[index];
      NameTag(name);
      EndResource();
      int number = 0;
      SeparateRules(vpc, g, rules.ingress, true, number);
      SeparateRules(vpc, g, rules.egress, false, number);
    }
  }

  void AclEntry(const VpcPlan& vpc, int number, bool egress, int protocol, std::string_view cidr,
                int from_port, int to_port) {
    Text id = Logical(vpc, "DataAcl");
    id << (egress ? "Egress" : "Ingress") << number;
    BeginResource(id, "AWS::EC2::NetworkAclEntry");
    yaml_.Ref("NetworkAclId", Logical(vpc, "DataAcl"));
    yaml_.Int("RuleNumber", number);
    yaml_.Int("Protocol", protocol);
    yaml_.Field("RuleAction", "allow");
    yaml_.Bool("Egress", egress);
    yaml_.Field("CidrBlock", cidr);
    if (protocol == 6 || protocol == 17) {
      yaml_.Open("PortRange");
      yaml_.Int("From", from_port);
      yaml_.Int("To", to_port);
      yaml_.Close();
    }
    EndResource();
  }

  // The optional data-subnet ACL (the default ACL is implicit), entries as in describe output.
  void WriteNetworkAcl(const VpcPlan& vpc) {
    if (!vpc.has_data_network_acl) return;
    const Text acl = Logical(vpc, "DataAcl");
    BeginResource(acl, "AWS::EC2::NetworkAcl");
    yaml_.Ref("VpcId", Logical(vpc, ""));
    Text name(VpcName(vpc));
    name << "-data-acl";
    NameTag(name);
    EndResource();
    const Text vpc_cidr = vpc.primary_cidr.ToText();
    AclEntry(vpc, 100, true, 6, vpc_cidr, 1024, 65535);
    AclEntry(vpc, 110, true, 6, kWorld, 443, 443);
    AclEntry(vpc, 100, false, 6, vpc_cidr, 5432, 5432);
    AclEntry(vpc, 110, false, 6, vpc_cidr, 3306, 3306);
    AclEntry(vpc, 120, false, 6, vpc_cidr, 6379, 6379);
    AclEntry(vpc, 130, false, 17, vpc_cidr, 1024, 65535);
    AclEntry(vpc, 140, false, 6, kWorld, 1024, 65535);
    for (int s : DataSubnets()) {
      Text id = SubnetLogical(vpc, s);
      id << "NetworkAclAssociation";
      BeginResource(id, "AWS::EC2::SubnetNetworkAclAssociation");
      yaml_.Ref("NetworkAclId", acl);
      yaml_.Ref("SubnetId", SubnetLogical(vpc, s));
      EndResource();
    }
  }

  void WriteLoadBalancers(const VpcPlan& vpc) {
    for (int balancer = 0; balancer < 2; ++balancer) {
      BeginResource(Logical(vpc, balancer == 0 ? "WebAlb" : "InternalAlb"),
                    "AWS::ElasticLoadBalancingV2::LoadBalancer");
      yaml_.Field("Name", LoadBalancerName(vpc, balancer));
      yaml_.Field("Type", "application");
      yaml_.Field("Scheme", balancer == 0 ? "internet-facing" : "internal");
      yaml_.Open("Subnets");
      for (int s : {0, 1}) yaml_.RefItem(SubnetLogical(vpc, balancer == 0 ? s : kFirstAppSubnet + s));
      yaml_.Close();
      yaml_.Open("SecurityGroups");
      yaml_.GetAttItem(GroupLogical(vpc, balancer == 0 ? kWebAlbGroup : kInternalAlbGroup),
                       "GroupId");
      yaml_.Close();
      EndResource();
    }
  }

  void WriteInstances(const VpcPlan& vpc, const InterfaceLayout& layout) {
    for (int i = 0; i < kInstancesPerVpc; ++i) {
      const InterfaceSpec& spec = layout[static_cast<std::size_t>(i)];
      Text id = Logical(vpc, "Instance");
      id << i;
      BeginResource(id, "AWS::EC2::Instance");
      yaml_.Field("ImageId", dice_.Id(IdKind::kImage, static_cast<std::uint64_t>(spec.groups[0])));
      yaml_.Field("InstanceType", spec.groups[0] == kBastionGroup   ? "t3.micro"
                                  : spec.groups[0] == kWindowsGroup ? "m5.large"
                                                                    : "m6i.large");
      yaml_.Ref("SubnetId", SubnetLogical(vpc, spec.subnet));
      yaml_.Field("PrivateIpAddress", Ipv4Text(spec.private_ip));
      yaml_.Open("SecurityGroupIds");
      for (int g : spec.groups) {
        if (g >= 0) yaml_.GetAttItem(GroupLogical(vpc, g), "GroupId");
      }
      yaml_.Close();
      Text name(VpcName(vpc));
      name << '-' << kGroupNames[static_cast<std::size_t>(spec.groups[0])] << '-' << i;
      NameTag(name);
      EndResource();
    }
  }

  void WriteEcsServices(const VpcPlan& vpc) {
    const Text cluster = Logical(vpc, "Cluster");
    BeginResource(cluster, "AWS::ECS::Cluster");
    yaml_.Field("ClusterName", VpcName(vpc));
    EndResource();
    for (std::size_t f = 0; f < kServiceFamilies.size(); ++f) {
      Text id = Logical(vpc, Capitalised(kServiceFamilies[f]));
      id << "Service";
      BeginResource(id, "AWS::ECS::Service");
      yaml_.Field("ServiceName", kServiceFamilies[f]);
      yaml_.Ref("Cluster", cluster);
      yaml_.Field("LaunchType", "FARGATE");
      yaml_.Int("DesiredCount", 2);
      yaml_.Ref("TaskDefinition", TaskDefinitionLogical(kServiceFamilies[f]));
      yaml_.Open("NetworkConfiguration");
      yaml_.Open("AwsvpcConfiguration");
      yaml_.Field("AssignPublicIp", "DISABLED");
      yaml_.Open("Subnets");
      const int first = FirstServiceSubnet(f);
      yaml_.RefItem(SubnetLogical(vpc, first));
      yaml_.RefItem(SubnetLogical(vpc, first + 1));
      yaml_.Close();
      yaml_.Open("SecurityGroups");
      yaml_.GetAttItem(GroupLogical(vpc, kEcsTaskGroup), "GroupId");
      yaml_.Close();
      yaml_.Close();
      yaml_.Close();
      EndResource();
    }
  }

  void WriteTaskDefinitions() {
    const VpcPlan first_vpc = PlanVpc(dice_, 0);
    for (std::string_view family : kServiceFamilies) {
      BeginResource(TaskDefinitionLogical(family), "AWS::ECS::TaskDefinition");
      yaml_.Field("Family", family);
      yaml_.Field("NetworkMode", "awsvpc");
      yaml_.Open("RequiresCompatibilities");
      yaml_.Item("FARGATE");
      yaml_.Close();
      yaml_.Field("Cpu", "512");
      yaml_.Field("Memory", "1024");
      yaml_.Open("ContainerDefinitions");
      yaml_.BeginItem();
      yaml_.Field("Name", family);
      Text image;
      image << first_vpc.owner_id.view() << ".dkr.ecr." << kRegion << ".amazonaws.com/" << family
            << ":1.7.0";
      yaml_.Field("Image", image);
      yaml_.Open("LogConfiguration");
      yaml_.Field("LogDriver", "awslogs");
      yaml_.Close();
      yaml_.Open("Secrets");
      yaml_.BeginItem();
      yaml_.Field("Name", "DB_PASSWORD");
      Text secret("arn:aws:secretsmanager:");
      secret << kRegion << ':' << first_vpc.owner_id.view() << ":secret:" << family << "-db";
      yaml_.Field("ValueFrom", secret);
      yaml_.EndItem();
      yaml_.Close();
      yaml_.EndItem();
      yaml_.Close();
      EndResource();
    }
  }

  OutputFile out_;
  YamlWriter yaml_;
  int vpc_count_;
  TemplateSummary summary_;
};

// ------------------------------------------------------------------------------------------------
// The same estate as a Terraform plan
// ------------------------------------------------------------------------------------------------

// Where a resource sits in the plan: module.vpc_12.aws_subnet.this[3].
struct PlanAddress {
  PlanAddress(std::string_view module_path, std::string_view resource_type,
              std::string_view resource_name, int count_index = -1,
              std::string_view for_each_key = {})
      : module(module_path), type(resource_type), name(resource_name), number(count_index),
        key(for_each_key) {}

  std::string_view module;  // empty: the root module
  std::string_view type;
  std::string_view name;
  int number = -1;          // count index, or -1
  std::string_view key;     // for_each key, or empty

  Text ToText() const {
    Text text;
    if (!module.empty()) text << module << '.';
    text << type << '.' << name;
    if (number >= 0) text << '[' << number << ']';
    if (!key.empty()) text << "[\"" << key << "\"]";
    return text;
  }
};

using WriteValues = std::function<void(JsonWriter&)>;

constexpr std::string_view kAwsProvider = "registry.terraform.io/hashicorp/aws";

void WriteAddressMembers(JsonWriter& json, const PlanAddress& address) {
  json.String("address", address.ToText());
  if (!address.module.empty()) json.String("module_address", address.module);
  json.String("mode", "managed");
  json.String("type", address.type);
  json.String("name", address.name);
  if (address.number >= 0) json.Int("index", address.number);
  if (!address.key.empty()) json.String("index", address.key);
  json.String("provider_name", kAwsProvider);
}

// One entry of planned_values (after apply) or of resource_changes (before and after; the
// estate exists and the plan changes nothing, as a plan run against a settled estate).
enum class PlanSection { kPlannedValues, kResourceChanges };

struct PlanSummary {
  std::uint64_t resources = 0;
  std::uint64_t bytes = 0;
  std::uint64_t security_group_rules = 0;
  PlantedMistakes mistakes;
};

// `terraform show -json` of a plan for the estate: compact JSON, one module per VPC
// (module.vpc_<n>), the task definitions in the root module, every value known (the estate is
// already applied), each resource both in planned_values and in resource_changes as a no-op.
// Rules whose peer is another group are aws_vpc_security_group_ingress_rule/egress_rule
// resources, the others inline blocks; AWS's defaults (main route table, default ACL and group)
// are not resources of the plan.
class PlanWriter : private EstateIds {
 public:
  PlanWriter(const std::filesystem::path& path, int vpc_count, std::uint64_t seed)
      : EstateIds(seed), out_(path), json_(out_, JsonWriter::Layout::kCompact),
        vpc_count_(vpc_count) {}

  PlanSummary Write() {
    json_.BeginObject();
    json_.String("format_version", "1.2");
    json_.String("terraform_version", "1.9.5");
    json_.BeginObject("planned_values");
    json_.BeginObject("root_module");
    section_ = PlanSection::kPlannedValues;
    json_.BeginArray("resources");
    WriteTaskDefinitions();
    json_.EndArray();
    json_.BeginArray("child_modules");
    for (int v = 0; v < vpc_count_; ++v) {
      const VpcPlan vpc = PlanVpc(dice_, v);
      json_.BeginObject();
      json_.BeginArray("resources");
      WriteVpc(vpc);
      json_.EndArray();
      json_.String("address", ModuleName(vpc));
      json_.EndObject();
    }
    json_.EndArray();
    json_.EndObject();
    json_.EndObject();
    // The second pass recounts what the first counted.
    const PlanSummary planned = summary_;
    summary_ = {};
    section_ = PlanSection::kResourceChanges;
    json_.BeginArray("resource_changes");
    WriteTaskDefinitions();
    for (int v = 0; v < vpc_count_; ++v) WriteVpc(PlanVpc(dice_, v));
    json_.EndArray();
    json_.String("timestamp", "2025-03-04T09:21:17Z");
    json_.Bool("applyable", false);
    json_.Bool("complete", true);
    json_.Bool("errored", false);
    json_.EndObject();
    out_.Write("\n");
    summary_ = planned;
    summary_.bytes = out_.Close();
    return summary_;
  }

 private:
  static Text ModuleName(const VpcPlan& vpc) {
    Text name("module.vpc_");
    name << vpc.index;
    return name;
  }

  void Resource(const PlanAddress& address, const WriteValues& values) {
    ++summary_.resources;
    json_.BeginObject();
    WriteAddressMembers(json_, address);
    if (section_ == PlanSection::kPlannedValues) {
      json_.Int("schema_version", 0);
      json_.BeginObject("values");
      values(json_);
      json_.EndObject();
      json_.EmptyObject("sensitive_values");
    } else {
      json_.BeginObject("change");
      json_.BeginArray("actions");
      json_.String("no-op");
      json_.EndArray();
      for (std::string_view side : {"before", "after"}) {
        json_.BeginObject(side);
        values(json_);
        json_.EndObject();
      }
      json_.EmptyObject("after_unknown");
      json_.EmptyObject("before_sensitive");
      json_.EmptyObject("after_sensitive");
      json_.EndObject();
    }
    json_.EndObject();
  }

  static void Tags(JsonWriter& json, std::string_view name) {
    for (std::string_view key : {"tags", "tags_all"}) {
      json.BeginObject(key);
      json.String("Name", name);
      json.EndObject();
    }
  }
  static void Strings(JsonWriter& json, std::string_view key,
                      std::initializer_list<std::string_view> values) {
    json.BeginArray(key);
    for (std::string_view value : values) json.String(value);
    json.EndArray();
  }
  static Text Arn(const VpcPlan& vpc, std::string_view kind, std::string_view id) {
    Text arn("arn:aws:ec2:");
    arn << kRegion << ':' << vpc.owner_id.view() << ':' << kind << '/' << id;
    return arn;
  }

  void WriteVpc(const VpcPlan& vpc) {
    const Text module = ModuleName(vpc);
    const Text vpc_id = VpcId(vpc);
    Resource({module, "aws_vpc", "this"}, [&](JsonWriter& json) {
      json.String("arn", Arn(vpc, "vpc", vpc_id));
      json.Bool("assign_generated_ipv6_cidr_block", vpc.has_ipv6);
      json.String("cidr_block", vpc.primary_cidr.ToText());
      json.String("default_network_acl_id", Id(IdKind::kNetworkAcl, Local(vpc, 2, 0)));
      json.String("default_route_table_id", RouteTableId(vpc, kMainTable));
      json.String("default_security_group_id", SecurityGroupId(dice_, vpc, kDefaultGroup));
      json.String("dhcp_options_id", Id(IdKind::kDhcpOptions, static_cast<std::uint64_t>(vpc.account)));
      json.Bool("enable_dns_hostnames", true);
      json.Bool("enable_dns_support", true);
      json.String("id", vpc_id);
      json.String("instance_tenancy", "default");
      json.String("ipv6_cidr_block", vpc.has_ipv6 ? VpcIpv6Cidr(vpc) : Text());
      json.String("main_route_table_id", RouteTableId(vpc, kMainTable));
      json.String("owner_id", vpc.owner_id);
      Tags(json, VpcName(vpc));
    });
    if (vpc.secondary_cidr) {
      Resource({module, "aws_vpc_ipv4_cidr_block_association", "secondary"}, [&](JsonWriter& json) {
        json.String("cidr_block", vpc.secondary_cidr->ToText());
        json.String("id", Id(IdKind::kVpcCidrAssociation, Local(vpc, 4, 1)));
        json.String("vpc_id", vpc_id);
      });
    }
    const InterfaceLayout layout = LayOutInterfaces(dice_, vpc);
    WriteSubnets(vpc, module);
    WriteGateways(vpc, module, layout);
    WriteRouteTables(vpc, module);
    WriteEndpoints(vpc, module);
    WriteSecurityGroups(vpc, module);
    WriteNetworkAcl(vpc, module);
    WriteLoadBalancers(vpc, module);
    WriteInstances(vpc, module, layout);
    WriteEcsServices(vpc, module);
  }

  void WriteSubnets(const VpcPlan& vpc, std::string_view module) {
    for (int s = 0; s < kSubnetsPerVpc; ++s) {
      Resource({module, "aws_subnet", "this", s}, [&](JsonWriter& json) {
        const int az = SubnetAz(vpc, s);
        const bool is_public = SubnetTier(s) == Tier::kPublic;
        const Text id = SubnetId(vpc, s);
        json.String("arn", Arn(vpc, "subnet", id));
        json.Bool("assign_ipv6_address_on_creation", false);
        json.String("availability_zone", kAzNames[static_cast<std::size_t>(az)]);
        json.String("availability_zone_id",
                    kAzIds[static_cast<std::size_t>(az + vpc.account) % kAzIds.size()]);
        json.String("cidr_block", SubnetCidr(vpc, s).ToText());
        json.String("id", id);
        json.String("ipv6_cidr_block",
                    vpc.has_ipv6 && is_public ? SubnetIpv6Cidr(vpc, s) : Text());
        json.Bool("ipv6_native", false);
        json.Bool("map_public_ip_on_launch", is_public);
        json.String("owner_id", vpc.owner_id);
        Text name(VpcName(vpc));
        name << '-' << SubnetTierName(s) << '-' << kAzNames[static_cast<std::size_t>(az)].back() << s;
        Tags(json, name);
        json.String("vpc_id", VpcId(vpc));
      });
    }
  }

  void WriteGateways(const VpcPlan& vpc, std::string_view module, const InterfaceLayout& layout) {
    Resource({module, "aws_internet_gateway", "this"}, [&](JsonWriter& json) {
      const Text id = Id(IdKind::kInternetGateway, static_cast<std::uint64_t>(vpc.index));
      json.String("arn", Arn(vpc, "internet-gateway", id));
      json.String("id", id);
      json.String("owner_id", vpc.owner_id);
      Text name(VpcName(vpc));
      name << "-igw";
      Tags(json, name);
      json.String("vpc_id", VpcId(vpc));
    });
    for (int nat = 0; nat < kNatGatewaysPerVpc; ++nat) {
      const InterfaceSpec& eni = layout[static_cast<std::size_t>(kNatSlot + nat)];
      const Text allocation = Id(IdKind::kElasticIp, Local(vpc, kPublicAddressesPerVpc, nat));
      const Text public_ip = Ipv4Text(PublicAddress(vpc, eni.public_address));
      Resource({module, "aws_eip", "nat", nat}, [&](JsonWriter& json) {
        json.String("allocation_id", allocation);
        json.String("association_id",
                    Id(IdKind::kEipAssociation, Local(vpc, kPublicAddressesPerVpc, nat)));
        json.String("domain", "vpc");
        json.String("id", allocation);
        json.String("network_interface", InterfaceId(vpc, kNatSlot + nat));
        json.String("private_ip", Ipv4Text(eni.private_ip));
        json.String("public_ip", public_ip);
      });
      Resource({module, "aws_nat_gateway", "this", nat}, [&](JsonWriter& json) {
        json.String("allocation_id", allocation);
        json.String("connectivity_type", "public");
        json.String("id", NatGatewayId(vpc, nat));
        json.String("network_interface_id", InterfaceId(vpc, kNatSlot + nat));
        json.String("private_ip", Ipv4Text(eni.private_ip));
        json.String("public_ip", public_ip);
        json.String("subnet_id", SubnetId(vpc, eni.subnet));
        Text name(VpcName(vpc));
        name << "-nat-" << kAzNames[static_cast<std::size_t>(nat)].back();
        Tags(json, name);
      });
    }
  }

  // The attributes of a route, each target present and empty but the one it uses.
  static void RouteMembers(JsonWriter& json, std::string_view destination_key,
                           std::string_view destination, std::string_view target_key,
                           std::string_view target) {
    for (std::string_view key : {"carrier_gateway_id", "core_network_arn", "egress_only_gateway_id",
                                 "gateway_id", "local_gateway_id", "nat_gateway_id",
                                 "network_interface_id", "transit_gateway_id", "vpc_endpoint_id",
                                 "vpc_peering_connection_id"}) {
      json.String(key, key == target_key ? target : std::string_view());
    }
    json.String(destination_key, destination);
  }

  void Associate(const VpcPlan& vpc, std::string_view module, int table, int subnet) {
    Resource({module, "aws_route_table_association", "this", subnet}, [&](JsonWriter& json) {
      json.String("gateway_id", "");
      json.String("id", Id(IdKind::kRouteTableAssociation, Local(vpc, 16, subnet)));
      json.String("route_table_id", RouteTableId(vpc, table));
      json.String("subnet_id", SubnetId(vpc, subnet));
    });
  }

  // The public table with its routes inline; private tables (one per zone) with separate
  // aws_route resources. Data subnets keep the VPC's main table, which the plan does not show.
  void WriteRouteTables(const VpcPlan& vpc, std::string_view module) {
    Resource({module, "aws_route_table", "public"}, [&](JsonWriter& json) {
      const Text id = RouteTableId(vpc, kPublicTable);
      json.String("arn", Arn(vpc, "route-table", id));
      json.String("id", id);
      json.String("owner_id", vpc.owner_id);
      json.EmptyArray("propagating_vgws");
      json.BeginArray("route");
      const Text igw = Id(IdKind::kInternetGateway, static_cast<std::uint64_t>(vpc.index));
      json.BeginObject();
      RouteMembers(json, "cidr_block", kWorld, "gateway_id", igw);
      json.String("ipv6_cidr_block", "");
      json.EndObject();
      if (vpc.has_ipv6) {
        json.BeginObject();
        RouteMembers(json, "ipv6_cidr_block", kWorldIpv6, "gateway_id", igw);
        json.String("cidr_block", "");
        json.EndObject();
      }
      json.EndArray();
      Text name(VpcName(vpc));
      name << "-public";
      Tags(json, name);
      json.String("vpc_id", VpcId(vpc));
    });
    for (int s : {0, 1}) Associate(vpc, module, kPublicTable, s);
    for (int az = 0; az < vpc.az_count; ++az) {
      const Text table = RouteTableId(vpc, kFirstPrivateTable + az);
      Resource({module, "aws_route_table", "private", az}, [&](JsonWriter& json) {
        json.String("arn", Arn(vpc, "route-table", table));
        json.String("id", table);
        json.String("owner_id", vpc.owner_id);
        json.EmptyArray("propagating_vgws");
        json.EmptyArray("route");
        Text name(VpcName(vpc));
        name << "-private-" << kAzNames[static_cast<std::size_t>(az)];
        Tags(json, name);
        json.String("vpc_id", VpcId(vpc));
      });
      Resource({module, "aws_route", "private_default", az}, [&](JsonWriter& json) {
        Text id("r-");
        id << table.view() << "1080289494";
        json.String("id", id);
        RouteMembers(json, "destination_cidr_block", kWorld, "nat_gateway_id",
                     NatGatewayId(vpc, az % kNatGatewaysPerVpc));
        json.String("route_table_id", table);
        json.String("state", "active");
      });
      if (az == 0 && vpc.has_blackhole_route) {
        // A peering route whose peering connection (to the account's next VPC) was deleted.
        const std::uint32_t sibling_octet = ((vpc.primary_cidr.base >> 16 & 0xff) + 1) % 256;
        const Cidr sibling{Ipv4(10, sibling_octet, 0, 0), 16};
        Resource({module, "aws_route", "peering"}, [&](JsonWriter& json) {
          json.String("id", Text("r-") << table.view() << "2707764162");
          RouteMembers(json, "destination_cidr_block", sibling.ToText(), "vpc_peering_connection_id",
                       Id(IdKind::kPeeringConnection, static_cast<std::uint64_t>(vpc.index)));
          json.String("route_table_id", table);
          json.String("state", "blackhole");
        });
        ++summary_.mistakes.blackhole_routes;
      }
      for (int s : AppSubnetsInAz(vpc, az)) Associate(vpc, module, kFirstPrivateTable + az, s);
    }
  }

  void WriteEndpoints(const VpcPlan& vpc, std::string_view module) {
    Resource({module, "aws_vpc_endpoint", "s3"}, [&](JsonWriter& json) {
      json.String("id", EndpointId(vpc, kS3Endpoint));
      json.String("policy", kEndpointPolicy);
      json.Bool("private_dns_enabled", false);
      json.BeginArray("route_table_ids");
      for (int az = 0; az < vpc.az_count; ++az) json.String(RouteTableId(vpc, kFirstPrivateTable + az));
      json.EndArray();
      json.EmptyArray("security_group_ids");
      json.String("service_name", "com.amazonaws.us-east-1.s3");
      json.String("state", "available");
      json.EmptyArray("subnet_ids");
      json.String("vpc_endpoint_type", "Gateway");
      json.String("vpc_id", VpcId(vpc));
    });
    if (!vpc.has_interface_endpoints) return;
    for (std::size_t e = 0; e < kInterfaceEndpointServices.size(); ++e) {
      const std::string_view service = kInterfaceEndpointServices[e];
      Resource({module, "aws_vpc_endpoint", "interface", -1, service}, [&](JsonWriter& json) {
        const int endpoint = InterfaceEndpoint(static_cast<int>(e));
        json.String("id", EndpointId(vpc, endpoint));
        json.BeginArray("network_interface_ids");
        for (int k = 0; k < kEndpointSubnets; ++k) {
          json.String(InterfaceId(vpc, kEndpointSlot + static_cast<int>(e) * kEndpointSubnets + k));
        }
        json.EndArray();
        json.String("policy", kEndpointPolicy);
        json.Bool("private_dns_enabled", true);
        json.EmptyArray("route_table_ids");
        json.BeginArray("security_group_ids");
        json.String(SecurityGroupId(dice_, vpc, kEndpointGroup));
        json.EndArray();
        Text name("com.amazonaws.");
        name << kRegion << '.' << service;
        json.String("service_name", name);
        json.String("state", "available");
        json.BeginArray("subnet_ids");
        for (int k = 0; k < kEndpointSubnets; ++k) json.String(SubnetId(vpc, kFirstAppSubnet + k));
        json.EndArray();
        json.String("vpc_endpoint_type", "Interface");
        json.String("vpc_id", VpcId(vpc));
      });
    }
  }

  // An inline ingress or egress block: the address ranges and prefix lists of one permission.
  static void InlineBlock(JsonWriter& json, const Permission& p) {
    json.BeginObject();
    json.BeginArray("cidr_blocks");
    for (const CidrSource& source : p.ipv4()) json.String(source.cidr);
    json.EndArray();
    std::string_view description;
    for (const CidrSource& source : p.ipv4()) {
      if (description.empty()) description = source.description;
    }
    json.String("description", description);
    json.Int("from_port", p.ports() ? p.ports()->first : 0);
    json.BeginArray("ipv6_cidr_blocks");
    for (const Text& cidr : p.ipv6()) json.String(cidr);
    json.EndArray();
    json.BeginArray("prefix_list_ids");
    for (std::string_view list : p.prefix_lists()) json.String(list);
    json.EndArray();
    json.String("protocol", p.protocol());
    json.EmptyArray("security_groups");
    json.Bool("self", false);
    json.Int("to_port", p.ports() ? p.ports()->second : 0);
    json.EndObject();
  }

  static void InlineBlocks(JsonWriter& json, std::string_view key,
                           const std::vector<Permission>& permissions) {
    json.BeginArray(key);
    for (const Permission& p : permissions) {
      if (!p.ipv4().empty() || !p.ipv6().empty() || !p.prefix_lists().empty()) InlineBlock(json, p);
    }
    json.EndArray();
  }

  // Rules whose peer is a group: one resource each, keyed "<group>-<n>".
  void SeparateRules(const VpcPlan& vpc, std::string_view module, int group,
                     const std::vector<Permission>& permissions, bool ingress, int& number) {
    for (const Permission& p : permissions) {
      for (const GroupSource& source : p.groups()) {
        Text key(kGroupNames[static_cast<std::size_t>(group)]);
        key << '-' << number;
        const std::uint64_t rule_number =
            Local(vpc, kGroupsPerVpc * 64, group * 64 + number);
        ++number;
        Resource({module,
                  ingress ? "aws_vpc_security_group_ingress_rule"
                          : "aws_vpc_security_group_egress_rule",
                  "this", -1, key},
                 [&](JsonWriter& json) {
                   const Text id = Id(IdKind::kSecurityGroupRule, rule_number);
                   json.String("arn", Arn(vpc, "security-group-rule", id));
                   json.Null("cidr_ipv4");
                   json.Null("cidr_ipv6");
                   json.Null("description");
                   if (p.ports()) {
                     json.Int("from_port", p.ports()->first);
                   } else {
                     json.Null("from_port");
                   }
                   json.String("id", id);
                   json.String("ip_protocol", p.protocol());
                   json.Null("prefix_list_id");
                   json.String("referenced_security_group_id", source.group_id);
                   json.String("security_group_id", SecurityGroupId(dice_, vpc, group));
                   json.String("security_group_rule_id", id);
                   json.Null("tags");
                   if (p.ports()) {
                     json.Int("to_port", p.ports()->second);
                   } else {
                     json.Null("to_port");
                   }
                 });
      }
    }
  }

  // Every group but the default one, which AWS creates with the VPC.
  void WriteSecurityGroups(const VpcPlan& vpc, std::string_view module) {
    for (int g = 1; g < kGroupsPerVpc; ++g) {
      const GroupContext ctx(dice_, vpc, g);
      GroupRules rules = IntendedRules(ctx);
      PlantGroupMistakes(ctx, rules, summary_.mistakes);
      summary_.security_group_rules += static_cast<std::uint64_t>(rules.SourceCount());
      const auto index = static_cast<std::size_t>(g);
      Resource({module, "aws_security_group", "this", -1, kGroupNames[index]},
               [&](JsonWriter& json) {
                 const Text id = ctx.GroupId(g);
                 json.String("arn", Arn(vpc, "security-group", id));
                 json.String("description", kGroupDescriptions[index]);
                 InlineBlocks(json, "egress", rules.egress);
                 json.String("id", id);
                 InlineBlocks(json, "ingress", rules.ingress);
                 json.String("name", kGroupNames[index]);
                 json.String("name_prefix", "");
                 json.String("owner_id", vpc.owner_id);
                 json.Bool("revoke_rules_on_delete", false);
                 Text name(VpcName(vpc));
                 name << '-' << kGroupNames[index];
                 Tags(json, name);
                 json.Null("timeouts");
                 json.String("vpc_id", VpcId(vpc));
               });
      int number = 0;
      SeparateRules(vpc, module, g, rules.ingress, true, number);
      SeparateRules(vpc, module, g, rules.egress, false, number);
    }
  }

  static void AclBlock(JsonWriter& json, int number, std::string_view protocol,
                       std::string_view cidr, int from_port, int to_port) {
    json.BeginObject();
    json.String("action", "allow");
    json.String("cidr_block", cidr);
    json.Int("from_port", from_port);
    json.Int("icmp_code", 0);
    json.Int("icmp_type", 0);
    json.String("ipv6_cidr_block", "");
    json.String("protocol", protocol);
    json.Int("rule_no", number);
    json.Int("to_port", to_port);
    json.EndObject();
  }

  // The optional data-subnet ACL, with its entries inline; the default ACL is AWS's.
  void WriteNetworkAcl(const VpcPlan& vpc, std::string_view module) {
    if (!vpc.has_data_network_acl) return;
    Resource({module, "aws_network_acl", "data"}, [&](JsonWriter& json) {
      const Text id = Id(IdKind::kNetworkAcl, Local(vpc, 2, 1));
      const Text vpc_cidr = vpc.primary_cidr.ToText();
      json.String("arn", Arn(vpc, "network-acl", id));
      json.BeginArray("egress");
      AclBlock(json, 100, "6", vpc_cidr, 1024, 65535);
      AclBlock(json, 110, "6", kWorld, 443, 443);
      json.EndArray();
      json.String("id", id);
      json.BeginArray("ingress");
      AclBlock(json, 100, "6", vpc_cidr, 5432, 5432);
      AclBlock(json, 110, "6", vpc_cidr, 3306, 3306);
      AclBlock(json, 120, "6", vpc_cidr, 6379, 6379);
      AclBlock(json, 130, "17", vpc_cidr, 1024, 65535);
      AclBlock(json, 140, "6", kWorld, 1024, 65535);
      json.EndArray();
      json.String("owner_id", vpc.owner_id);
      json.BeginArray("subnet_ids");
      for (int s : DataSubnets()) json.String(SubnetId(vpc, s));
      json.EndArray();
      Text name(VpcName(vpc));
      name << "-data-acl";
      Tags(json, name);
      json.String("vpc_id", VpcId(vpc));
    });
  }

  void WriteLoadBalancers(const VpcPlan& vpc, std::string_view module) {
    for (int balancer = 0; balancer < 2; ++balancer) {
      Resource({module, "aws_lb", balancer == 0 ? "web" : "internal"}, [&](JsonWriter& json) {
        const Text arn = LoadBalancerArn(vpc, balancer);
        json.String("arn", arn);
        json.String("id", arn);
        json.Bool("internal", balancer != 0);
        json.String("ip_address_type", "ipv4");
        json.String("load_balancer_type", "application");
        json.String("name", LoadBalancerName(vpc, balancer));
        json.BeginArray("security_groups");
        json.String(SecurityGroupId(dice_, vpc, balancer == 0 ? kWebAlbGroup : kInternalAlbGroup));
        json.EndArray();
        json.BeginArray("subnets");
        for (int s : {0, 1}) json.String(SubnetId(vpc, balancer == 0 ? s : kFirstAppSubnet + s));
        json.EndArray();
        json.String("vpc_id", VpcId(vpc));
      });
    }
  }

  void WriteInstances(const VpcPlan& vpc, std::string_view module, const InterfaceLayout& layout) {
    for (int i = 0; i < kInstancesPerVpc; ++i) {
      const InterfaceSpec& spec = layout[static_cast<std::size_t>(i)];
      Resource({module, "aws_instance", "this", i}, [&](JsonWriter& json) {
        const bool is_public = spec.public_address >= 0;
        json.String("ami", Id(IdKind::kImage, static_cast<std::uint64_t>(spec.groups[0])));
        json.Bool("associate_public_ip_address", is_public);
        json.String("availability_zone",
                    kAzNames[static_cast<std::size_t>(SubnetAz(vpc, spec.subnet))]);
        json.String("id", InstanceId(vpc, i));
        json.String("instance_type", spec.groups[0] == kBastionGroup   ? "t3.micro"
                                     : spec.groups[0] == kWindowsGroup ? "m5.large"
                                                                       : "m6i.large");
        json.String("primary_network_interface_id", InterfaceId(vpc, i));
        json.String("private_ip", Ipv4Text(spec.private_ip));
        json.String("public_ip",
                    is_public ? Ipv4Text(PublicAddress(vpc, spec.public_address)) : Text());
        json.String("subnet_id", SubnetId(vpc, spec.subnet));
        Text name(VpcName(vpc));
        name << '-' << kGroupNames[static_cast<std::size_t>(spec.groups[0])] << '-' << i;
        Tags(json, name);
        json.BeginArray("vpc_security_group_ids");
        for (int g : spec.groups) {
          if (g >= 0) json.String(SecurityGroupId(dice_, vpc, g));
        }
        json.EndArray();
      });
    }
  }

  void WriteEcsServices(const VpcPlan& vpc, std::string_view module) {
    Resource({module, "aws_ecs_cluster", "this"}, [&](JsonWriter& json) {
      json.String("arn", ClusterArn(vpc));
      json.String("id", ClusterArn(vpc));
      json.String("name", VpcName(vpc));
    });
    const VpcPlan first_vpc = PlanVpc(dice_, 0);
    for (std::size_t f = 0; f < kServiceFamilies.size(); ++f) {
      Resource({module, "aws_ecs_service", "this", -1, kServiceFamilies[f]}, [&](JsonWriter& json) {
        json.String("cluster", ClusterArn(vpc));
        json.Int("desired_count", 2);
        json.String("id", ServiceArn(vpc, kServiceFamilies[f]));
        json.String("launch_type", "FARGATE");
        json.EmptyArray("load_balancer");
        json.String("name", kServiceFamilies[f]);
        json.BeginArray("network_configuration");
        json.BeginObject();
        json.Bool("assign_public_ip", false);
        json.BeginArray("security_groups");
        json.String(SecurityGroupId(dice_, vpc, kEcsTaskGroup));
        json.EndArray();
        json.BeginArray("subnets");
        const int first = FirstServiceSubnet(f);
        json.String(SubnetId(vpc, first));
        json.String(SubnetId(vpc, first + 1));
        json.EndArray();
        json.EndObject();
        json.EndArray();
        json.String("task_definition", TaskDefinitionArn(first_vpc, kServiceFamilies[f]));
      });
    }
  }

  void WriteTaskDefinitions() {
    const VpcPlan vpc = PlanVpc(dice_, 0);
    for (std::string_view family : kServiceFamilies) {
      Resource({"", "aws_ecs_task_definition", "this", -1, family}, [&](JsonWriter& json) {
        const Text arn = TaskDefinitionArn(vpc, family);
        json.String("arn", arn);
        // The containers as the ECS API spells them, in one JSON string.
        std::string containers = "[{\"essential\":true,\"image\":\"";
        containers += vpc.owner_id.view();
        containers += ".dkr.ecr.us-east-1.amazonaws.com/";
        containers += family;
        containers += ":1.7.0\",\"logConfiguration\":{\"logDriver\":\"awslogs\"},\"name\":\"";
        containers += family;
        containers += "\",\"secrets\":[{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:secretsmanager:us-east-1:";
        containers += vpc.owner_id.view();
        containers += ":secret:";
        containers += family;
        containers += "-db\"}]}]";
        json.String("container_definitions", containers);
        json.String("cpu", "512");
        json.String("family", family);
        json.String("id", family);
        json.String("memory", "1024");
        json.String("network_mode", "awsvpc");
        Strings(json, "requires_compatibilities", {"FARGATE"});
        json.Int("revision", 7);
      });
    }
  }

  OutputFile out_;
  JsonWriter json_;
  int vpc_count_;
  PlanSection section_ = PlanSection::kPlannedValues;
  PlanSummary summary_;
};

// ------------------------------------------------------------------------------------------------
// Command line
// ------------------------------------------------------------------------------------------------

enum class Format { kDescribe, kTemplate, kPlan };

struct Options {
  std::filesystem::path out;
  double scale = 1.0;
  std::uint64_t seed = 1;
  Format format = Format::kDescribe;
};

constexpr std::string_view kUsage =
    "usage: netlint_generate_estate --out DIR [--scale N] [--seed S] [--format F]\n"
    "  --scale N   multiplies the 1x estate (1,000 VPCs); fractions allowed (0.01 = 10 VPCs)\n"
    "  --seed S    changes every id and random choice; the same seed gives the same bytes\n"
    "  --format F  describe: one describe-*.json file per call (default);\n"
    "              template: DIR/estate.yaml, one CloudFormation template;\n"
    "              plan: DIR/plan.json, `terraform show -json` of a plan\n";

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) return std::nullopt;
    const char* value = argv[++i];
    char* end = nullptr;
    if (flag == "--out") {
      options.out = value;
    } else if (flag == "--scale") {
      options.scale = std::strtod(value, &end);
      if (*end != '\0' || !(options.scale > 0) || options.scale > 1e5) return std::nullopt;
    } else if (flag == "--format") {
      const std::string_view format = value;
      if (format == "describe") {
        options.format = Format::kDescribe;
      } else if (format == "template") {
        options.format = Format::kTemplate;
      } else if (format == "plan") {
        options.format = Format::kPlan;
      } else {
        return std::nullopt;
      }
    } else if (flag == "--seed") {
      options.seed = std::strtoull(value, &end, 10);
      if (*end != '\0') return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (options.out.empty()) return std::nullopt;
  return options;
}

void PrintSummary(const EstateWriter& estate, int vpc_count, double seconds) {
  std::uint64_t total_bytes = 0;
  std::uint64_t total_records = 0;
  for (const FileSummary& file : estate.summaries()) {
    std::fprintf(stderr, "%-34s %10llu records %12llu bytes\n", file.name.c_str(),
                 static_cast<unsigned long long>(file.records),
                 static_cast<unsigned long long>(file.bytes));
    total_bytes += file.bytes;
    total_records += file.records;
  }
  std::fprintf(stderr, "%-34s %10llu records %12llu bytes (%.1f MB) in %.2f s\n", "total",
               static_cast<unsigned long long>(total_records),
               static_cast<unsigned long long>(total_bytes), static_cast<double>(total_bytes) / 1e6,
               seconds);
  std::fprintf(stderr, "%d VPCs, %llu security group rules (one per source), %llu instances\n",
               vpc_count, static_cast<unsigned long long>(estate.security_group_rules()),
               static_cast<unsigned long long>(estate.instances()));
  const PlantedMistakes& m = estate.mistakes();
  std::fprintf(stderr,
               "planted: %d overlapping subnets, %d subnets outside their VPC, %d blackhole "
               "routes, world-open %d SSH / %d RDP / %d PostgreSQL, %d all-traffic-from-world, "
               "%d references to deleted groups\n",
               m.overlapping_subnets, m.subnets_outside_vpc, m.blackhole_routes, m.world_open_ssh,
               m.world_open_rdp, m.world_open_postgres, m.world_open_all_traffic,
               m.missing_group_references);
}

void PrintSingleFileSummary(std::string_view name, std::uint64_t resources, std::uint64_t bytes,
                            std::uint64_t rules, const PlantedMistakes& m, int vpc_count,
                            double seconds) {
  std::fprintf(stderr, "%.*s: %llu resources, %llu bytes (%.1f MB) in %.2f s\n",
               static_cast<int>(name.size()), name.data(),
               static_cast<unsigned long long>(resources), static_cast<unsigned long long>(bytes),
               static_cast<double>(bytes) / 1e6, seconds);
  std::fprintf(stderr,
               "%d VPCs, %llu security group rules (one per source, default groups implicit)\n",
               vpc_count, static_cast<unsigned long long>(rules));
  std::fprintf(stderr,
               "planted: %d blackhole routes, world-open %d SSH / %d RDP / %d PostgreSQL, %d "
               "all-traffic-from-world, %d references to deleted groups\n",
               m.blackhole_routes, m.world_open_ssh, m.world_open_rdp, m.world_open_postgres,
               m.world_open_all_traffic, m.missing_group_references);
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> options = ParseOptions(argc, argv);
  if (!options) {
    std::fputs(kUsage.data(), stderr);
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    std::filesystem::create_directories(options->out);
    const int vpc_count =
        std::max(1, static_cast<int>(std::lround(kVpcsAtScaleOne * options->scale)));
    const auto seconds = [&] {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      return elapsed.count();
    };
    switch (options->format) {
      case Format::kDescribe: {
        EstateWriter estate(options->out, vpc_count, options->seed);
        estate.WriteAll();
        PrintSummary(estate, vpc_count, seconds());
        break;
      }
      case Format::kTemplate: {
        TemplateWriter writer(options->out / "estate.yaml", vpc_count, options->seed);
        const TemplateSummary summary = writer.Write();
        PrintSingleFileSummary("estate.yaml", summary.resources, summary.bytes,
                               summary.security_group_rules, summary.mistakes, vpc_count,
                               seconds());
        break;
      }
      case Format::kPlan: {
        PlanWriter writer(options->out / "plan.json", vpc_count, options->seed);
        const PlanSummary summary = writer.Write();
        PrintSingleFileSummary("plan.json", summary.resources, summary.bytes,
                               summary.security_group_rules, summary.mistakes, vpc_count,
                               seconds());
        break;
      }
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "netlint_generate_estate: %s\n", error.what());
    return 1;
  }
  return 0;
}
