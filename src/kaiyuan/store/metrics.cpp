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

/// Reads a flat object of counts as the store writes them ({"permissive":3,"none":20}: plain
/// keys, integers) without a JSON library: the portfolio's series reads tens of thousands of
/// them per request. False for anything else (the caller then parses it properly).
bool add_flat_counts(std::map<std::string, std::int64_t>& sum, std::string_view text) {
    std::vector<std::pair<std::string_view, std::int64_t>> found;
    std::size_t i = 0;
    auto space = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\n'))
            ++i;
    };
    space();
    if (i >= text.size() || text[i++] != '{') return false;
    space();
    if (i < text.size() && text[i] == '}') return true;
    while (true) {
        space();
        if (i >= text.size() || text[i++] != '"') return false;
        std::size_t start = i;
        while (i < text.size() && text[i] != '"' && text[i] != '\\')
            ++i;
        if (i >= text.size() || text[i] != '"') return false;
        std::string_view key = text.substr(start, i++ - start);
        space();
        if (i >= text.size() || text[i++] != ':') return false;
        space();
        bool negative = i < text.size() && text[i] == '-';
        if (negative) ++i;
        std::size_t digits = i;
        std::int64_t v = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits < 18)
            v = v * 10 + (text[i++] - '0');
        if (i == digits || (i < text.size() && text[i] >= '0' && text[i] <= '9')) return false;
        found.emplace_back(key, negative ? -v : v);
        space();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        if (i < text.size() && text[i] == '}') break;
        return false;
    }
    for (const auto& [k, v] : found)
        sum[std::string(k)] += v;
    return true;
}

/// Adds the counts of a JSON object {"permissive": 3, ...} (or {"in_triage": 2, ...}) to `sum`.
void add_categories(std::map<std::string, std::int64_t>& sum, const std::string& text) {
    if (add_flat_counts(sum, text)) return;
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

bool same_counts(const Metrics& a, const Metrics& b) {
    return a.components == b.components && a.vulnerable_components == b.vulnerable_components &&
           a.vulnerabilities == b.vulnerabilities && a.critical == b.critical && a.high == b.high &&
           a.medium == b.medium && a.low == b.low && a.unassigned == b.unassigned &&
           a.suppressed == b.suppressed && a.audited == b.audited && a.violations == b.violations &&
           a.licenses == b.licenses && a.states == b.states;
}

void subtract(Metrics& sum, const Metrics& m) {
    Metrics negative = m;
    std::int64_t* fields[] = {&negative.components,
                              &negative.vulnerable_components,
                              &negative.vulnerabilities,
                              &negative.critical,
                              &negative.high,
                              &negative.medium,
                              &negative.low,
                              &negative.unassigned,
                              &negative.suppressed,
                              &negative.audited,
                              &negative.violations};
    for (auto* f : fields)
        *f = -*f;
    for (auto& [k, v] : negative.licenses)
        v = -v;
    for (auto& [k, v] : negative.states)
        v = -v;
    add(sum, negative);
    // A category that went to zero is not shown as a zero.
    std::erase_if(sum.licenses, [](const auto& kv) { return kv.second == 0; });
    std::erase_if(sum.states, [](const auto& kv) { return kv.second == 0; });
}

} // namespace

Result<std::int64_t> record_metrics(Connection& c, const std::vector<std::int64_t>& project_ids,
                                    const std::string& now, bool only_changed) {
    std::int64_t recorded = 0;
    for (std::int64_t id : project_ids) {
        std::vector<Value> params{id};
        auto counted = count_projects(c, "p.id = $1", params);
        if (!counted) return unexpected(counted.error());
        if (counted->empty()) continue;
        const Metrics& m = counted->begin()->second;
        if (only_changed) {
            auto previous = c.query(std::string("SELECT ") + k_metric_columns +
                                        " FROM metrics WHERE project_id = $1 ORDER BY at DESC, "
                                        "id DESC LIMIT 1",
                                    {id});
            if (!previous) return unexpected(previous.error());
            if (!previous->empty() && same_counts(metrics_from(previous->front(), 0), m)) continue;
        }
        auto r =
            c.query(std::string("INSERT INTO metrics(project_id, at, ") + k_metric_columns +
                        ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                        "$15)",
                    {id, now, m.components, m.vulnerable_components, m.vulnerabilities, m.critical,
                     m.high, m.medium, m.low, m.unassigned, m.suppressed, m.audited, m.violations,
                     nlohmann::json(m.licenses).dump(), nlohmann::json(m.states).dump()});
        if (!r) return unexpected(r.error());
        ++recorded;
    }
    return recorded;
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

/// The `top` projects of `counted` by risk score (ties: more findings first), with their UUIDs.
static Result<std::vector<std::pair<std::string, ProjectRisk>>>
rank_by_risk(Connection& c, const std::map<std::int64_t, Metrics>& counted, std::size_t top) {
    std::vector<std::pair<std::int64_t, ProjectRisk>> all;
    for (const auto& [id, m] : counted) {
        ProjectRisk r;
        r.metrics = m;
        r.risk = m.critical * 10 + m.high * 5 + m.medium * 3 + m.low + m.unassigned * 5;
        if (r.risk > 0) all.emplace_back(id, std::move(r));
    }
    auto by_risk = [](const auto& x, const auto& y) {
        if (x.second.risk != y.second.risk) return x.second.risk > y.second.risk;
        return x.second.metrics.findings() > y.second.metrics.findings();
    };
    std::size_t n = std::min(top, all.size());
    std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(n), all.end(), by_risk);
    std::vector<std::pair<std::string, ProjectRisk>> out;
    for (std::size_t i = 0; i < n; ++i) {
        auto uuid = c.query("SELECT uuid FROM projects WHERE id = $1", {all[i].first});
        if (!uuid) return unexpected(uuid.error());
        if (!uuid->empty()) out.emplace_back(uuid->front().text(0), std::move(all[i].second));
    }
    return out;
}

Result<Metrics> Store::portfolio_metrics(const Access& a, std::size_t top,
                                         std::vector<ProjectRisk>* at_risk) {
    using Ranked = std::vector<std::pair<std::string, ProjectRisk>>;
    Ranked ranked;
    auto total = with_connection([&](Connection& c) -> Result<Metrics> {
        std::vector<Value> params;
        std::string where = visible_condition(a, params);
        auto counted = count_projects(c, where, params);
        if (!counted) return unexpected(counted.error());
        Metrics sum;
        sum.projects = static_cast<std::int64_t>(counted->size());
        for (const auto& [id, m] : *counted)
            add(sum, m);
        sum.at = util::utc_now();
        if (at_risk && top > 0) {
            auto r = rank_by_risk(c, *counted, top);
            if (!r) return unexpected(r.error());
            ranked = std::move(*r);
        }
        return sum;
    });
    if (!total) return total;
    if (at_risk) *at_risk = with_projects(a, std::move(ranked));
    return total;
}

Result<std::vector<Metrics>> Store::portfolio_metrics_series(const Access& a,
                                                             const std::string& since) {
    return with_connection([&](Connection& c) -> Result<std::vector<Metrics>> {
        // Records are written when a project's counts change (and the daily record only when
        // they changed), so a project's counts at `since` are its last record before it.
        std::vector<Value> base_params{since};
        std::string base_sql =
            std::string("SELECT m.project_id, '', ") + k_metric_columns +
            " FROM projects p JOIN metrics m ON m.id = (SELECT m2.id FROM metrics m2 WHERE "
            "m2.project_id = p.id AND m2.at < $1 ORDER BY m2.at DESC, m2.id DESC LIMIT 1) WHERE " +
            visible_condition(a, base_params);
        auto base = c.query(base_sql, std::span<const Value>(base_params));
        if (!base) return unexpected(base.error());
        std::vector<Value> params{since};
        // Built before the call: visible_condition() adds to `params`, which the span views.
        std::string sql = std::string("SELECT m.project_id, substr(m.at, 1, 10), ") +
                          k_metric_columns +
                          " FROM metrics m JOIN projects p ON p.id = m.project_id WHERE "
                          // Only each project's last record of each day counts: picked from the
                          // (at, project_id) index before any row is read.
                          "m.id IN (SELECT max(m3.id) FROM metrics m3 WHERE m3.at >= $1 GROUP BY "
                          "m3.project_id, substr(m3.at, 1, 10)) AND " +
                          visible_condition(a, params) + " ORDER BY m.at, m.id";
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        // Each day: every project's last record so far, summed. The sum is kept as records come
        // (a project's newer record replaces its older one in it), not summed again each day.
        std::map<std::int64_t, Metrics> last;
        std::vector<Metrics> out;
        std::string day;
        Metrics sum;
        for (const Row& row : *base) {
            Metrics m = metrics_from(row, 2);
            add(sum, m);
            last.emplace(row.integer(0), std::move(m));
        }
        // The counts at `since`, when anything was recorded before it.
        if (!last.empty()) {
            Metrics copy = sum;
            copy.at = since.substr(0, 10);
            copy.projects = static_cast<std::int64_t>(last.size());
            out.push_back(std::move(copy));
        }
        auto close_day = [&] {
            if (day.empty()) return;
            Metrics copy = sum;
            copy.at = day;
            copy.projects = static_cast<std::int64_t>(last.size());
            out.push_back(std::move(copy));
        };
        for (const Row& row : *rows) {
            if (row.text(1) != day) {
                close_day();
                day = row.text(1);
            }
            Metrics m = metrics_from(row, 2);
            auto [it, fresh] = last.try_emplace(row.integer(0));
            if (!fresh) subtract(sum, it->second);
            add(sum, m);
            it->second = std::move(m);
        }
        close_day();
        // Carried to today: no record since the last change means the counts still hold.
        std::string today = util::utc_now().substr(0, 10);
        if (!out.empty() && out.back().at < today) {
            Metrics copy = out.back();
            copy.at = today;
            out.push_back(std::move(copy));
        }
        return out;
    });
}

Result<std::int64_t> Store::record_all_metrics() {
    return with_connection([&](Connection& c) -> Result<std::int64_t> {
        // Only the projects with no record yet today: a restart, or a second server on the same
        // PostgreSQL, does not record everything again.
        std::string now = util::utc_now();
        auto ids = c.query("SELECT p.id FROM projects p WHERE NOT EXISTS (SELECT 1 FROM metrics m "
                           "WHERE m.project_id = p.id AND m.at >= $1) ORDER BY p.id",
                           {now.substr(0, 10)});
        if (!ids) return unexpected(ids.error());
        std::vector<std::int64_t> list;
        for (const Row& row : *ids)
            list.push_back(row.integer(0));
        if (list.empty()) return 0;
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto recorded = record_metrics(c, list, now, true);
        if (!recorded) return unexpected(recorded.error());
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return *recorded;
    });
}

} // namespace kaiyuan::store

namespace kaiyuan::store {

Result<std::vector<ProjectRisk>> Store::projects_at_risk(const Access& a, std::size_t limit) {
    std::vector<ProjectRisk> out;
    auto done = portfolio_metrics(a, limit, &out);
    if (!done) return unexpected(done.error());
    return out;
}

std::vector<ProjectRisk>
Store::with_projects(const Access& a, std::vector<std::pair<std::string, ProjectRisk>> ranked) {
    std::vector<ProjectRisk> out;
    for (auto& [uuid, r] : ranked) {
        auto p = get_project(a, uuid);
        if (!p) continue; // deleted meanwhile
        r.project = std::move(*p);
        r.metrics.at = util::utc_now();
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace kaiyuan::store
