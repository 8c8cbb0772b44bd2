/// Browsing the stored advisories: the web UI's advisory list and the dashboard's "newest
/// advisories that hit the portfolio".
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>

namespace kaiyuan::store {

Result<Page<AdvisoryListItem>> Store::list_advisories(const Access& a, const AdvisoryFilter& f) {
    return with_connection([&](Connection& c) -> Result<Page<AdvisoryListItem>> {
        std::vector<Value> params;
        std::string where = "1=1";
        if (!f.q.empty()) {
            params.emplace_back(f.q);
            params.emplace_back("%" + util::to_lower(f.q) + "%");
            where += " AND (a.id = $1 OR a.id IN (SELECT advisory FROM advisory_aliases WHERE "
                     "alias = $1) OR lower(a.header) LIKE $2)";
        }
        if (f.affecting) {
            // EXISTS per advisory is an index seek (findings_advisory); IN (SELECT ...) would read
            // every finding of the portfolio first.
            std::string visible = visible_condition(a, params, "f.project_id");
            where += " AND EXISTS (SELECT 1 FROM findings f WHERE f.advisory_id = a.id AND " +
                     visible + ")";
        }
        auto total = c.query("SELECT count(*) FROM advisories a WHERE " + where,
                             std::span<const Value>(params));
        if (!total) return unexpected(total.error());
        std::vector<Value> page_params = params;
        page_params.emplace_back(std::int64_t(f.limit));
        page_params.emplace_back(std::int64_t(f.offset));
        std::string n = std::to_string(page_params.size());
        std::string sql = "SELECT a.id, a.modified, a.header FROM advisories a WHERE " + where +
                          " ORDER BY a.modified DESC, a.id LIMIT $" +
                          std::to_string(page_params.size() - 1) + " OFFSET $" + n;
        auto rows = c.query(sql, std::span<const Value>(page_params));
        if (!rows) return unexpected(rows.error());
        Page<AdvisoryListItem> page;
        page.total = total->front().integer(0);
        std::vector<Value> ids;
        for (const auto& row : *rows) {
            page.items.push_back({row.text(0), row.text(1), row.text(2), 0});
            ids.emplace_back(row.text(0));
        }
        if (ids.empty()) return page;
        // How many visible projects each advisory of the page affects.
        std::vector<Value> count_params = ids;
        std::string visible = visible_condition(a, count_params, "f.project_id");
        std::string sql2 = "SELECT f.advisory_id, count(DISTINCT f.project_id) FROM findings f "
                           "WHERE f.advisory_id IN (" +
                           placeholders(1, ids.size()) + ") AND " + visible +
                           " GROUP BY f.advisory_id";
        auto counts = c.query(sql2, std::span<const Value>(count_params));
        if (!counts) return unexpected(counts.error());
        std::map<std::string, std::int64_t> by_id;
        for (const auto& row : *counts)
            by_id[row.text(0)] = row.integer(1);
        for (auto& item : page.items)
            if (auto it = by_id.find(item.id); it != by_id.end()) item.projects = it->second;
        return page;
    });
}

} // namespace kaiyuan::store
