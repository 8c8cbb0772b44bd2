/// SBOMs: every upload kept with its bytes; its components (purl decomposed for search), hashes
/// and dependency edges; the latest per project and source is the project's current inventory.
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/store/content.hpp"
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/store/notifications.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>
#include <set>
#include <unordered_map>

namespace kaiyuan::store {

namespace {

std::string qualifiers_text(const model::Purl& p) {
    std::string out;
    for (const auto& [k, v] : p.qualifiers) {
        if (v.empty()) continue;
        out += (out.empty() ? "" : "&") + k + "=" + model::purl_encode(v);
    }
    return out;
}

std::vector<Value> component_row(std::int64_t sbom_id, std::int64_t idx,
                                 const model::Component& c) {
    model::Purl purl;
    std::string canonical;
    if (!c.purl.empty()) {
        if (auto parsed = model::Purl::parse(c.purl)) {
            purl = *parsed;
            canonical = purl.to_string();
        } else {
            canonical = c.purl; // kept as given; it is found by exact text only
        }
    }
    std::string scope;
    if (auto it = c.properties.find("kaiyuan:scope"); it != c.properties.end()) scope = it->second;
    return {sbom_id,
            idx,
            std::string(model::to_string(c.type)),
            c.name,
            c.version,
            canonical,
            purl.type,
            purl.namespace_,
            purl.name,
            purl.version,
            qualifiers_text(purl),
            purl.subpath,
            c.cpes.empty() ? std::string() : c.cpes.front(),
            c.license_declared,
            c.license_concluded,
            c.supplier,
            scope,
            c.ref.empty() ? c.id : c.ref};
}

const std::string_view k_component_columns[] = {"sbom_id",
                                                "idx",
                                                "type",
                                                "name",
                                                "version",
                                                "purl",
                                                "purl_type",
                                                "purl_namespace",
                                                "purl_name",
                                                "purl_version",
                                                "purl_qualifiers",
                                                "purl_subpath",
                                                "cpe",
                                                "license_declared",
                                                "license_concluded",
                                                "supplier",
                                                "scope",
                                                "bom_ref"};
const std::string_view k_hash_columns[] = {"sbom_id", "idx", "algorithm", "value"};
const std::string_view k_dependency_columns[] = {"sbom_id", "from_idx", "to_idx", "type"};

SbomInfo sbom_from(const Row& row) {
    SbomInfo s;
    s.id = row.integer(0);
    s.uuid = row.text(1);
    s.project_uuid = row.text(2);
    s.source = row.text(3);
    s.uploaded_at = row.text(4);
    s.uploaded_by = row.text(5);
    s.format = row.text(6);
    s.spec_version = row.text(7);
    s.sha256 = row.text(8);
    s.size = row.integer(9);
    s.component_count = row.integer(10);
    s.is_current = row.integer(11) != 0;
    return s;
}

const std::string_view k_key_columns[] = {"sbom_id", "idx",  "key_no",  "ecosystem",
                                          "release", "name", "version", "path"};

/// What a project had before an upload replaced one of its SBOMs: its findings and violations
/// by component, so that only new ones are announced, and when violations were first seen.
struct ProjectBefore {
    std::set<std::pair<std::string, std::string>> findings; ///< component key, advisory
    std::map<std::pair<std::string, std::string>, std::string> violations; ///< key, license
};

Result<ProjectBefore> project_before(Connection& c, std::int64_t project_id) {
    ProjectBefore out;
    auto f = c.query("SELECT component_key, advisory_id FROM findings WHERE project_id = $1",
                     {project_id});
    if (!f) return unexpected(f.error());
    for (const Row& row : *f)
        out.findings.emplace(row.text(0), row.text(1));
    auto v = c.query("SELECT component_key, license, first_seen FROM violations WHERE "
                     "project_id = $1",
                     {project_id});
    if (!v) return unexpected(v.error());
    for (const Row& row : *v)
        out.violations[{row.text(0), row.text(1)}] = row.text(2);
    return out;
}

nlohmann::json component_json(const std::vector<Value>& row) {
    auto text = [&](std::size_t i) { return std::get<std::string>(row[i]); };
    return notified_component(text(3), text(4), text(5), text(17));
}

std::string category_json(const std::map<std::string, std::int64_t>& counts) {
    return nlohmann::json(counts).dump();
}

/// The analysis of a new SBOM: its package keys, findings and violations, the notifications of
/// what is new in the project; and the re-matches that ran while it was being matched, queued
/// again so that they see its keys.
Result<void> store_analysis(Connection& c, std::int64_t project_id, std::int64_t sbom_id,
                            const std::string& sbom_uuid, const std::string& source,
                            const std::vector<std::vector<Value>>& components,
                            const Analysis& analysis, const ProjectBefore& before,
                            const std::string& now) {
    std::vector<std::vector<Value>> keys, findings, violations;
    Event found{"finding.new", project_id, nlohmann::json::object(), "findings", {}};
    Event violated{"policy.violation", project_id, nlohmann::json::object(), "violations", {}};
    auto key_of = [&](std::int64_t idx) {
        const auto& row = components.at(static_cast<std::size_t>(idx));
        auto text = [&](std::size_t i) { return std::get<std::string>(row[i]); };
        return component_key(text(6), text(7), text(8), text(9), text(3), text(4));
    };
    for (const StoredKey& k : analysis.keys)
        keys.push_back(
            {sbom_id, k.idx, k.key_no, k.ecosystem, k.release, k.name, k.version, k.path});
    for (const NewFinding& f : analysis.findings) {
        std::string key = key_of(f.idx);
        findings.push_back(finding_row(project_id, sbom_id, f, key, now));
        if (!before.findings.contains({key, f.advisory_id}))
            found.parts.push_back(
                {project_id, f.severity,
                 finding_json(f.advisory_id, f.severity, f.score, f.fixed,
                              component_json(components.at(static_cast<std::size_t>(f.idx))))});
    }
    for (const NewViolation& v : analysis.violations) {
        std::string key = key_of(v.idx);
        auto seen = before.violations.find({key, v.license});
        violations.push_back({project_id, sbom_id, v.idx, v.license, v.reasons, key,
                              seen == before.violations.end() ? now : seen->second});
        if (seen != before.violations.end()) continue;
        violated.parts.push_back(
            {project_id, "",
             violation_json(component_json(components.at(static_cast<std::size_t>(v.idx))),
                            v.license, v.reasons)});
    }
    if (auto r = c.insert_rows("package_keys", k_key_columns, keys); !r) return r;
    if (auto r = c.insert_rows("findings", k_finding_columns, findings); !r) return r;
    if (auto r = c.insert_rows("violations", k_violation_columns, violations); !r) return r;
    if (auto r = c.query("UPDATE sboms SET licenses = $1 WHERE id = $2",
                         {category_json(analysis.license_categories), sbom_id});
        !r)
        return unexpected(r.error());
    if (auto r = record_metrics(c, {project_id}, now); !r) return unexpected(r.error());
    // Judged by a policy that has changed since: judge every current SBOM again.
    auto policy = c.query("SELECT text FROM license_policy WHERE id = 1");
    if (!policy) return unexpected(policy.error());
    if ((policy->empty() ? std::string() : policy->front().text(0)) != analysis.policy_text)
        if (auto r = queue_rejudge(c, now); !r) return r;
    Event processed{"upload.processed",
                    project_id,
                    {{"sbom", sbom_uuid},
                     {"source", source},
                     {"components", static_cast<std::int64_t>(components.size())},
                     {"findings", static_cast<std::int64_t>(findings.size())},
                     {"violations", static_cast<std::int64_t>(violations.size())}},
                    "",
                    {}};
    if (auto r = notify(c, {processed, found, violated}, now); !r) return r;
    // Queued ones will read this SBOM's keys when they run; those already run or running may not.
    auto late = c.query("SELECT payload FROM jobs WHERE kind = 'advisory-rematch' AND id > $1 AND "
                        "status <> 'queued' AND payload IS NOT NULL",
                        {analysis.rematch_mark});
    if (!late) return unexpected(late.error());
    for (const Row& row : *late)
        if (auto r = c.query("INSERT INTO jobs(token, kind, payload, status, created_at) "
                             "VALUES($1, 'advisory-rematch', $2, 'queued', $3)",
                             {util::uuid4(), Blob{row.text(0)}, now});
            !r)
            return unexpected(r.error());
    return {};
}

constexpr const char* k_sbom_columns =
    "s.id, s.uuid, p.uuid, s.source, s.uploaded_at, COALESCE((SELECT k.public_id FROM api_keys k "
    "WHERE k.id = s.key_id), (SELECT u.name FROM users u WHERE u.id = s.user_id)), "
    "s.format, s.spec_version, s.sha256, s.size, s.component_count, s.is_current";

} // namespace

Result<std::string> Store::complete_upload(const ClaimedJob& job, const SbomUpload& upload,
                                           const model::Sbom& sbom, const Analysis& analysis) {
    return with_connection([&](Connection& c) -> Result<std::string> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        std::string now = util::utc_now();
        // First, so that PostgreSQL locks the job row: a worker that lost its lease writes nothing.
        if (auto r = finish_leased_job(c, job, now); !r) return unexpected(r.error());
        if (auto r = lock_analysis(c); !r) return unexpected(r.error());
        std::string uuid = util::uuid4();
        auto made = c.query("INSERT INTO sboms(uuid, project_id, source, uploaded_at, key_id, "
                            "format, spec_version, "
                            "sha256, size, content, component_count, is_current, user_id) "
                            "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12) "
                            "RETURNING id",
                            {uuid, upload.project_id, upload.source, now,
                             upload.key_id ? Value(upload.key_id) : Value(), upload.format,
                             upload.spec_version,
                             util::digest_hex(util::DigestAlgorithm::sha256, upload.content),
                             static_cast<std::int64_t>(upload.content.size()),
                             Blob{upload.packed_content.empty() ? pack_content(upload.content)
                                                                : upload.packed_content},
                             static_cast<std::int64_t>(sbom.components.size()),
                             upload.user_id ? Value(upload.user_id) : Value()});
        if (!made) return unexpected(made.error());
        std::int64_t sbom_id = made->front().integer(0);
        auto before = project_before(c, upload.project_id);
        if (!before) return unexpected(before.error());
        // Keys, findings and violations are kept for current SBOMs only: the one replaced loses
        // them.
        for (const char* table : {"package_keys", "findings", "violations"})
            if (auto r = c.query(std::string("DELETE FROM ") + table +
                                     " WHERE sbom_id IN (SELECT id FROM sboms WHERE project_id = "
                                     "$1 AND source = $2 AND id <> $3 AND is_current = 1)",
                                 {upload.project_id, upload.source, sbom_id});
                !r)
                return unexpected(r.error());
        if (auto r = c.query("UPDATE sboms SET is_current = 0 WHERE project_id = $1 AND source = "
                             "$2 AND id <> $3",
                             {upload.project_id, upload.source, sbom_id});
            !r)
            return unexpected(r.error());

        std::vector<std::vector<Value>> components, hashes, edges;
        components.reserve(sbom.components.size());
        std::unordered_map<std::string_view, std::int64_t> index_of;
        for (std::size_t i = 0; i < sbom.components.size(); ++i) {
            const auto& comp = sbom.components[i];
            auto idx = static_cast<std::int64_t>(i);
            index_of.emplace(comp.id, idx);
            components.push_back(component_row(sbom_id, idx, comp));
            for (const auto& h : comp.hashes)
                hashes.push_back({sbom_id, idx, h.algorithm, util::to_lower(h.value)});
        }
        for (const auto& rel : sbom.relationships) {
            auto from = index_of.find(rel.from), to = index_of.find(rel.to);
            if (from == index_of.end() || to == index_of.end()) continue;
            edges.push_back(
                {sbom_id, from->second, to->second, std::string(model::to_string(rel.type))});
        }
        if (auto r = c.insert_rows("components", k_component_columns, components); !r)
            return unexpected(r.error());
        if (auto r = c.insert_rows("component_hashes", k_hash_columns, hashes); !r)
            return unexpected(r.error());
        if (auto r = c.insert_rows("dependencies", k_dependency_columns, edges); !r)
            return unexpected(r.error());
        if (auto r = store_analysis(c, upload.project_id, sbom_id, uuid, upload.source, components,
                                    analysis, *before, now);
            !r)
            return unexpected(r.error());
        if (auto r = c.query("UPDATE projects SET last_sbom_at = $1, updated_at = $1 WHERE id = $2",
                             {now, upload.project_id});
            !r)
            return unexpected(r.error());
        if (auto r = c.query("UPDATE jobs SET sbom_id = $1 WHERE id = $2", {sbom_id, job.id}); !r)
            return unexpected(r.error());
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return uuid;
    });
}

Result<std::vector<SbomInfo>> Store::list_sboms(const Access& a, const std::string& project_uuid) {
    return with_connection([&](Connection& c) -> Result<std::vector<SbomInfo>> {
        auto project = visible_project(c, a, project_uuid);
        if (!project) return unexpected(project.error());
        auto rows = c.query(
            std::string("SELECT ") + k_sbom_columns +
                " FROM sboms s JOIN projects p ON p.id = s.project_id WHERE s.project_id = $1 "
                "ORDER BY s.id DESC",
            {*project});
        if (!rows) return unexpected(rows.error());
        std::vector<SbomInfo> out;
        for (const auto& row : *rows)
            out.push_back(sbom_from(row));
        return out;
    });
}

Result<SbomInfo> Store::get_sbom(const Access& a, const std::string& sbom_uuid) {
    return with_connection([&](Connection& c) -> Result<SbomInfo> {
        std::vector<Value> params{sbom_uuid};
        std::string sql =
            std::string("SELECT ") + k_sbom_columns +
            " FROM sboms s JOIN projects p ON p.id = s.project_id WHERE s.uuid = $1 AND " +
            visible_condition(a, params);
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return not_found("SBOM " + sbom_uuid);
        return sbom_from(rows->front());
    });
}

Result<std::string> Store::sbom_content(const Access& a, const std::string& sbom_uuid) {
    return with_connection([&](Connection& c) -> Result<std::string> {
        std::vector<Value> params{sbom_uuid};
        std::string sql = "SELECT s.content FROM sboms s JOIN projects p ON p.id = s.project_id "
                          "WHERE s.uuid = $1 AND " +
                          visible_condition(a, params);
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return not_found("SBOM " + sbom_uuid);
        return unpack_content(rows->front().text(0));
    });
}

} // namespace kaiyuan::store
