/// Findings: what the advisories say about the components of current SBOMs. Written when an SBOM
/// is stored (complete_upload) and replaced per advisory when advisories change (rematch), always
/// in the transaction of the job that computed them; read by project and by advisory.
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/store/notifications.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"

#include <map>
#include <set>
#include <sstream>

namespace kaiyuan::store {

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep))
        if (!part.empty()) out.push_back(part);
    return out;
}

/// advisory.affecting: per advisory, the projects it newly affects (each with its findings),
/// with the advisory's aliases and summary from its stored header.
Result<void>
advisory_events(Connection& c,
                const std::map<std::string, std::map<std::int64_t, nlohmann::json>>& affected,
                const std::map<std::string, std::string>& severity_of, std::vector<Event>& out) {
    if (affected.empty()) return {};
    std::set<std::int64_t> ids;
    for (const auto& [id, projects] : affected)
        for (const auto& [project, body] : projects)
            ids.insert(project);
    std::string list; // the store's own integers
    for (auto id : ids)
        list += (list.empty() ? "" : ",") + std::to_string(id);
    auto rows = c.query("SELECT id, uuid, name, version FROM projects WHERE id IN (" + list + ")");
    if (!rows) return unexpected(rows.error());
    std::map<std::int64_t, nlohmann::json> project_of;
    for (const Row& row : *rows)
        project_of[row.integer(0)] = {
            {"uuid", row.text(1)}, {"name", row.text(2)}, {"version", row.text(3)}};
    for (const auto& [id, projects] : affected) {
        Event e{"advisory.affecting", 0, {}, "projects", {}};
        nlohmann::json advisory{{"id", id}, {"severity", severity_of.at(id)}};
        auto header = c.query("SELECT header FROM advisories WHERE id = $1", {id});
        if (!header) return unexpected(header.error());
        if (!header->empty()) {
            auto h = nlohmann::json::parse(header->front().text(0), nullptr, false);
            if (h.is_object()) {
                if (h.contains("aliases")) advisory["aliases"] = h["aliases"];
                if (h.contains("summary")) advisory["summary"] = h["summary"];
            }
        }
        e.fields["advisory"] = std::move(advisory);
        for (const auto& [project, body] : projects) {
            nlohmann::json part = body;
            part["project"] = project_of[project];
            e.parts.push_back({project, severity_of.at(id), std::move(part)});
        }
        out.push_back(std::move(e));
    }
    return {};
}

} // namespace

std::string placeholders(std::size_t first, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ", $" : "$") + std::to_string(first + i);
    return out;
}

std::string component_key(const std::string& purl_type, const std::string& purl_namespace,
                          const std::string& purl_name, const std::string& purl_version,
                          const std::string& name, const std::string& version) {
    if (purl_type.empty()) return name + "@" + version;
    std::string key = "pkg:" + purl_type + "/";
    if (!purl_namespace.empty()) key += purl_namespace + "/";
    return key + purl_name + (purl_version.empty() ? "" : "@" + purl_version);
}

const std::string_view k_finding_columns[13] = {
    "project_id", "sbom_id",  "idx",   "advisory_id", "ecosystem",     "package",   "version",
    "fixed",      "severity", "score", "path",        "component_key", "first_seen"};

std::vector<Value> finding_row(std::int64_t project_id, std::int64_t sbom_id, const NewFinding& f,
                               const std::string& component_key, const std::string& first_seen) {
    return {project_id, sbom_id,    f.idx,   f.advisory_id, f.ecosystem,   f.package, f.version,
            f.fixed,    f.severity, f.score, f.path,        component_key, first_seen};
}

Result<std::int64_t> Store::rematch_mark() {
    return with_connection([&](Connection& c) -> Result<std::int64_t> {
        auto rows =
            c.query("SELECT COALESCE(MAX(id), 0) FROM jobs WHERE kind = 'advisory-rematch'");
        if (!rows) return unexpected(rows.error());
        return rows->front().integer(0);
    });
}

Result<std::int64_t> Store::rematch(
    const ClaimedJob& job, const std::vector<std::string>& ids,
    const std::function<Result<std::vector<RematchFinding>>(const std::vector<KeyedComponent>&)>&
        evaluate) {
    return with_connection([&](Connection& c) -> Result<std::int64_t> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        // Re-matches and SBOM stores one at a time: each reads what the other committed.
        if (auto r = lock_analysis(c); !r) return unexpected(r.error());
        std::string now = util::utc_now();
        // The payload stays: an SBOM stored meanwhile queues the job again (store_analysis).
        if (auto r = finish_leased_job(c, job, now, true); !r) return unexpected(r.error());
        std::vector<Value> params(ids.begin(), ids.end());
        std::string in = placeholders(1, ids.size());
        std::vector<KeyedComponent> keyed;
        std::map<std::pair<std::int64_t, std::int64_t>, std::string> keys_of;
        std::map<std::pair<std::int64_t, std::int64_t>, nlohmann::json> component_of;
        if (!ids.empty()) {
            auto rows = c.query(
                "SELECT s.project_id, k.sbom_id, k.idx, k.key_no, k.ecosystem, k.release, k.name, "
                "k.version, k.path, c.purl_type, c.purl_namespace, c.purl_name, c.purl_version, "
                "c.name, c.version, c.purl, c.bom_ref FROM (SELECT DISTINCT base, name FROM "
                "advisory_affected WHERE "
                "advisory IN (" +
                    in +
                    ")) a JOIN package_keys k ON k.ecosystem = a.base AND k.name = a.name "
                    "JOIN sboms s ON s.id = k.sbom_id JOIN components c ON c.sbom_id = "
                    "k.sbom_id AND c.idx = k.idx ORDER BY k.sbom_id, k.idx, k.key_no",
                std::span<const Value>(params));
            if (!rows) return unexpected(rows.error());
            for (const Row& row : *rows) {
                KeyedComponent k;
                k.project_id = row.integer(0);
                k.sbom_id = row.integer(1);
                k.key = {row.integer(2), row.integer(3), row.text(4), row.text(5),
                         row.text(6),    row.text(7),    row.text(8)};
                keys_of[{k.sbom_id, k.key.idx}] =
                    component_key(row.text(9), row.text(10), row.text(11), row.text(12),
                                  row.text(13), row.text(14));
                component_of[{k.sbom_id, k.key.idx}] =
                    notified_component(row.text(13), row.text(14), row.text(15), row.text(16));
                keyed.push_back(std::move(k));
            }
        }
        auto found = evaluate(keyed);
        if (!found) return unexpected(found.error());
        std::int64_t count = 0;
        if (!ids.empty()) {
            // When each finding was first seen survives its re-match.
            std::map<std::tuple<std::int64_t, std::int64_t, std::string>, std::string> seen;
            std::set<std::int64_t> touched; // projects whose findings may change
            // What each project had of these advisories: only what is new is announced.
            std::set<std::tuple<std::int64_t, std::string, std::string>> had;
            std::set<std::pair<std::string, std::int64_t>> affected_before;
            auto old = c.query("SELECT sbom_id, idx, advisory_id, first_seen, project_id, "
                               "component_key FROM findings WHERE "
                               "advisory_id IN (" +
                                   in + ")",
                               std::span<const Value>(params));
            if (!old) return unexpected(old.error());
            for (const Row& row : *old) {
                seen[{row.integer(0), row.integer(1), row.text(2)}] = row.text(3);
                touched.insert(row.integer(4));
                had.emplace(row.integer(4), row.text(5), row.text(2));
                affected_before.emplace(row.text(2), row.integer(4));
            }
            if (auto r = c.query("DELETE FROM findings WHERE advisory_id IN (" + in + ")",
                                 std::span<const Value>(params));
                !r)
                return unexpected(r.error());
            std::vector<std::vector<Value>> rows;
            std::map<std::int64_t, Event> new_findings; // by project
            std::map<std::string, std::map<std::int64_t, nlohmann::json>> newly_affected;
            std::map<std::string, std::string> severity_of;
            for (const RematchFinding& f : *found) {
                touched.insert(f.project_id);
                auto s = seen.find({f.sbom_id, f.finding.idx, f.finding.advisory_id});
                const std::string& key = keys_of[{f.sbom_id, f.finding.idx}];
                rows.push_back(finding_row(f.project_id, f.sbom_id, f.finding, key,
                                           s == seen.end() ? now : s->second));
                if (had.contains({f.project_id, key, f.finding.advisory_id})) continue;
                had.emplace(f.project_id, key, f.finding.advisory_id);
                const NewFinding& n = f.finding;
                auto body = finding_json(n.advisory_id, n.severity, n.score, n.fixed,
                                         component_of[{f.sbom_id, n.idx}]);
                Event& e = new_findings[f.project_id];
                if (e.type.empty()) e = {"finding.new", f.project_id, {}, "findings", {}};
                e.parts.push_back({f.project_id, n.severity, body});
                if (affected_before.contains({n.advisory_id, f.project_id})) continue;
                severity_of[n.advisory_id] = n.severity;
                auto& project = newly_affected[n.advisory_id][f.project_id];
                if (project.is_null()) project = {{"findings", nlohmann::json::array()}};
                project["findings"].push_back(std::move(body));
            }
            if (auto r = c.insert_rows("findings", k_finding_columns, rows); !r)
                return unexpected(r.error());
            count = static_cast<std::int64_t>(rows.size());
            if (auto r = record_metrics(c, {touched.begin(), touched.end()}, now); !r)
                return unexpected(r.error());
            std::vector<Event> events;
            for (auto& [project, e] : new_findings)
                events.push_back(std::move(e));
            if (auto r = advisory_events(c, newly_affected, severity_of, events); !r)
                return unexpected(r.error());
            if (auto r = notify(c, events, now); !r) return unexpected(r.error());
        }
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return count;
    });
}

Result<FindingPage> Store::findings(const Access& a, const FindingFilter& f) {
    return with_connection([&](Connection& c) -> Result<FindingPage> {
        std::vector<Value> params;
        std::string where = "WHERE " + visible_condition(a, params);
        if (!f.project_uuid.empty()) {
            params.emplace_back(f.project_uuid);
            where += " AND p.uuid = $" + std::to_string(params.size());
        }
        if (!f.advisory_ids.empty()) {
            where += " AND f.advisory_id IN (" +
                     placeholders(params.size() + 1, f.advisory_ids.size()) + ")";
            params.insert(params.end(), f.advisory_ids.begin(), f.advisory_ids.end());
        }
        if (f.active) where += *f.active ? " AND p.active = 1" : " AND p.active = 0";
        if (f.latest) where += *f.latest ? " AND p.is_latest = 1" : " AND p.is_latest = 0";
        if (!f.tag.empty()) {
            params.emplace_back(f.tag);
            where += " AND EXISTS (SELECT 1 FROM project_tags t WHERE t.project_id = p.id AND "
                     "t.tag = $" +
                     std::to_string(params.size()) + ")";
        }
        std::string from =
            " FROM findings f JOIN projects p ON p.id = f.project_id LEFT JOIN analyses a ON "
            "a.project_id = f.project_id AND a.component_key = f.component_key AND "
            "a.advisory_id = f.advisory_id ";
        if (!f.include_suppressed) where += " AND COALESCE(a.suppressed, 0) = 0";
        FindingPage page;
        auto total = c.query("SELECT count(*), count(DISTINCT f.project_id)" + from + where,
                             std::span<const Value>(params));
        if (!total) return unexpected(total.error());
        page.total = total->front().integer(0);
        page.projects = total->front().integer(1);
        std::size_t limit = std::min<std::size_t>(f.limit, 10000);
        params.emplace_back(static_cast<std::int64_t>(limit));
        params.emplace_back(static_cast<std::int64_t>(f.offset));
        // The page is chosen from the findings, projects and triage alone; only its rows are
        // joined with their components and SBOMs (not every match before the sort).
        std::string page_sql =
            "SELECT f.advisory_id, f.severity, f.score, f.ecosystem, f.package, f.version AS "
            "f_version, f.fixed, f.path, f.first_seen, f.sbom_id, f.idx, p.uuid AS p_uuid, "
            "p.name AS p_name, p.version AS p_version, a.state, a.justification, a.response, "
            "a.details, a.suppressed, a.updated_at, f.component_key" +
            from + where + " ORDER BY p.name, p.version, f.sbom_id, f.idx, f.advisory_id LIMIT $" +
            std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size());
        auto rows = c.query(
            "SELECT x.advisory_id, x.severity, x.score, x.ecosystem, x.package, x.f_version, "
            "x.fixed, x.path, x.first_seen, x.sbom_id, x.idx, c.type, c.name, c.version, c.purl, "
            "c.bom_ref, c.license_concluded, c.license_declared, x.p_uuid, x.p_name, "
            "x.p_version, s.uuid, s.source, x.state, x.justification, x.response, x.details, "
            "x.suppressed, x.updated_at, x.component_key FROM (" +
                page_sql +
                ") x JOIN sboms s ON s.id = x.sbom_id JOIN components c ON c.sbom_id = x.sbom_id "
                "AND c.idx = x.idx ORDER BY x.p_name, x.p_version, x.sbom_id, x.idx, "
                "x.advisory_id",
            std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        // The dependency paths' components, read in one statement per thousand.
        std::set<std::pair<std::int64_t, std::int64_t>> wanted;
        for (const Row& row : *rows)
            for (const auto& i : split(row.text(7), ' '))
                wanted.emplace(row.integer(9), std::stoll(i));
        std::map<std::pair<std::int64_t, std::int64_t>, std::string> names;
        std::vector<std::pair<std::int64_t, std::int64_t>> all(wanted.begin(), wanted.end());
        for (std::size_t start = 0; start < all.size(); start += 1000) {
            std::vector<Value> p;
            std::string pairs;
            for (std::size_t i = start; i < all.size() && i < start + 1000; ++i) {
                p.emplace_back(all[i].first);
                p.emplace_back(all[i].second);
                pairs += std::string(pairs.empty() ? "" : ", ") + "(CAST($" +
                         std::to_string(p.size() - 1) + " AS BIGINT), CAST($" +
                         std::to_string(p.size()) + " AS BIGINT))";
            }
            // A join with the pairs (SQLite scans the whole table for a row-value IN).
            auto named = c.query("WITH v(s, i) AS (VALUES " + pairs +
                                     ") SELECT c.sbom_id, c.idx, c.purl, c.name, c.version FROM "
                                     "v JOIN components c ON c.sbom_id = v.s AND c.idx = v.i",
                                 std::span<const Value>(p));
            if (!named) return unexpected(named.error());
            for (const Row& n : *named)
                names[{n.integer(0), n.integer(1)}] =
                    n.text(2).empty() ? n.text(3) + "@" + n.text(4) : n.text(2);
        }
        for (const Row& row : *rows) {
            StoredFinding out;
            out.advisory_id = row.text(0);
            out.severity = row.text(1);
            out.score = static_cast<double>(row.integer(2)) / 10.0;
            out.ecosystem = row.text(3);
            out.package = row.text(4);
            out.version = row.text(5);
            out.fixed = split(row.text(6), '\n');
            for (const auto& i : split(row.text(7), ' '))
                out.path.push_back(names[{row.integer(9), std::stoll(i)}]);
            out.first_seen = row.text(8);
            StoredComponent& comp = out.component;
            comp.index = row.integer(10);
            comp.type = row.text(11);
            comp.name = row.text(12);
            comp.version = row.text(13);
            comp.purl = row.text(14);
            comp.bom_ref = row.text(15);
            comp.license_concluded = row.text(16);
            comp.license_declared = row.text(17);
            comp.project_uuid = row.text(18);
            comp.project_name = row.text(19);
            comp.project_version = row.text(20);
            comp.sbom_uuid = row.text(21);
            comp.source = row.text(22);
            if (!row.is_null(23)) {
                out.triage.state = row.text(23);
                out.triage.justification = row.text(24);
                out.triage.response = row.text(25);
                out.triage.details = row.text(26);
                out.triage.suppressed = row.integer(27) != 0;
                out.triage.updated_at = row.text(28);
            }
            out.component_key = row.text(29);
            page.items.push_back(std::move(out));
        }
        // The advisories' headers, once per advisory (not per row: sorted rows would carry
        // them).
        std::set<std::string> ids;
        for (const auto& item : page.items)
            ids.insert(item.advisory_id);
        if (!ids.empty()) {
            std::vector<Value> p(ids.begin(), ids.end());
            auto headers = c.query("SELECT id, header FROM advisories WHERE id IN (" +
                                       placeholders(1, p.size()) + ")",
                                   std::span<const Value>(p));
            if (!headers) return unexpected(headers.error());
            std::map<std::string, std::string> header_of;
            for (const Row& h : *headers)
                header_of[h.text(0)] = h.text(1);
            for (auto& item : page.items)
                item.advisory_json = header_of[item.advisory_id];
        }
        return page;
    });
}

} // namespace kaiyuan::store

namespace kaiyuan::store {

namespace {

// CycloneDX 1.6 vulnerability analysis vocabulary (impactAnalysisState,
// impactAnalysisJustification, vulnerability.analysis.response).
constexpr std::string_view k_states[] = {"exploitable",  "in_triage", "false_positive",
                                         "not_affected", "resolved",  "not_set"};
constexpr std::string_view k_justifications[] = {
    "code_not_present",     "code_not_reachable",     "requires_configuration",
    "requires_dependency",  "requires_environment",   "protected_by_compiler",
    "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control"};
constexpr std::string_view k_responses[] = {"can_not_fix", "will_not_fix", "update", "rollback",
                                            "workaround_available"};

template <std::size_t N> bool one_of(std::string_view word, const std::string_view (&words)[N]) {
    return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

template <std::size_t N> std::string listed(const std::string_view (&words)[N]) {
    std::string out;
    for (auto w : words)
        out += (out.empty() ? "" : ", ") + std::string(w);
    return out;
}

/// The project's internal id when `a` sees it and it has the finding now.
Result<std::int64_t> finding_project(Connection& c, const Access& a, const std::string& uuid,
                                     const std::string& component_key,
                                     const std::string& advisory_id) {
    auto project = visible_project(c, a, uuid);
    if (!project) return unexpected(project.error());
    std::int64_t id = *project;
    auto finding = c.query("SELECT 1 FROM findings WHERE project_id = $1 AND component_key = $2 "
                           "AND advisory_id = $3 LIMIT 1",
                           {id, component_key, advisory_id});
    if (!finding) return unexpected(finding.error());
    if (finding->empty())
        return not_found("finding " + advisory_id + " on " + component_key + " in project " + uuid);
    return id;
}

} // namespace

Result<Triage> Store::set_triage(const Access& a, const std::string& project_uuid,
                                 const std::string& component_key, const std::string& advisory_id,
                                 const Triage& t, const std::string& comment) {
    if (!one_of(t.state, k_states))
        return invalid("state '" + t.state + "': expected one of " + listed(k_states));
    if (!t.justification.empty() && !one_of(t.justification, k_justifications))
        return invalid("justification '" + t.justification + "': expected one of " +
                       listed(k_justifications));
    for (const auto& r : split(t.response, ','))
        if (!one_of(r, k_responses))
            return invalid("response '" + r + "': expected one of " + listed(k_responses));
    if (t.details.size() > 65536 || comment.size() > 65536)
        return invalid("details and comment are limited to 64 KiB");
    return with_connection([&](Connection& c) -> Result<Triage> {
        Transaction tx(c);
        if (auto r = tx.begin(); !r) return unexpected(r.error());
        auto project = finding_project(c, a, project_uuid, component_key, advisory_id);
        if (!project) return unexpected(project.error());
        auto before = c.query("SELECT state, justification, response, details, suppressed FROM "
                              "analyses WHERE project_id = $1 AND component_key = $2 AND "
                              "advisory_id = $3",
                              {*project, component_key, advisory_id});
        if (!before) return unexpected(before.error());
        Triage old;
        if (!before->empty()) {
            const Row& row = before->front();
            old = {row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4) != 0, ""};
        }
        // The audit trail says what changed, field by field.
        std::string change;
        auto note = [&](const char* field, const std::string& from, const std::string& to) {
            if (from != to)
                change += (change.empty() ? "" : "; ") + std::string(field) + ": " +
                          (from.empty() ? "(none)" : from) + " -> " + (to.empty() ? "(none)" : to);
        };
        note("state", old.state, t.state);
        note("justification", old.justification, t.justification);
        note("response", old.response, t.response);
        note("details", old.details, t.details);
        note("suppressed", old.suppressed ? "true" : "false", t.suppressed ? "true" : "false");
        std::string now = util::utc_now();
        auto saved = c.query(
            "INSERT INTO analyses(project_id, component_key, advisory_id, state, justification, "
            "response, details, suppressed, updated_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "ON CONFLICT(project_id, component_key, advisory_id) DO UPDATE SET state = "
            "excluded.state, justification = excluded.justification, response = "
            "excluded.response, details = excluded.details, suppressed = excluded.suppressed, "
            "updated_at = excluded.updated_at",
            {*project, component_key, advisory_id, t.state, t.justification, t.response, t.details,
             std::int64_t{t.suppressed ? 1 : 0}, now});
        if (!saved) return unexpected(saved.error());
        if (!change.empty() || !comment.empty()) {
            std::string actor = a.actor();
            auto logged =
                c.query("INSERT INTO analysis_log(project_id, component_key, advisory_id, "
                        "at, actor, change, comment) VALUES($1, $2, $3, $4, $5, $6, $7)",
                        {*project, component_key, advisory_id, now, actor, change, comment});
            if (!logged) return unexpected(logged.error());
        }
        if (auto r = record_metrics(c, {*project}, now); !r) return unexpected(r.error());
        if (auto r = tx.commit(); !r) return unexpected(r.error());
        Triage out = t;
        out.updated_at = now;
        return out;
    });
}

Result<std::vector<TriageEvent>> Store::triage_log(const Access& a, const std::string& project_uuid,
                                                   const std::string& component_key,
                                                   const std::string& advisory_id) {
    return with_connection([&](Connection& c) -> Result<std::vector<TriageEvent>> {
        auto project = visible_project(c, a, project_uuid);
        if (!project) return unexpected(project.error());
        auto rows = c.query("SELECT at, actor, change, comment FROM analysis_log WHERE project_id "
                            "= $1 AND component_key = $2 AND advisory_id = $3 ORDER BY id",
                            {*project, component_key, advisory_id});
        if (!rows) return unexpected(rows.error());
        std::vector<TriageEvent> out;
        for (const Row& row : *rows)
            out.push_back({row.text(0), row.text(1), row.text(2), row.text(3)});
        return out;
    });
}

} // namespace kaiyuan::store
