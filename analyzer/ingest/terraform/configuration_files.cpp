#include "analyzer/ingest/terraform/configuration_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>

#include "analyzer/ingest/json/json_locator.h"
#include "analyzer/ingest/json/json_records.h"
#include "analyzer/ingest/text_decoding.h"

namespace netlint::ingest::terraform {
namespace {

namespace fs = std::filesystem;

struct BlockPlace {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// "module.a.module.b" -> folder, for every module whose source is a folder netlint can see.
using ModuleFolders = std::map<std::string, fs::path, std::less<>>;

bool IsLocalSource(std::string_view source) {
  return source.starts_with("./") || source.starts_with("../") || source.starts_with(".\\") ||
         source.starts_with("..\\");
}

// `terraform init` records where it installed each module (registry and git sources too).
std::map<std::string, fs::path, std::less<>> InstalledModules(const fs::path& root) {
  std::map<std::string, fs::path, std::less<>> installed;
  std::string text;
  std::string error;
  if (ReadWholeFile((root / ".terraform" / "modules" / "modules.json").string(), text, error) !=
      ReadStatus::kRead) {
    return installed;
  }
  JsonArena arena;
  if (ParseJson(text, arena) || !arena.Root().is_object()) return installed;
  const JsonValue modules = arena.Root().Find("Modules");
  if (!modules.valid() || !modules.is_array()) return installed;
  for (JsonValue module : modules) {
    if (!module.is_object()) continue;
    const JsonValue key = module.Find("Key");
    const JsonValue dir = module.Find("Dir");
    if (!key.valid() || !key.is_string() || !dir.valid() || !dir.is_string()) continue;
    installed.emplace(std::string(key.string()), (root / std::string(dir.string())).lexically_normal());
  }
  return installed;
}

void CollectFolders(JsonValue module, const std::string& path, const std::string& key,
                    const fs::path& folder, const fs::path& root,
                    const std::map<std::string, fs::path, std::less<>>& installed,
                    ModuleFolders& folders) {
  folders.emplace(path, folder);
  const JsonValue calls = module.Find("module_calls");
  if (!calls.valid() || !calls.is_object()) return;
  for (JsonValue call : calls) {
    if (!call.is_object()) continue;
    const std::string name(call.key());
    std::string child_path = path;
    if (!child_path.empty()) child_path += '.';
    child_path.append("module.").append(name);
    std::string child_key = key;
    if (!child_key.empty()) child_key += '.';
    child_key += name;
    const JsonValue source = call.Find("source");
    std::optional<fs::path> child_folder;
    if (source.valid() && source.is_string() && IsLocalSource(source.string())) {
      child_folder = (folder / std::string(source.string())).lexically_normal();
    } else if (const auto found = installed.find(child_key); found != installed.end()) {
      child_folder = found->second;
    }
    const JsonValue child = call.Find("module");
    if (child_folder && child.valid() && child.is_object()) {
      CollectFolders(child, child_path, child_key, *child_folder, root, installed, folders);
    }
  }
}

// One label of a block header: "quoted" or a bare identifier. Advances `at` past it.
std::optional<std::string_view> Label(std::string_view line, std::size_t& at) {
  while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
  if (at >= line.size()) return std::nullopt;
  if (line[at] == '"') {
    const std::size_t end = line.find('"', at + 1);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view label = line.substr(at + 1, end - at - 1);
    at = end + 1;
    return label;
  }
  const std::size_t start = at;
  while (at < line.size() && (std::isalnum(static_cast<unsigned char>(line[at])) != 0 ||
                              line[at] == '_' || line[at] == '-')) {
    ++at;
  }
  if (at == start) return std::nullopt;
  return line.substr(start, at - start);
}

using BlockPlaces = std::map<std::string, BlockPlace, std::less<>>;

std::string PointerToken(std::string_view key) {
  std::string token;
  for (char c : key) {
    if (c == '~') token += "~0";
    else if (c == '/') token += "~1";
    else token += c;
  }
  return token;
}

// The members of a JSON-syntax block body: Terraform accepts an object, or an array of
// objects whose members are taken in order. Calls `visit(member, pointer)`.
template <typename Visit>
void ForEachMember(JsonValue body, const std::string& pointer, Visit&& visit) {
  if (!body.valid()) return;
  if (body.is_object()) {
    for (JsonValue member : body) visit(member, pointer + "/" + PointerToken(member.key()));
  } else if (body.is_array()) {
    std::size_t index = 0;
    for (JsonValue element : body) {
      const std::string at = pointer + "/" + std::to_string(index++);
      if (!element.is_object()) continue;
      for (JsonValue member : element) visit(member, at + "/" + PointerToken(member.key()));
    }
  }
}

// Where the key of the member whose value starts at `value` begins: back over the colon and
// the quoted key.
std::size_t KeyOffset(std::string_view text, std::size_t value) {
  std::size_t at = value;
  auto back_over_space = [&] {
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n' || text[at - 1] == '\r')) --at;
  };
  back_over_space();
  if (at == 0 || text[at - 1] != ':') return value;
  --at;
  back_over_space();
  if (at == 0 || text[at - 1] != '"') return value;
  --at;  // at the closing quote
  while (at > 0) {
    --at;
    if (text[at] != '"') continue;
    std::size_t backslashes = 0;
    while (at > backslashes && text[at - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at;
  }
  return value;
}

// `{"resource": {"TYPE": {"NAME": {...}}}}` in a .tf.json file: each NAME key's place.
void JsonResourceBlocks(const fs::path& file, const std::string& text, BlockPlaces& blocks) {
  JsonArena arena;
  if (ParseJson(text, arena) || !arena.Root().is_object()) return;  // Terraform rejects it too
  std::vector<std::pair<std::string, std::string>> found;  // TYPE.NAME, pointer
  ForEachMember(arena.Root().Find("resource"), "/resource", [&](JsonValue type, const std::string& at) {
    const std::string type_name(type.key());
    ForEachMember(type, at, [&](JsonValue name, const std::string& pointer) {
      found.emplace_back(type_name + "." + std::string(name.key()), pointer);
    });
  });
  if (found.empty()) return;
  JsonLocator locator(text);
  std::vector<std::size_t> offsets;
  for (const auto& [address, pointer] : found) {
    const std::optional<std::size_t> value = locator.Offset(pointer);
    offsets.push_back(value ? KeyOffset(text, *value) : 0);
  }
  const auto places = locator.LineColumns(offsets);
  for (std::size_t i = 0; i < found.size() && i < places.size(); ++i) {
    blocks.try_emplace(found[i].first,
                       BlockPlace{file.lexically_normal().string(), places[i].first, places[i].second});
  }
}

bool IsConfigurationFile(const fs::path& path) {
  const std::string name = path.filename().string();
  return path.extension() == ".tf" || (name.size() > 8 && name.ends_with(".tf.json"));
}

// "TYPE.NAME" -> where its `resource` block starts, for the .tf and .tf.json files of one
// folder.
BlockPlaces ResourceBlocks(const fs::path& folder) {
  BlockPlaces blocks;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsConfigurationFile(it->path()) && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());  // the first block of a name wins, in a stable order
  std::string text;
  std::string error;
  for (const fs::path& file : files) {
    if (ReadWholeFile(file.string(), text, error) != ReadStatus::kRead) continue;
    if (file.extension() == ".json") {
      JsonResourceBlocks(file, text, blocks);
      continue;
    }
    std::uint32_t line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + start, end - start);
      ++line_number;
      std::size_t at = line.find_first_not_of(" \t");
      if (at != std::string_view::npos && line.compare(at, 8, "resource") == 0) {
        const std::uint32_t column = static_cast<std::uint32_t>(at) + 1;
        at += 8;
        if (at < line.size() && (line[at] == ' ' || line[at] == '\t')) {
          const auto type = Label(line, at);
          const auto name = type ? Label(line, at) : std::nullopt;
          if (type && name) {
            blocks.try_emplace(std::string(*type) + "." + std::string(*name),
                               BlockPlace{file.lexically_normal().string(), line_number, column});
          }
        }
      }
      start = end + 1;
    }
  }
  return blocks;
}

}  // namespace

std::vector<ConfigurationPlace> FindResourceBlocks(const PlanIndex& index, JsonValue root,
                                                   const std::string& plan_path) {
  std::vector<ConfigurationPlace> places;
  const JsonValue configuration = root.Find("configuration");
  const JsonValue root_module =
      configuration.valid() && configuration.is_object() ? configuration.Find("root_module") : JsonValue{};
  fs::path root_folder = fs::path(plan_path).parent_path();
  if (root_folder.empty()) root_folder = ".";
  ModuleFolders folders;
  if (root_module.valid() && root_module.is_object()) {
    CollectFolders(root_module, "", "", root_folder, root_folder, InstalledModules(root_folder), folders);
  } else {
    folders.emplace("", root_folder);
  }
  std::map<std::string, std::map<std::string, BlockPlace, std::less<>>, std::less<>> blocks_by_module;
  for (const ResourceInstance& instance : index.instances()) {
    const std::string module = StripModuleKeys(instance.module_path);
    const auto folder = folders.find(module);
    if (folder == folders.end()) continue;
    auto blocks = blocks_by_module.find(module);
    if (blocks == blocks_by_module.end()) {
      blocks = blocks_by_module.emplace(module, ResourceBlocks(folder->second)).first;
    }
    const auto block = blocks->second.find(instance.type + "." + instance.name);
    if (block == blocks->second.end() || instance.block.source.pointer.empty()) continue;
    places.push_back({instance.block.source.pointer, block->second.path, block->second.line,
                      block->second.column});
  }
  return places;
}

}  // namespace netlint::ingest::terraform
