/// Metrics: a project's counts of components and findings by severity and triage, computed from
/// its current SBOMs, recorded whenever its findings change (in that change's transaction) and
/// daily, so that the series shows the portfolio over time.
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace kaiyuan::store {

namespace {

/// Adds the counts of a JSON object {"permissive": 3, ...} (or {"in_triage": 2, ...}) to `sum`.
void add_categories(std::map<std::string, std::int64_t>& sum, const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return;
    for (const auto& [k, v] : j.items())
        if (v.is_number_integer()) sum[k] += v.get<std::int64_t>();
}

/// The counts of the projects `where` selects (a condition on projects p, with `params`), by
/// project id: component counts from the current SBOMs' records, findings counted here.
Result<std::map<std::int64_t, Metrics>> count_projects(Connection& c, const std::string& where,
                                                       std::span<const Value> params) {
    std::map<std::int64_t, Metrics> out;
    auto projects = c.query("SELECT p.id, (SELECT COALESCE(SUM(s.component_count), 0) FROM sboms "
                            "s WHERE s.project_id = p.id AND s.is_current = 1) FROM projects p "
                            "WHERE " +
                                where,
                            params);
    if (!projects) return unexpected(projects.error());
    for (const Row& row : *projects)
        out[row.integer(0)].components = row.integer(1);
    auto licenses = c.query("SELECT s.project_id, s.licenses FROM sboms s JOIN projects p ON p.id "
                            "= s.project_id WHERE s.is_current = 1 AND " +
                                where,
                            params);
    if (!licenses) return unexpected(licenses.error());
    for (const Row& row : *licenses)
        add_categories(out[row.integer(0)].licenses, row.text(1));
    auto violations = c.query("SELECT v.project_id, count(*) FROM violations v JOIN projects p ON "
                              "p.id = v.project_id WHERE " +
                                  where + " GROUP BY v.project_id",
                              params);
    if (!violations) return unexpected(violations.error());
    for (const Row& row : *violations)
        out[row.integer(0)].violations = row.integer(1);
    auto findings = c.query(
        "SELECT f.project_id, f.sbom_id, f.idx, f.advisory_id, f.severity, "
        "COALESCE(a.suppressed, 0), COALESCE(a.state, 'not_set') FROM findings f JOIN projects p "
        "ON p.id = f.project_id LEFT JOIN analyses a ON a.project_id = f.project_id AND "
        "a.component_key = f.component_key AND a.advisory_id = f.advisory_id WHERE " +
            where + " ORDER BY f.project_id",
        params);
    if (!findings) return unexpected(findings.error());
    std::int64_t project = -1;
    std::set<std::pair<std::int64_t, std::int64_t>> components;
    std::set<std::string> advisories;
    auto close = [&] {
        if (project < 0) return;
        out[project].vulnerable_components = static_cast<std::int64_t>(components.size());
        out[project].vulnerabilities = static_cast<std::int64_t>(advisories.size());
        components.clear();
        advisories.clear();
    };
    for (const Row& row : *findings) {
        if (row.integer(0) != project) {
            close();
            project = row.integer(0);
        }
        Metrics& m = out[project];
        ++m.states[row.text(6)];
        if (row.text(6) != "not_set") ++m.audited;
        if (row.integer(5) != 0) {
            ++m.suppressed;
            continue;
        }
        components.insert({row.integer(1), row.integer(2)});
        advisories.insert(row.text(3));
        const std::string& severity = row.text(4);
        ++(severity == "critical" ? m.critical
           : severity == "high"   ? m.high
           : severity == "medium" ? m.medium
           : severity == "low"    ? m.low
                                  : m.unassigned);
    }
    close();
    return out;
}

Metrics metrics_from(const Row& row, std::size_t first) {
    Metrics m;
    std::int64_t* fields[] = {&m.components,
                              &m.vulnerable_components,
                              &m.vulnerabilities,
                              &m.critical,
                              &m.high,
                              &m.medium,
                              &m.low,
                              &m.unassigned,
                              &m.suppressed,
                              &m.audited};
    for (std::size_t i = 0; i < std::size(fields); ++i)
        *fields[i] = row.integer(first + i);
    m.violations = row.integer(first + std::size(fields));
    add_categories(m.licenses, row.text(first + std::size(fields) + 1));
    add_categories(m.states, row.text(first + std::size(fields) + 2));
    return m;
}

constexpr const char* k_metric_columns =
    "components, vulnerable_components, vulnerabilities, critical, high, medium, low, "
    "unassigned, suppressed, audited, violations, licenses, states";

void add(Metrics& sum, const Metrics& m) {
    sum.components += m.components;
    sum.vulnerable_components += m.vulnerable_components;
    sum.vulnerabilities += m.vulnerabilities; // per project: the same advisory counts per project
    sum.critical += m.critical;
    sum.high += m.high;
    sum.medium += m.medium;
    sum.low += m.low;
    sum.unassigned += m.unassigned;
    sum.suppressed += m.suppressed;
    sum.audited += m.audited;
    sum.violations += m.violations;
    for (const auto& [k, v] : m.licenses)
        sum.licenses[k] += v;
    for (const auto& [k, v] : m.states)
        sum.states[k] += v;
}

} // namespace

Result<void> record_metrics(Connection& c, const std::vector<std::int64_t>& project_ids,
                            const std::string& now) {
    for (std::int64_t id : project_ids) {
        std::vector<Value> params{id};
        auto counted = count_projects(c, "p.id = $1", params);
        if (!counted) return unexpected(counted.error());
        if (counted->empty()) continue;
        const Metrics& m = counted->begin()->second;
        auto r =
            c.query(std::string("INSERT INTO metrics(project_id, at, ") + k_metric_columns +
                        ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                        "$15)",
                    {id, now, m.components, m.vulnerable_components, m.vulnerabilities, m.critical,
                     m.high, m.medium, m.low, m.unassigned, m.suppressed, m.audited, m.violations,
                     nlohmann::json(m.licenses).dump(), nlohmann::json(m.states).dump()});
        if (!r) return unexpected(r.error());
    }
    return {};
}

Result<Metrics> Store::project_metrics(const Access& a, const std::string& uuid) {
    return with_connection([&](Connection& c) -> Result<Metrics> {
        auto id = visible_project(c, a, uuid);
        if (!id) return unexpected(id.error());
        std::vector<Value> params{*id};
        auto counted = count_projects(c, "p.id = $1", params);
        if (!counted) return unexpected(counted.error());
        Metrics m = counted->empty() ? Metrics{} : counted->begin()->second;
        m.at = util::utc_now();
        return m;
    });
}

Result<std::vector<Metrics>> Store::project_metrics_series(const Access& a, const std::string& uuid,
                                                           const std::string& since) {
    return with_connection([&](Connection& c) -> Result<std::vector<Metrics>> {
        auto id = visible_project(c, a, uuid);
        if (!id) return unexpected(id.error());
        auto rows = c.query(std::string("SELECT at, ") + k_metric_columns +
                                " FROM metrics WHERE project_id = $1 AND at >= $2 ORDER BY at, id",
                            {*id, since});
        if (!rows) return unexpected(rows.error());
        std::vector<Metrics> out;
        for (const Row& row : *rows) {
            Metrics m = metrics_from(row, 1);
            m.at = row.text(0);
            out.push_back(m);
        }
        return out;
    });
}

Result<Metrics> Store::portfolio_metrics(const Access& a) {
    return with_connection([&](Connection& c) -> Result<Metrics> {
        std::vector<Value> params;
        std::string where = visible_condition(a, params);
        auto counted = count_projects(c, where, params);
        if (!counted) return unexpected(counted.error());
        Metrics sum;
        sum.projects = static_cast<std::int64_t>(counted->size());
        for (const auto& [id, m] : *counted)
            add(sum, m);
        sum.at = util::utc_now();
        return sum;
    });
}

Result<std::vector<Metrics>> Store::portfolio_metrics_series(const Access& a,
                                                             const std::string& since) {
    return with_connection([&](Connection& c) -> Result<std::vector<Metrics>> {
        std::vector<Value> params{since};
        // Built before the call: visible_condition() adds to `params`, which the span views.
        std::string sql = std::string("SELECT m.project_id, substr(m.at, 1, 10), ") +
                          k_metric_columns +
                          " FROM metrics m JOIN projects p ON p.id = m.project_id WHERE "
                          "m.at >= $1 AND " +
                          visible_condition(a, params) + " ORDER BY m.at, m.id";
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        // Each day: every project's last record so far, summed.
        std::map<std::int64_t, Metrics> last;
        std::vector<Metrics> out;
        std::string day;
        auto close_day = [&] {
            if (day.empty()) return;
            Metrics sum;
            sum.at = day;
            sum.projects = static_cast<std::int64_t>(last.size());
            for (const auto& [id, m] : last)
                add(sum, m);
            out.push_back(sum);
        };
        for (const Row& row : *rows) {
            if (row.text(1) != day) {
                close_day();
                day = row.text(1);
            }
            last[row.integer(0)] = metrics_from(row, 2);
        }
        close_day();
        return out;
    });
}

Result<std::int64_t> Store::record_all_metrics() {
    return with_connection([&](Connection& c) -> Result<std::int64_t> {
        auto ids = c.query("SELECT id FROM projects ORDER BY id");
        if (!ids) return unexpected(ids.error());
        std::vector<std::int64_t> list;
        for (const Row& row : *ids)
            list.push_back(row.integer(0));
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        if (auto r = record_metrics(c, list, util::utc_now()); !r) return unexpected(r.error());
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return static_cast<std::int64_t>(list.size());
    });
}

} // namespace kaiyuan::store

namespace kaiyuan::store {

Result<std::vector<ProjectRisk>> Store::projects_at_risk(const Access& a, std::size_t limit) {
    using Ranked = std::vector<std::pair<std::string, ProjectRisk>>;
    auto ranked = with_connection([&](Connection& c) -> Result<Ranked> {
        std::vector<Value> params;
        std::string where = visible_condition(a, params);
        auto counted = count_projects(c, where, params);
        if (!counted) return unexpected(counted.error());
        std::vector<std::pair<std::int64_t, ProjectRisk>> all;
        for (const auto& [id, m] : *counted) {
            ProjectRisk r;
            r.metrics = m;
            r.risk = m.critical * 10 + m.high * 5 + m.medium * 3 + m.low + m.unassigned * 5;
            if (r.risk > 0) all.emplace_back(id, std::move(r));
        }
        auto by_risk = [](const auto& x, const auto& y) {
            if (x.second.risk != y.second.risk) return x.second.risk > y.second.risk;
            return x.second.metrics.findings() > y.second.metrics.findings();
        };
        std::size_t n = std::min(limit, all.size());
        std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(n), all.end(), by_risk);
        Ranked out;
        for (std::size_t i = 0; i < n; ++i) {
            auto uuid = c.query("SELECT uuid FROM projects WHERE id = $1", {all[i].first});
            if (!uuid) return unexpected(uuid.error());
            if (!uuid->empty()) out.emplace_back(uuid->front().text(0), std::move(all[i].second));
        }
        return out;
    });
    if (!ranked) return unexpected(ranked.error());
    std::vector<ProjectRisk> out;
    for (auto& [uuid, r] : *ranked) {
        auto p = get_project(a, uuid);
        if (!p) continue; // deleted meanwhile
        r.project = std::move(*p);
        r.metrics.at = util::utc_now();
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace kaiyuan::store
