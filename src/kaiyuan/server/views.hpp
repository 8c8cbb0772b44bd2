#pragma once
/// The JSON of kaiyuan's own API (/api/v2): the store's values as the OpenAPI document
/// (data/openapi.json) describes them, and the shared reading of request parameters.
#include "kaiyuan/server/http.hpp"
#include "kaiyuan/store/types.hpp"
#include "kaiyuan/util/error.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace kaiyuan::server {

nlohmann::json project_json(const store::Project& p);
nlohmann::json sbom_json(const store::SbomInfo& s);
nlohmann::json component_json(const store::StoredComponent& c, bool with_project);
nlohmann::json job_json(const store::JobInfo& j);
nlohmann::json key_json(const store::ApiKeyInfo& k);
nlohmann::json metrics_json(const store::Metrics& m);
/// Projects with their counts and risk score, most at risk first.
nlohmann::json risk_json(const std::vector<store::ProjectRisk>& ranked);

/// A 200 (or `status`) response with `j` as its body.
Response json_response(const nlohmann::json& j, int status = 200);
/// The response for a store error: 404, 409, 400 or 500 (with the store's message).
Response store_error(const Error& e);

/// A request body parsed as JSON, nesting at most 64 deep; fails with what is wrong.
Result<nlohmann::json> parse_json_body(std::string_view body, const std::string& what);

/// A JSON array of permission names ("read", "upload", "triage", "admin"); fails naming the
/// first one that is not, prefixed by `what`.
Result<std::vector<store::Permission>> permissions_of(const nlohmann::json& list,
                                                      const std::string& what);

/// `name` as a flag ("true" or "1" is true, anything else false); nothing when absent.
std::optional<bool> bool_param(const Request& r, const std::string& name);

/// A finding as /api/v2 shows it; `advisories` caches the advisories' headers by id.
nlohmann::json finding_json(const store::StoredFinding& f, bool with_project);

/// `name` as a count within [1, max], `fallback` when absent; fails on anything else.
Result<std::size_t> count_param(const Request& r, const std::string& name, std::size_t fallback,
                                std::size_t max);

/// The part of a list of `size` items that `limit` and `offset` ask for (all of it when neither
/// is given), as [first, last).
struct Window {
    std::size_t first = 0, last = 0;
};
Result<Window> window_param(const Request& r, std::size_t size);

} // namespace kaiyuan::server
