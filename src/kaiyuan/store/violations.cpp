/// License policy violations of current SBOMs, and the policy text uploads are judged by
/// (jobs/analysis.cpp judges; the store keeps).
#include "kaiyuan/store/content.hpp"
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/store/notifications.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>
#include <tuple>

namespace kaiyuan::store {

const std::string_view k_violation_columns[7] = {
    "project_id", "sbom_id", "idx", "license", "reasons", "component_key", "first_seen"};

Result<std::vector<StoredViolation>> Store::violations(const Access& a,
                                                       const std::string& project_uuid) {
    return with_connection([&](Connection& c) -> Result<std::vector<StoredViolation>> {
        auto project = visible_project(c, a, project_uuid);
        if (!project) return unexpected(project.error());
        auto rows = c.query(
            "SELECT v.license, v.reasons, v.component_key, v.first_seen, c.type, c.name, "
            "c.version, c.purl, c.bom_ref, c.license_declared, c.license_concluded, s.uuid, "
            "s.source, c.idx FROM violations v JOIN components c ON c.sbom_id = v.sbom_id AND "
            "c.idx = v.idx JOIN sboms s ON s.id = v.sbom_id WHERE v.project_id = $1 ORDER BY "
            "v.sbom_id, v.idx",
            {*project});
        if (!rows) return unexpected(rows.error());
        std::vector<StoredViolation> out;
        for (const Row& row : *rows) {
            StoredViolation v;
            v.license = row.text(0);
            for (auto r : util::split(row.text(1), '\n'))
                if (!r.empty()) v.reasons.emplace_back(r);
            v.component_key = row.text(2);
            v.first_seen = row.text(3);
            v.component.type = row.text(4);
            v.component.name = row.text(5);
            v.component.version = row.text(6);
            v.component.purl = row.text(7);
            v.component.bom_ref = row.text(8);
            v.component.license_declared = row.text(9);
            v.component.license_concluded = row.text(10);
            v.component.sbom_uuid = row.text(11);
            v.component.source = row.text(12);
            v.component.index = row.integer(13);
            out.push_back(std::move(v));
        }
        return out;
    });
}

Result<std::string> Store::license_policy() {
    return with_connection([&](Connection& c) -> Result<std::string> {
        auto rows = c.query("SELECT text FROM license_policy WHERE id = 1");
        if (!rows) return unexpected(rows.error());
        return rows->empty() ? std::string() : rows->front().text(0);
    });
}

Result<void> Store::set_license_policy(const std::string& text) {
    return with_connection([&](Connection& c) -> Result<void> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto old = c.query("SELECT text FROM license_policy WHERE id = 1");
        if (!old) return unexpected(old.error());
        if ((old->empty() ? std::string() : old->front().text(0)) == text) return {};
        if (auto r = c.query("DELETE FROM license_policy"); !r) return unexpected(r.error());
        std::string now = util::utc_now();
        if (!text.empty())
            if (auto r = c.query("INSERT INTO license_policy(id, text, updated_at) VALUES(1, $1, "
                                 "$2)",
                                 {text, now});
                !r)
                return unexpected(r.error());
        if (auto r = queue_rejudge(c, now); !r) return r;
        return t.commit();
    });
}

Result<void> queue_rejudge(Connection& c, const std::string& now) {
    auto r = c.query("INSERT INTO jobs(token, kind, payload, status, created_at) VALUES($1, $2, "
                     "$3, 'queued', $4)",
                     {util::uuid4(), std::string(k_rejudge_job), Blob{pack_content("")}, now});
    if (!r) return unexpected(r.error());
    return {};
}

Result<std::int64_t>
Store::rejudge(const ClaimedJob& job,
               const std::function<std::optional<NewViolation>(const LicensedComponent&)>& judge) {
    return with_connection([&](Connection& c) -> Result<std::int64_t> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        if (auto r = lock_analysis(c); !r) return unexpected(r.error());
        std::string now = util::utc_now();
        if (auto r = finish_leased_job(c, job, now); !r) return unexpected(r.error());
        // What each project had: when each violation was first seen, and which are new.
        std::map<std::tuple<std::int64_t, std::int64_t, std::string>, std::string> seen;
        std::map<std::int64_t, std::int64_t> before; // project -> violations
        auto old = c.query("SELECT sbom_id, idx, license, first_seen, project_id FROM violations");
        if (!old) return unexpected(old.error());
        for (const Row& row : *old) {
            seen[{row.integer(0), row.integer(1), row.text(2)}] = row.text(3);
            ++before[row.integer(4)];
        }
        auto rows = c.query(
            "SELECT s.project_id, c.sbom_id, c.idx, c.license_declared, c.license_concluded, "
            "c.purl_type, c.purl_namespace, c.purl_name, c.purl_version, c.name, c.version, "
            "c.purl, c.bom_ref FROM components c JOIN sboms s ON s.id = c.sbom_id WHERE "
            "s.is_current = 1 ORDER BY c.sbom_id, c.idx");
        if (!rows) return unexpected(rows.error());
        std::vector<std::vector<Value>> violations;
        std::map<std::int64_t, std::int64_t> after;
        std::map<std::int64_t, Event> announced;
        for (const Row& row : *rows) {
            auto verdict = judge({row.text(3), row.text(4)});
            if (!verdict) continue;
            std::int64_t project = row.integer(0), sbom = row.integer(1), idx = row.integer(2);
            ++after[project];
            auto s = seen.find({sbom, idx, verdict->license});
            violations.push_back({project, sbom, idx, verdict->license, verdict->reasons,
                                  component_key(row.text(5), row.text(6), row.text(7), row.text(8),
                                                row.text(9), row.text(10)),
                                  s == seen.end() ? now : s->second});
            if (s != seen.end()) continue;
            Event& e = announced[project];
            if (e.type.empty()) e = {"policy.violation", project, {}, "violations", {}};
            e.parts.push_back({project, "",
                               violation_json(notified_component(row.text(9), row.text(10),
                                                                 row.text(11), row.text(12)),
                                              verdict->license, verdict->reasons)});
        }
        if (auto r = c.query("DELETE FROM violations"); !r) return unexpected(r.error());
        if (auto r = c.insert_rows("violations", k_violation_columns, violations); !r)
            return unexpected(r.error());
        std::vector<std::int64_t> changed;
        for (const auto& [project, n] : before)
            if (after[project] != n) changed.push_back(project);
        for (const auto& [project, n] : after)
            if (!before.contains(project)) changed.push_back(project);
        if (auto r = record_metrics(c, changed, now); !r) return unexpected(r.error());
        std::vector<Event> events;
        for (auto& [project, e] : announced)
            events.push_back(std::move(e));
        if (auto r = notify(c, events, now); !r) return unexpected(r.error());
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return static_cast<std::int64_t>(violations.size());
    });
}

} // namespace kaiyuan::store
