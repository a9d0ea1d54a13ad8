#pragma once

#include <string_view>

#include "netlint/model/entities.h"

namespace netlint::ingest {

// The account and region a snapshot file belongs to, from the folder layouts real tools write:
// Batfish `aws_configs/[accounts/<account>/][<region>/]<Api>.json` and `<Api>-<region>.json`,
// CloudMapper `account-data/<account>/<region>/<service>-<call>.json`, and any folder named
// like a 12-digit account id or a region ("eu-west-1"). Unknown parts stay empty.
model::Scope ScopeFromPath(std::string_view path);

// Whether `text` is shaped like an AWS region name ("us-east-1", "us-gov-west-1").
bool LooksLikeRegion(std::string_view text);

}  // namespace netlint::ingest
