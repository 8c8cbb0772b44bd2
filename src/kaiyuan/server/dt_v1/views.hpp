#pragma once
/// Dependency-Track v4's JSON shapes of projects and components (its OpenAPI document's Project
/// and Component schemas), for the routes its CI clients call.
#include "kaiyuan/store/types.hpp"

#include <nlohmann/json_fwd.hpp>

namespace kaiyuan::server::dt_v1 {

nlohmann::json project_json(const store::Project& p);
nlohmann::json component_json(const store::StoredComponent& c, const store::Project& p);
/// RFC 3339 UTC to milliseconds since the epoch (DT's timestamps); 0 when empty or unreadable.
long long epoch_ms(const std::string& rfc3339);

} // namespace kaiyuan::server::dt_v1
