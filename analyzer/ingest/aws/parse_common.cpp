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

}  // namespace netlint::ingest::aws
