/// The views a dashboard leads with: the projects most at risk, and the advisory database with
/// what of it hits the portfolio.
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/vuln/osv_json.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

Response projects_at_risk(Context& c) {
    auto limit = count_param(c.request, "limit", 10, 100);
    if (!limit) return problem(400, limit.error().message);
    auto ranked = c.store.projects_at_risk(c.access, *limit);
    if (!ranked) return store_error(ranked.error());
    return json_response({{"items", risk_json(*ranked)}});
}

Response list_advisories(Context& c) {
    store::AdvisoryFilter f;
    f.q = c.request.param("q");
    f.affecting = bool_param(c.request, "affecting").value_or(false);
    auto limit = count_param(c.request, "limit", 50, 500);
    if (!limit) return problem(400, limit.error().message);
    auto offset = count_param(c.request, "offset", 0, SIZE_MAX);
    if (!offset) return problem(400, offset.error().message);
    f.limit = *limit;
    f.offset = *offset;
    auto page = c.store.list_advisories(c.access, f);
    if (!page) return store_error(page.error());
    json items = json::array();
    for (const auto& item : page->items) {
        json out = {
            {"id", item.id}, {"modified", item.modified}, {"affectedProjects", item.projects}};
        auto records = vuln::read_osv_json(item.header_json);
        if (records && !records->empty()) {
            const auto& a = records->front();
            out["published"] = a.published;
            out["summary"] = a.summary;
            out["aliases"] = a.aliases;
            out["severity"] = vuln::severity_of(a);
            out["withdrawn"] = !a.withdrawn.empty();
        }
        items.push_back(std::move(out));
    }
    return json_response({{"items", items}, {"total", page->total}, {"offset", *offset}});
}

} // namespace kaiyuan::server
