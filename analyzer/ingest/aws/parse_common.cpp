#include <cctype>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

model::Resource ResourceBase(const RecordReader& record, const DescribeContext& context,
                             std::string id, std::string_view tags_key) {
  model::Resource resource;
  resource.id = std::move(id);
  resource.scope = context.scope;
  resource.source = record.source();
  resource.tags = record.Tags(tags_key);
  return resource;
}

std::string UrlDecode(std::string_view text) {
  auto hex_value = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                        : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
  };
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool escape = text[i] == '%' && i + 2 < text.size() &&
                        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                        std::isxdigit(static_cast<unsigned char>(text[i + 2]));
    if (escape) {
      decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

}  // namespace netlint::ingest::aws
