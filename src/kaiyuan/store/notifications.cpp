/// Fan-out of events to the webhooks that hear of them (notifications.hpp).
#include "kaiyuan/store/notifications.hpp"

#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kaiyuan::store {

namespace {

using nlohmann::json;

struct Hook {
    std::int64_t id = 0;
    Access access;
    std::set<std::string> events, projects, tags;
    int min_rank = 0;
};

std::set<std::string> list_of(const std::string& text) {
    std::set<std::string> out;
    for (auto part : util::split(text, ','))
        if (!part.empty()) out.emplace(part);
    return out;
}

struct ProjectFacts {
    std::string uuid, name, version;
    std::set<std::string> tags;
};

std::string id_list(const std::set<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

} // namespace

int severity_rank(std::string_view s) {
    return s == "critical" ? 4 : s == "high" ? 3 : s == "medium" ? 2 : s == "low" ? 1 : 0;
}

json finding_json(const std::string& advisory_id, const std::string& severity, std::int64_t score,
                  const std::string& fixed, const json& component) {
    json fixed_list = json::array();
    for (auto v : util::split(fixed, '\n'))
        if (!v.empty()) fixed_list.push_back(std::string(v));
    return json{{"advisory", advisory_id},
                {"severity", severity},
                {"score", static_cast<double>(score) / 10},
                {"fixedVersions", fixed_list},
                {"component", component}};
}

json notified_component(const std::string& name, const std::string& version,
                        const std::string& purl, const std::string& bom_ref) {
    return {{"name", name}, {"version", version}, {"purl", purl}, {"bomRef", bom_ref}};
}

json violation_json(const json& component, const std::string& license, const std::string& reasons) {
    json list = json::array();
    for (auto r : util::split(reasons, '\n'))
        if (!r.empty()) list.push_back(std::string(r));
    return {{"component", component}, {"license", license}, {"reasons", list}};
}

Result<void> notify(Connection& c, const std::vector<Event>& events, const std::string& now) {
    if (events.empty()) return {};
    auto rows = c.query("SELECT id, team_id, admin, events, projects, tags, min_severity FROM "
                        "webhooks ORDER BY id");
    if (!rows) return unexpected(rows.error());
    if (rows->empty()) return {};
    std::vector<Hook> hooks;
    for (const Row& row : *rows) {
        Hook h;
        h.id = row.integer(0);
        h.access.team_id = row.integer(1);
        h.access.permissions =
            static_cast<unsigned>(row.integer(2) ? Permission::admin : Permission::read);
        h.events = list_of(row.text(3));
        h.projects = list_of(row.text(4));
        h.tags = list_of(row.text(5));
        h.min_rank = severity_rank(row.text(6));
        hooks.push_back(std::move(h));
    }
    // The projects the events are about: their names, tags, and who sees them.
    std::set<std::int64_t> ids;
    for (const Event& e : events) {
        if (e.project_id) ids.insert(e.project_id);
        for (const EventPart& p : e.parts)
            ids.insert(p.project_id);
    }
    ids.erase(0);
    // Ids are the store's own integers, joined into the statement; nothing here comes from a
    // request.
    std::map<std::int64_t, ProjectFacts> facts;
    if (!ids.empty()) {
        auto projects = c.query("SELECT id, uuid, name, version FROM projects WHERE id IN (" +
                                id_list(ids) + ")");
        if (!projects) return unexpected(projects.error());
        for (const Row& row : *projects)
            facts[row.integer(0)] = {row.text(1), row.text(2), row.text(3), {}};
        auto tags = c.query("SELECT project_id, tag FROM project_tags WHERE project_id IN (" +
                            id_list(ids) + ")");
        if (!tags) return unexpected(tags.error());
        for (const Row& row : *tags)
            facts[row.integer(0)].tags.insert(row.text(1));
    }
    std::vector<std::vector<Value>> outbox;
    for (const Hook& h : hooks) {
        std::set<std::int64_t> visible;
        if (!ids.empty()) {
            std::vector<Value> params;
            std::string sql = "SELECT p.id FROM projects p WHERE p.id IN (" + id_list(ids) +
                              ") AND " + visible_condition(h.access, params);
            auto seen = c.query(sql, std::span<const Value>(params));
            if (!seen) return unexpected(seen.error());
            for (const Row& row : *seen)
                visible.insert(row.integer(0));
        }
        auto hears_of = [&](std::int64_t project) {
            if (!visible.contains(project)) return false;
            const ProjectFacts& f = facts[project];
            if (!h.projects.empty() && !h.projects.contains(f.uuid)) return false;
            if (!h.tags.empty() && std::none_of(f.tags.begin(), f.tags.end(),
                                                [&](auto& t) { return h.tags.contains(t); }))
                return false;
            return true;
        };
        for (const Event& e : events) {
            if (!h.events.empty() && !h.events.contains(e.type)) continue;
            if (e.project_id && !hears_of(e.project_id)) continue;
            json parts = json::array();
            for (const EventPart& p : e.parts) {
                if (!e.project_id && !hears_of(p.project_id)) continue;
                if (!p.severity.empty() && severity_rank(p.severity) < h.min_rank) continue;
                parts.push_back(p.body);
            }
            if (!e.parts_key.empty() && parts.empty()) continue;
            std::string uuid = util::uuid4();
            json body{{"id", uuid}, {"event", e.type}, {"createdAt", now}};
            if (e.project_id) {
                const ProjectFacts& f = facts[e.project_id];
                body["project"] = {{"uuid", f.uuid}, {"name", f.name}, {"version", f.version}};
            }
            for (const auto& [k, v] : e.fields.items())
                body[k] = v;
            if (!e.parts_key.empty()) body[e.parts_key] = std::move(parts);
            outbox.push_back({uuid, h.id, e.type, body.dump(), now, std::int64_t(0), util::now_ms(),
                              std::string("pending")});
        }
    }
    static constexpr std::string_view k_columns[] = {
        "uuid",       "webhook_id", "event",           "body",
        "created_at", "attempts",   "next_attempt_at", "status"};
    return c.insert_rows("outbox", k_columns, outbox);
}

} // namespace kaiyuan::store
