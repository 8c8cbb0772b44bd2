/// Components: a project's inventory, its dependency graph, the search across the portfolio, the
/// licenses in use and the difference between two project versions.
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/vers.hpp"

#include <map>
#include <unordered_map>

namespace kaiyuan::store {

namespace {

constexpr const char* k_columns =
    "c.idx, c.type, c.name, c.version, c.purl, c.purl_type, c.purl_namespace, c.purl_name, "
    "c.purl_version, "
    "c.purl_qualifiers, c.purl_subpath, c.cpe, c.license_declared, c.license_concluded, "
    "c.supplier, c.scope, "
    "c.bom_ref, s.uuid, s.source, p.uuid, p.name, p.version, c.sbom_id";

/// The component columns, with its hashes as "ALG:hex ALG:hex" (one subquery per row, by index,
/// instead of a query per SBOM afterwards).
std::string columns(Dialect d) {
    return std::string(k_columns) + (d == Dialect::sqlite
                                         ? ", (SELECT group_concat(h.algorithm || ':' || h.value, "
                                           "' ') FROM component_hashes h "
                                           "WHERE h.sbom_id = c.sbom_id AND h.idx = c.idx)"
                                         : ", (SELECT string_agg(h.algorithm || ':' || h.value, ' "
                                           "') FROM component_hashes h "
                                           "WHERE h.sbom_id = c.sbom_id AND h.idx = c.idx)");
}

StoredComponent component_from(const Row& r) {
    StoredComponent c;
    c.index = r.integer(0);
    c.type = r.text(1);
    c.name = r.text(2);
    c.version = r.text(3);
    c.purl = r.text(4);
    c.purl_type = r.text(5);
    c.purl_namespace = r.text(6);
    c.purl_name = r.text(7);
    c.purl_version = r.text(8);
    c.purl_qualifiers = r.text(9);
    c.purl_subpath = r.text(10);
    c.cpe = r.text(11);
    c.license_declared = r.text(12);
    c.license_concluded = r.text(13);
    c.supplier = r.text(14);
    c.scope = r.text(15);
    c.bom_ref = r.text(16);
    c.sbom_uuid = r.text(17);
    c.source = r.text(18);
    c.project_uuid = r.text(19);
    c.project_name = r.text(20);
    c.project_version = r.text(21);
    if (r.cells.size() > 23)
        for (auto h : util::split(r.text(23), ' ')) {
            auto colon = h.find(':');
            if (colon != std::string_view::npos)
                c.hashes.push_back(
                    {std::string(h.substr(0, colon)), std::string(h.substr(colon + 1))});
        }
    return c;
}

/// The SBOMs that make up a project's inventory: the latest per source (at or before `at`).
std::string inventory_condition(const std::string& at, std::vector<Value>& params) {
    std::string n = "$" + std::to_string(params.size());
    if (at.empty()) return "s.project_id = " + n + " AND s.is_current = 1";
    params.emplace_back(at);
    std::string t = "$" + std::to_string(params.size());
    return "s.id IN (SELECT max(h.id) FROM sboms h WHERE h.project_id = " + n +
           " AND h.uploaded_at <= " + t + " GROUP BY h.source)";
}

Result<std::vector<StoredComponent>> inventory(Connection& c, std::int64_t project_id) {
    std::vector<Value> params{project_id};
    std::string sql = "SELECT " + columns(c.dialect()) +
                      " FROM components c JOIN sboms s ON s.id = c.sbom_id JOIN projects p ON p.id "
                      "= s.project_id WHERE " +
                      inventory_condition("", params) + " ORDER BY c.purl, c.name, c.version";
    auto rows = c.query(sql, std::span<const Value>(params));
    if (!rows) return unexpected(rows.error());
    std::vector<StoredComponent> out;
    for (const auto& r : *rows)
        out.push_back(component_from(r));
    return out;
}

std::string change_key(const StoredComponent& c) {
    if (!c.purl_type.empty())
        return "pkg:" + c.purl_type + "/" +
               (c.purl_namespace.empty() ? "" : c.purl_namespace + "/") + c.purl_name;
    return c.name;
}

std::string license_of(const StoredComponent& c) {
    return c.license_concluded.empty() ? c.license_declared : c.license_concluded;
}

} // namespace

Result<Page<StoredComponent>> Store::project_components(const Access& a,
                                                        const std::string& project_uuid,
                                                        std::size_t limit, std::size_t offset,
                                                        const std::string& at, const std::string& q,
                                                        const std::string& sort) {
    static const std::map<std::string, std::string, std::less<>> sort_columns = {
        {"name", "c.name"}, {"version", "c.version"},          {"purl", "c.purl"},
        {"type", "c.type"}, {"license", "c.license_declared"},
    };
    std::string order = "c.purl, c.name, c.version";
    if (!sort.empty()) {
        bool descending = sort.front() == '-';
        auto it = sort_columns.find(std::string_view(sort).substr(descending ? 1 : 0));
        if (it == sort_columns.end())
            return invalid("sort by name, version, purl, type or license (a leading - for "
                           "descending), not '" +
                           sort + "'");
        order = it->second + (descending ? " DESC" : "") + ", c.name, c.version";
    }
    return with_connection([&](Connection& c) -> Result<Page<StoredComponent>> {
        auto id = visible_project(c, a, project_uuid);
        if (!id) return unexpected(id.error());
        std::vector<Value> params{*id};
        std::string where = inventory_condition(at, params);
        if (!q.empty()) {
            // instr, not LIKE: the user's % and _ are plain characters here.
            params.emplace_back(util::to_lower(q));
            std::string n = "$" + std::to_string(params.size());
            where += c.dialect() == Dialect::postgres
                         ? " AND (strpos(lower(c.name), " + n + ") > 0 OR strpos(lower(c.purl), " +
                               n + ") > 0)"
                         : " AND (instr(lower(c.name), " + n + ") > 0 OR instr(lower(c.purl), " +
                               n + ") > 0)";
        }
        std::vector<Value> count_params = params;
        auto counted = c.query(
            "SELECT count(*) FROM components c JOIN sboms s ON s.id = c.sbom_id WHERE " + where,
            std::span<const Value>(count_params));
        if (!counted) return unexpected(counted.error());
        params.emplace_back(static_cast<std::int64_t>(std::clamp<std::size_t>(limit, 1, 10000)));
        std::string l = "$" + std::to_string(params.size());
        params.emplace_back(static_cast<std::int64_t>(offset));
        std::string o = "$" + std::to_string(params.size());
        std::string sql = "SELECT " + columns(c.dialect()) +
                          " FROM components c JOIN sboms s ON s.id = c.sbom_id JOIN projects p ON "
                          "p.id = s.project_id WHERE " +
                          where + " ORDER BY " + order + ", s.id, c.idx LIMIT " + l + " OFFSET " +
                          o;
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        Page<StoredComponent> page;
        page.total = counted->front().integer(0);
        for (const auto& r : *rows)
            page.items.push_back(component_from(r));
        return page;
    });
}

Result<std::vector<StoredDependency>> Store::project_dependencies(const Access& a,
                                                                  const std::string& project_uuid) {
    return with_connection([&](Connection& c) -> Result<std::vector<StoredDependency>> {
        auto id = visible_project(c, a, project_uuid);
        if (!id) return unexpected(id.error());
        std::vector<Value> params{*id};
        std::string sql = "SELECT d.from_idx, d.to_idx, d.type, s.uuid FROM dependencies d JOIN "
                          "sboms s ON s.id = "
                          "d.sbom_id WHERE " +
                          inventory_condition("", params) + " ORDER BY s.id, d.from_idx, d.to_idx";
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        std::vector<StoredDependency> out;
        for (const auto& r : *rows)
            out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3)});
        return out;
    });
}

Result<Page<StoredComponent>> Store::search_components(const Access& a, const ComponentQuery& q) {
    std::vector<Value> params;
    std::string where;
    auto add = [&](std::string cond, Value v) {
        params.push_back(std::move(v));
        std::string n = "$" + std::to_string(params.size());
        for (std::size_t at; (at = cond.find('?')) != std::string::npos;)
            cond.replace(at, 1, n);
        where += (where.empty() ? "" : " AND ") + cond;
    };
    std::optional<version::VersRange> range;
    if (!q.purl.empty()) {
        auto purl = model::Purl::parse(q.purl);
        if (!purl) return invalid("purl '" + q.purl + "': " + purl.error().message);
        add("c.purl_type = ?", purl->type);
        add("c.purl_name = ?", purl->name);
        add("c.purl_namespace = ?", purl->namespace_);
        if (!purl->version.empty()) add("c.purl_version = ?", purl->version);
        if (!purl->qualifiers.empty()) {
            std::string text;
            for (const auto& [k, v] : purl->qualifiers)
                if (!v.empty()) text += (text.empty() ? "" : "&") + k + "=" + model::purl_encode(v);
            add("c.purl_qualifiers = ?", text);
        }
        if (!purl->subpath.empty()) add("c.purl_subpath = ?", purl->subpath);
        if (!q.vers.empty()) {
            if (!purl->version.empty())
                return invalid("give either a purl with a version or a vers range, not both");
            auto parsed = version::VersRange::parse(q.vers);
            if (!parsed) return invalid(parsed.error().message);
            range = std::move(*parsed);
        }
    } else if (!q.vers.empty()) {
        return invalid(
            "a vers range needs a purl without a version to say which package it ranges over");
    }
    if (!q.purl_prefix.empty()) {
        if (!q.purl_prefix.starts_with("pkg:")) return invalid("a purl prefix starts with 'pkg:'");
        add("substr(c.purl, 1, length(CAST(? AS TEXT))) = ?", q.purl_prefix);
    }
    if (!q.name.empty()) add("c.name = ?", q.name);
    if (!q.hash.empty())
        add("EXISTS (SELECT 1 FROM component_hashes h WHERE h.sbom_id = c.sbom_id AND h.idx = "
            "c.idx "
            "AND h.value = ?)",
            util::to_lower(q.hash));
    if (where.empty()) return invalid("say what to search for: purl, purlPrefix, name or hash");
    if (!q.project_uuid.empty()) add("p.uuid = ?", q.project_uuid);
    where += " AND s.is_current = 1 AND " + visible_condition(a, params);
    std::size_t limit = std::clamp<std::size_t>(q.limit, 1, 1000);
    return with_connection([&](Connection& c) -> Result<Page<StoredComponent>> {
        // In upload order: the order of the search indexes, so a page is read without sorting
        // every match (components_purl_name ends with sbom_id, idx).
        const std::string from =
            " FROM components c JOIN sboms s ON s.id = c.sbom_id JOIN projects p ON "
            "p.id = s.project_id WHERE " +
            where;
        const std::string order = " ORDER BY c.sbom_id, c.idx";
        Page<StoredComponent> page;
        Rows kept;
        if (!range) {
            std::vector<Value> count_params = params;
            auto counted = c.query("SELECT count(*)" + from, std::span<const Value>(count_params));
            if (!counted) return unexpected(counted.error());
            page.total = counted->front().integer(0);
            std::vector<Value> page_params = params;
            page_params.emplace_back(static_cast<std::int64_t>(limit));
            page_params.emplace_back(static_cast<std::int64_t>(q.offset));
            std::string sql = "SELECT " + columns(c.dialect()) + from + order + " LIMIT $" +
                              std::to_string(page_params.size() - 1) + " OFFSET $" +
                              std::to_string(page_params.size());
            auto rows = c.query(sql, std::span<const Value>(page_params));
            if (!rows) return unexpected(rows.error());
            kept = std::move(*rows);
        } else {
            // Every version of the package (keys and versions only), filtered by the range with
            // the scheme's own order, each distinct version decided once; then the page's rows.
            auto candidates =
                c.query("SELECT c.sbom_id, c.idx, c.purl_version, c.version" + from + order,
                        std::span<const Value>(params));
            if (!candidates) return unexpected(candidates.error());
            std::unordered_map<std::string, bool> decided;
            std::int64_t matched = 0;
            std::vector<std::pair<std::int64_t, std::int64_t>> wanted; // the page's keys
            for (const auto& r : *candidates) {
                const std::string& v = r.text(2).empty() ? r.text(3) : r.text(2);
                auto it = decided.find(v);
                if (it == decided.end()) {
                    auto in = range->contains(v);
                    // A version the scheme refuses is in no range.
                    it = decided.emplace(v, in && *in).first;
                }
                if (!it->second) continue;
                if (matched >= static_cast<std::int64_t>(q.offset) && wanted.size() < limit)
                    wanted.emplace_back(r.integer(0), r.integer(1));
                ++matched;
            }
            // The page's rows in one statement (not one round trip each), joined with their keys
            // in order.
            if (!wanted.empty()) {
                std::vector<Value> keys;
                std::string pairs;
                for (std::size_t i = 0; i < wanted.size(); ++i) {
                    keys.emplace_back(wanted[i].first);
                    keys.emplace_back(wanted[i].second);
                    keys.emplace_back(static_cast<std::int64_t>(i));
                    std::string n = std::to_string(keys.size());
                    pairs += std::string(i ? ", " : "") + "(CAST($" +
                             std::to_string(keys.size() - 2) + " AS BIGINT), CAST($" +
                             std::to_string(keys.size() - 1) + " AS BIGINT), CAST($" + n +
                             " AS BIGINT))";
                }
                auto rows = c.query("WITH v(s, i, o) AS (VALUES " + pairs + ") SELECT " +
                                        columns(c.dialect()) +
                                        " FROM v JOIN components c ON c.sbom_id = v.s AND c.idx "
                                        "= v.i JOIN sboms s ON s.id = c.sbom_id JOIN projects p "
                                        "ON p.id = s.project_id ORDER BY v.o",
                                    std::span<const Value>(keys));
                if (!rows) return unexpected(rows.error());
                kept = std::move(*rows);
            }
            page.total = matched;
        }
        for (const auto& r : kept)
            page.items.push_back(component_from(r));
        return page;
    });
}

Result<std::vector<LicenseUse>> Store::licenses(const Access& a, const std::string& project_uuid) {
    return with_connection([&](Connection& c) -> Result<std::vector<LicenseUse>> {
        std::vector<Value> params;
        std::string where = "s.is_current = 1 AND " + visible_condition(a, params);
        if (!project_uuid.empty()) {
            auto id = visible_project(c, a, project_uuid);
            if (!id) return unexpected(id.error());
            params.emplace_back(*id);
            where += " AND p.id = $" + std::to_string(params.size());
        }
        auto rows = c.query(
            "SELECT lic, count(*), count(DISTINCT pid) FROM (SELECT CASE WHEN c.license_concluded "
            "<> '' "
            "THEN c.license_concluded ELSE c.license_declared END AS lic, p.id AS pid FROM "
            "components c "
            "JOIN sboms s ON s.id = c.sbom_id JOIN projects p ON p.id = s.project_id WHERE " +
                where + ") u GROUP BY lic ORDER BY count(*) DESC, lic",
            std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        std::vector<LicenseUse> out;
        for (const auto& r : *rows)
            out.push_back({r.text(0), r.integer(1), r.integer(2)});
        return out;
    });
}

Result<ProjectDiff> Store::diff_projects(const Access& a, const std::string& from_uuid,
                                         const std::string& to_uuid) {
    return with_connection([&](Connection& c) -> Result<ProjectDiff> {
        auto from_id = visible_project(c, a, from_uuid);
        if (!from_id) return unexpected(from_id.error());
        auto to_id = visible_project(c, a, to_uuid);
        if (!to_id) return unexpected(to_id.error());
        auto before = inventory(c, *from_id);
        if (!before) return unexpected(before.error());
        auto after = inventory(c, *to_id);
        if (!after) return unexpected(after.error());
        // One entry per package (purl without version, else name); several versions of one
        // package on a side are compared as a sorted list.
        std::map<std::string, std::vector<const StoredComponent*>> b, f;
        for (const auto& x : *before)
            b[change_key(x)].push_back(&x);
        for (const auto& x : *after)
            f[change_key(x)].push_back(&x);
        ProjectDiff d;
        for (const auto& [key, olds] : b) {
            auto it = f.find(key);
            if (it == f.end()) {
                for (const auto* x : olds)
                    d.removed.push_back(*x);
                continue;
            }
            auto versions = [](const std::vector<const StoredComponent*>& v) {
                std::vector<std::string> out;
                for (const auto* x : v)
                    out.push_back(x->version);
                std::sort(out.begin(), out.end());
                out.erase(std::unique(out.begin(), out.end()), out.end());
                return util::join(out, ", ");
            };
            std::string vb = versions(olds), va = versions(it->second);
            std::string lb = license_of(*olds.front()), la = license_of(*it->second.front());
            if (vb == va && lb == la) {
                ++d.unchanged;
                continue;
            }
            d.changed.push_back({key, olds.front()->name, vb, va, lb, la});
        }
        for (const auto& [key, news] : f)
            if (!b.count(key))
                for (const auto* x : news)
                    d.added.push_back(*x);
        return d;
    });
}

} // namespace kaiyuan::store
