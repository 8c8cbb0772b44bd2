/// License policy violations of current SBOMs, and the policy text uploads are judged by
/// (jobs/analysis.cpp judges; the store keeps).
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::store {

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
        if (auto r = c.query("DELETE FROM license_policy"); !r) return unexpected(r.error());
        if (!text.empty())
            if (auto r = c.query("INSERT INTO license_policy(id, text, updated_at) VALUES(1, $1, "
                                 "$2)",
                                 {text, util::utc_now()});
                !r)
                return unexpected(r.error());
        return t.commit();
    });
}

} // namespace kaiyuan::store
