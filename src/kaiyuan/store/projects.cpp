/// Projects: a name and a version (one row per version), an optional parent, tags, and the
/// teams they are granted to.
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::store {

namespace {

std::string project_columns(Dialect d) {
    std::string tags =
        d == Dialect::sqlite
            ? "(SELECT group_concat(tag, char(31)) FROM project_tags t WHERE t.project_id = p.id)"
            : "(SELECT string_agg(tag, chr(31) ORDER BY tag) FROM project_tags t WHERE "
              "t.project_id = p.id)";
    return "p.id, p.uuid, p.name, p.version, (SELECT q.uuid FROM projects q WHERE q.id = "
           "p.parent_id), p.description, "
           "p.classifier, p.active, p.is_latest, p.created_at, p.updated_at, p.last_sbom_at, " +
           tags;
}

Project project_from(const Row& row) {
    Project p;
    p.id = row.integer(0);
    p.uuid = row.text(1);
    p.name = row.text(2);
    p.version = row.text(3);
    p.parent_uuid = row.text(4);
    p.description = row.text(5);
    p.classifier = row.text(6);
    p.active = row.integer(7) != 0;
    p.is_latest = row.integer(8) != 0;
    p.created_at = row.text(9);
    p.updated_at = row.text(10);
    p.last_sbom_at = row.text(11);
    for (auto t : util::split(row.text(12), '\x1f'))
        if (!t.empty()) p.tags.emplace_back(t);
    std::sort(p.tags.begin(), p.tags.end());
    return p;
}

std::string encode_cursor(const Project& p) {
    return util::base64url(p.name + '\x1f' + p.version);
}

bool decode_cursor(const std::string& cursor, std::string& name, std::string& version) {
    std::string raw;
    if (!util::base64_decode(cursor, raw)) return false;
    auto sep = raw.find('\x1f');
    if (sep == std::string::npos) return false;
    name = raw.substr(0, sep);
    version = raw.substr(sep + 1);
    return true;
}

Result<void> set_tags(Connection& c, std::int64_t id, const std::vector<std::string>& tags) {
    if (auto r = c.query("DELETE FROM project_tags WHERE project_id = $1", {id}); !r)
        return unexpected(r.error());
    for (const auto& tag : tags) {
        std::string t = util::to_lower(util::trim(tag));
        if (t.empty()) continue;
        if (auto r = c.query(
                "INSERT INTO project_tags(project_id, tag) VALUES($1, $2) ON CONFLICT DO NOTHING",
                {id, t});
            !r)
            return unexpected(r.error());
    }
    return {};
}

Result<std::optional<Project>> find_visible(Connection& c, const Access& a,
                                            const std::string& where, std::vector<Value> params) {
    std::string sql = "SELECT " + project_columns(c.dialect()) + " FROM projects p WHERE " + where +
                      " AND " + visible_condition(a, params);
    auto rows = c.query(sql, std::span<const Value>(params));
    if (!rows) return unexpected(rows.error());
    if (rows->empty()) return std::optional<Project>();
    return std::optional<Project>(project_from(rows->front()));
}

Result<std::int64_t> parent_id(Connection& c, const Access& a, const std::string& parent_uuid) {
    if (parent_uuid.empty()) return 0;
    auto parent = find_visible(c, a, "p.uuid = $1", {parent_uuid});
    if (!parent) return unexpected(parent.error());
    if (!*parent) return not_found("parent project " + parent_uuid);
    return (*parent)->id;
}

} // namespace

Result<Project> Store::create_project(const Access& a, Project p) {
    p.name = std::string(util::trim(p.name));
    if (p.name.empty()) return invalid("a project needs a name");
    return with_connection([&](Connection& c) -> Result<Project> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto exists = c.query("SELECT uuid FROM projects WHERE name = $1 AND version = $2",
                              {p.name, p.version});
        if (!exists) return unexpected(exists.error());
        if (!exists->empty())
            return conflict("a project named '" + p.name + "' with version '" + p.version +
                            "' exists already");
        auto parent = parent_id(c, a, p.parent_uuid);
        if (!parent) return unexpected(parent.error());
        p.uuid = util::uuid4();
        p.created_at = p.updated_at = util::utc_now();
        Value parent_value = *parent ? Value(*parent) : Value();
        auto made = c.query(
            "INSERT INTO projects(uuid, name, version, parent_id, description, classifier, active, "
            "is_latest, created_at, updated_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) "
            "RETURNING id",
            {p.uuid, p.name, p.version, parent_value, p.description, p.classifier,
             std::int64_t(p.active), std::int64_t(p.is_latest), p.created_at});
        if (!made) return unexpected(made.error());
        p.id = made->front().integer(0);
        if (p.is_latest) {
            if (auto r = c.query("UPDATE projects SET is_latest = 0 WHERE name = $1 AND id <> $2",
                                 {p.name, p.id});
                !r)
                return unexpected(r.error());
        }
        if (auto r = set_tags(c, p.id, p.tags); !r) return unexpected(r.error());
        // The creator's team sees what it made.
        if (a.team_id)
            if (auto r = c.query("INSERT INTO team_projects(team_id, project_id) VALUES($1, $2)",
                                 {a.team_id, p.id});
                !r)
                return unexpected(r.error());
        auto stored = find_visible(c, Access::local_admin(), "p.id = $1", {p.id});
        if (!stored) return unexpected(stored.error());
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return **stored;
    });
}

Result<Project> Store::get_project(const Access& a, const std::string& uuid) {
    return with_connection([&](Connection& c) -> Result<Project> {
        auto p = find_visible(c, a, "p.uuid = $1", {uuid});
        if (!p) return unexpected(p.error());
        if (!*p) return not_found("project " + uuid);
        return **p;
    });
}

Result<Project> Store::lookup_project(const Access& a, const std::string& name,
                                      const std::string& version) {
    return with_connection([&](Connection& c) -> Result<Project> {
        auto p = find_visible(c, a, "p.name = $1 AND p.version = $2", {name, version});
        if (!p) return unexpected(p.error());
        if (!*p) return not_found("project '" + name + "' version '" + version + "'");
        return **p;
    });
}

Result<Page<Project>> Store::list_projects(const Access& a, const ProjectFilter& f) {
    return with_connection([&](Connection& c) -> Result<Page<Project>> {
        std::vector<Value> params;
        std::string where = visible_condition(a, params);
        auto add = [&](const std::string& condition, Value v) {
            params.push_back(std::move(v));
            std::string n = "$" + std::to_string(params.size());
            std::string cond = condition;
            for (std::size_t at; (at = cond.find('?')) != std::string::npos;)
                cond.replace(at, 1, n);
            where += " AND " + cond;
        };
        if (!f.name.empty()) add("p.name = ?", f.name);
        if (!f.version.empty()) add("p.version = ?", f.version);
        if (!f.name_prefix.empty()) {
            // Prefix as a range: the index serves it in both engines, and no LIKE wildcards.
            add("substr(p.name, 1, length(CAST(? AS TEXT))) = ?", f.name_prefix);
        }
        if (!f.tag.empty())
            add("p.id IN (SELECT project_id FROM project_tags WHERE tag = ?)",
                util::to_lower(f.tag));
        if (f.active) add("p.active = ?", std::int64_t(*f.active));
        if (f.latest) add("p.is_latest = ?", std::int64_t(*f.latest));
        if (!f.parent_uuid.empty())
            add("p.parent_id = (SELECT id FROM projects WHERE uuid = ?)", f.parent_uuid);
        // The total of the filter, before the cursor narrows it.
        std::vector<Value> count_params = params;
        auto counted = c.query("SELECT count(*) FROM projects p WHERE " + where,
                               std::span<const Value>(count_params));
        if (!counted) return unexpected(counted.error());
        if (!f.cursor.empty()) {
            std::string name, version;
            if (!decode_cursor(f.cursor, name, version))
                return invalid("the cursor '" + f.cursor + "' is not one this server gave");
            params.emplace_back(name);
            std::string n1 = "$" + std::to_string(params.size());
            params.emplace_back(version);
            std::string n2 = "$" + std::to_string(params.size());
            where +=
                " AND (p.name > " + n1 + " OR (p.name = " + n1 + " AND p.version > " + n2 + "))";
        }
        std::size_t limit = std::clamp<std::size_t>(f.limit, 1, 1000);
        params.emplace_back(static_cast<std::int64_t>(limit + 1));
        std::string sql = "SELECT " + project_columns(c.dialect()) + " FROM projects p WHERE " +
                          where + " ORDER BY p.name, p.version LIMIT $" +
                          std::to_string(params.size());
        params.emplace_back(static_cast<std::int64_t>(f.cursor.empty() ? f.offset : 0));
        sql += " OFFSET $" + std::to_string(params.size());
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        Page<Project> page;
        page.total = counted->front().integer(0);
        for (const auto& row : *rows)
            page.items.push_back(project_from(row));
        if (page.items.size() > limit) {
            page.items.pop_back();
            page.next_cursor = encode_cursor(page.items.back());
        }
        return page;
    });
}

Result<Project> Store::update_project(const Access& a, const std::string& uuid, const Project& p) {
    return with_connection([&](Connection& c) -> Result<Project> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto found = find_visible(c, a, "p.uuid = $1", {uuid});
        if (!found) return unexpected(found.error());
        if (!*found) return not_found("project " + uuid);
        Project cur = **found;
        std::string name = p.name.empty() ? cur.name : std::string(util::trim(p.name));
        if (name != cur.name || p.version != cur.version) {
            auto clash =
                c.query("SELECT 1 FROM projects WHERE name = $1 AND version = $2 AND id <> $3",
                        {name, p.version, cur.id});
            if (!clash) return unexpected(clash.error());
            if (!clash->empty())
                return conflict("a project named '" + name + "' with version '" + p.version +
                                "' exists already");
        }
        auto parent = parent_id(c, a, p.parent_uuid);
        if (!parent) return unexpected(parent.error());
        if (*parent == cur.id) return invalid("a project cannot be its own parent");
        Value parent_value = *parent ? Value(*parent) : Value();
        auto r = c.query(
            "UPDATE projects SET name = $1, version = $2, description = $3, classifier = $4, "
            "active = $5, is_latest = $6, parent_id = $7, updated_at = $8 WHERE id = $9",
            {name, p.version, p.description, p.classifier, std::int64_t(p.active),
             std::int64_t(p.is_latest), parent_value, util::utc_now(), cur.id});
        if (!r) return unexpected(r.error());
        if (p.is_latest)
            if (auto u = c.query("UPDATE projects SET is_latest = 0 WHERE name = $1 AND id <> $2",
                                 {name, cur.id});
                !u)
                return unexpected(u.error());
        if (auto s = set_tags(c, cur.id, p.tags); !s) return unexpected(s.error());
        auto stored = find_visible(c, Access::local_admin(), "p.id = $1", {cur.id});
        if (!stored) return unexpected(stored.error());
        if (auto done = t.commit(); !done) return unexpected(done.error());
        return **stored;
    });
}

Result<void> Store::delete_project(const Access& a, const std::string& uuid) {
    return with_connection([&](Connection& c) -> Result<void> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto found = find_visible(c, a, "p.uuid = $1", {uuid});
        if (!found) return unexpected(found.error());
        if (!*found) return not_found("project " + uuid);
        // Cascades to its SBOMs, components, edges, tags, grants and queued jobs.
        if (auto r = c.query("DELETE FROM projects WHERE id = $1", {(*found)->id}); !r)
            return unexpected(r.error());
        return t.commit();
    });
}

Result<Project> Store::project_for_upload(const Access& a, const std::string& name,
                                          const std::string& version, bool auto_create,
                                          const std::string& parent_name,
                                          const std::string& parent_version,
                                          const std::vector<std::string>& tags, bool is_latest) {
    auto found = lookup_project(a, name, version);
    if (found || kind_of(found.error()) != ErrorKind::not_found) return found;
    if (!auto_create)
        return not_found("project '" + name + "' version '" + version +
                         "' (set autoCreate to create it with the upload)");
    Project p;
    p.name = name;
    p.version = version;
    p.tags = tags;
    p.is_latest = is_latest;
    if (!parent_name.empty()) {
        auto parent = lookup_project(a, parent_name, parent_version);
        if (!parent) return unexpected(parent.error());
        p.parent_uuid = parent->uuid;
    }
    auto made = create_project(a, p);
    // Two uploads racing to create the same project: the loser uses the winner's.
    if (!made && kind_of(made.error()) == ErrorKind::conflict) {
        auto again = lookup_project(a, name, version);
        if (again) return again;
        // It exists but is not this team's: say so without telling more than the name.
        return conflict("a project named '" + name + "' with version '" + version +
                        "' exists and is not granted to team '" + a.team + "'");
    }
    return made;
}

} // namespace kaiyuan::store
