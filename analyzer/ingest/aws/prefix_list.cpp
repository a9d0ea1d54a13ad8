// ec2 describe-managed-prefix-lists -> PrefixLists[] (and the legacy describe-prefix-lists, whose
// records carry their CIDRs); ec2 get-managed-prefix-list-entries -> {"Entries": [...]}.

#include <cctype>
#include <filesystem>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

// The entries call does not repeat the list id: find "pl-<hex>" in the file path, the last
// occurrence first (the file name is more specific than its folders).
std::string PrefixListIdFromPath(std::string_view path) {
  const std::string decoded = UrlDecode(path);
  for (std::size_t pos = decoded.rfind("pl-"); pos != std::string::npos;
       pos = pos == 0 ? std::string::npos : decoded.rfind("pl-", pos - 1)) {
    std::size_t end = pos + 3;
    while (end < decoded.size() && std::isxdigit(static_cast<unsigned char>(decoded[end]))) ++end;
    const bool starts_word = pos == 0 || !std::isalnum(static_cast<unsigned char>(decoded[pos - 1]));
    if (starts_word && end - pos >= 5) return decoded.substr(pos, end - pos);
  }
  return {};
}

}  // namespace

void ParsePrefixList(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("PrefixListId");
  if (id.empty()) {
    record.Report("", "prefix list record without PrefixListId is skipped");
    return;
  }
  RecordReader list_record = record;
  list_record.SetResource(id);
  model::PrefixList list;
  static_cast<model::Resource&>(list) = ResourceBase(list_record, context, id);
  list.name = list_record.String("PrefixListName");
  list.owner_id = list_record.String("OwnerId");
  list.family =
      list_record.String("AddressFamily") == "IPv6" ? model::IpFamily::kV6 : model::IpFamily::kV4;
  if (auto max_entries = list_record.Integer("MaxEntries")) {
    list.max_entries = static_cast<int>(*max_entries);
  }
  // describe-managed-prefix-lists (records with OwnerId) lists every list of the account and
  // region; the legacy call lists only AWS service lists.
  if (!list.owner_id.empty()) context.network.MarkComplete(context.scope, model::ResourceKind::kPrefixList);
  if (list_record.Has("Cidrs")) {
    list.entries_known = true;
    const std::vector<std::string> cidrs = list_record.StringList("Cidrs");
    for (std::size_t i = 0; i < cidrs.size(); ++i) {
      model::PrefixListEntry entry;
      if (auto v4 = model::Ipv4Prefix::Parse(cidrs[i])) {
        entry.cidr_v4 = v4;
      } else if (auto v6 = model::Ipv6Prefix::Parse(cidrs[i])) {
        entry.cidr_v6 = v6;
      } else {
        list_record.ReportAt(list_record.SourceOf("Cidrs").Child(i),
                             "invalid CIDR block \"" + cidrs[i] + "\" in Cidrs");
        continue;
      }
      list.entries.push_back(std::move(entry));
    }
  }
  context.network.prefix_lists.push_back(std::move(list));
}

void ParsePrefixListEntries(const RecordReader& document, DescribeContext& context) {
  PrefixListEntriesFact fact;
  fact.prefix_list_id = document.String("PrefixListId");
  if (fact.prefix_list_id.empty()) fact.prefix_list_id = PrefixListIdFromPath(context.path);
  fact.scope = context.scope;
  fact.source = document.SourceOf("Entries");
  if (fact.prefix_list_id.empty()) {
    document.Report("Entries",
                    "cannot tell which prefix list these entries belong to; name the file after "
                    "the prefix list id (e.g. pl-0123abcd.json) or add a PrefixListId key");
    return;
  }
  RecordReader entries = document;
  entries.SetResource(fact.prefix_list_id);
  entries.ForEach("Entries", [&](const RecordReader& entry) {
    const std::string cidr = entry.String("Cidr");
    model::PrefixListEntry parsed;
    parsed.description = entry.String("Description");
    if (auto v4 = model::Ipv4Prefix::Parse(cidr)) {
      parsed.cidr_v4 = v4;
    } else if (auto v6 = model::Ipv6Prefix::Parse(cidr)) {
      parsed.cidr_v6 = v6;
    } else {
      entry.Report("Cidr", "invalid CIDR block \"" + cidr + "\" in Cidr");
      return;
    }
    fact.entries.push_back(std::move(parsed));
  });
  context.pending.prefix_list_entries.push_back(std::move(fact));
}

}  // namespace netlint::ingest::aws
