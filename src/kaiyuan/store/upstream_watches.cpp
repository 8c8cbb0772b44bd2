/// Upstream watches: packages of projects whose upstreams the server checks on a schedule, the
/// releases each has seen, and the upstream.release notifications of new ones.
#include "kaiyuan/store/notifications.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/compare.hpp"

#include <set>

namespace kaiyuan::store {

namespace {

constexpr const char* k_watch_columns =
    "w.id, w.uuid, w.project_id, p.uuid, p.name, p.version, w.name, w.packaged, w.ecosystem, "
    "w.description, w.interval_seconds, w.next_check_at, COALESCE(w.last_checked_at, ''), "
    "w.last_error, w.newest, w.standing, w.created_at, "
    "(SELECT count(*) FROM upstream_releases r WHERE r.watch_id = w.id)";

UpstreamWatch watch_of(const Row& row) {
    UpstreamWatch w;
    w.id = row.integer(0);
    w.uuid = row.text(1);
    w.project_id = row.integer(2);
    w.project_uuid = row.text(3);
    w.project_name = row.text(4);
    w.project_version = row.text(5);
    w.name = row.text(6);
    w.packaged = row.text(7);
    w.ecosystem = row.text(8);
    w.description = row.text(9);
    w.interval_seconds = row.integer(10);
    w.next_check_at = row.text(11);
    w.last_checked_at = row.text(12);
    w.last_error = row.text(13);
    w.newest = row.text(14);
    w.standing = row.text(15);
    w.created_at = row.text(16);
    w.releases = row.integer(17);
    return w;
}

/// The watch `uuid` when `a` sees its project.
Result<UpstreamWatch> visible_watch(Connection& c, const Access& a, const std::string& uuid) {
    std::vector<Value> params{uuid};
    std::string sql = std::string("SELECT ") + k_watch_columns +
                      " FROM upstream_watches w JOIN projects p ON p.id = w.project_id "
                      "WHERE w.uuid = $1 AND " +
                      visible_condition(a, params);
    auto rows = c.query(sql, std::span<const Value>(params));
    if (!rows) return unexpected(rows.error());
    if (rows->empty()) return not_found("upstream watch " + uuid);
    return watch_of(rows->front());
}

/// Whether upgrading to `newest` takes a fixed version of an advisory: one of `fixed` (newline
/// separated) is no newer than `newest`, compared in the advisory's ecosystem's order; for a
/// distribution's fixed version ("7.71.1-20.oe1"), its upstream part (before the release).
bool upgrade_fixes(const std::string& fixed, const std::string& ecosystem,
                   const std::string& newest) {
    auto scheme = version::scheme_for(ecosystem);
    for (auto f : util::split(fixed, '\n')) {
        if (f.empty()) continue;
        std::string v(f);
        bool distro = !scheme || *scheme == version::Scheme::rpm ||
                      *scheme == version::Scheme::dpkg || *scheme == version::Scheme::apk;
        if (distro) {
            if (auto colon = v.find(':'); colon != std::string::npos) v.erase(0, colon + 1);
            if (auto dash = v.rfind('-'); dash != std::string::npos) v.erase(dash);
            if (version::compare_rpm(v, newest) <= 0) return true;
            continue;
        }
        auto c = version::compare(*scheme, v, newest);
        if (c ? *c <= 0 : version::compare_generic(v, newest) <= 0) return true;
    }
    return false;
}

/// The advisories of the watch's project on its package that upgrading to `newest` fixes, as
/// event parts (one per advisory, with its severity for the webhooks' filter), and their ids.
Result<std::pair<std::vector<EventPart>, std::string>>
fixing_upgrade(Connection& c, const UpstreamWatch& w, const std::string& newest) {
    // The package by the distribution's name (an openEuler source package) or by its
    // registry's (python-requests is "requests" on PyPI).
    auto description = nlohmann::json::parse(w.description, nullptr, false);
    std::string registry_name;
    if (description.is_object() && description.contains("srcRepo") &&
        description["srcRepo"].is_string())
        registry_name = description["srcRepo"].get<std::string>();
    auto rows = c.query("SELECT DISTINCT advisory_id, severity, fixed, ecosystem, version FROM "
                        "findings WHERE project_id = $1 AND (lower(package) = lower($2) OR "
                        "lower(package) = lower($3)) ORDER BY advisory_id",
                        {w.project_id, w.name, registry_name});
    if (!rows) return unexpected(rows.error());
    std::vector<EventPart> parts;
    std::string ids;
    std::set<std::string> seen;
    for (const auto& row : *rows) {
        if (!upgrade_fixes(row.text(2), row.text(3), newest) || !seen.insert(row.text(0)).second)
            continue;
        nlohmann::json fixed = nlohmann::json::array();
        for (auto f : util::split(row.text(2), '\n'))
            if (!f.empty()) fixed.push_back(std::string(f));
        parts.push_back({w.project_id,
                         row.text(1),
                         {{"advisory", row.text(0)},
                          {"severity", row.text(1)},
                          {"ecosystem", row.text(3)},
                          {"version", row.text(4)},
                          {"fixedVersions", fixed}}});
        ids += (ids.empty() ? "" : " ") + row.text(0);
    }
    return std::pair{std::move(parts), std::move(ids)};
}

} // namespace

Result<UpstreamWatch> Store::create_watch(const Access& a, const std::string& project_uuid,
                                          UpstreamWatch w) {
    if (w.name.empty() || w.name.size() > 256)
        return invalid("'name' must have 1 to 256 characters");
    if (w.packaged.size() > 256 || w.ecosystem.size() > 64)
        return invalid("'packaged' or 'ecosystem' is too long");
    if (w.description.size() > 16384) return invalid("the upstream description is too long");
    // At least a minute between checks, at most a year: no upstream is asked in a loop.
    if (w.interval_seconds < 60 || w.interval_seconds > 366 * 86400)
        return invalid("'intervalSeconds' must be between 60 and 31622400");
    return with_connection([&](Connection& c) -> Result<UpstreamWatch> {
        auto project = visible_project(c, a, project_uuid);
        if (!project) return unexpected(project.error());
        auto taken = c.query("SELECT 1 FROM upstream_watches WHERE project_id = $1 AND name = $2",
                             {*project, w.name});
        if (!taken) return unexpected(taken.error());
        if (!taken->empty()) return conflict("the project watches '" + w.name + "' already");
        std::string uuid = util::uuid4(), now = util::utc_now();
        auto r =
            c.query("INSERT INTO upstream_watches(uuid, project_id, name, packaged, ecosystem, "
                    "description, interval_seconds, next_check_at, created_at) VALUES($1, $2, "
                    "$3, $4, $5, $6, $7, $8, $9)",
                    {uuid, *project, w.name, w.packaged, w.ecosystem, w.description,
                     w.interval_seconds, now, now});
        if (!r) return unexpected(r.error());
        return visible_watch(c, a, uuid);
    });
}

Result<std::vector<UpstreamWatch>> Store::project_watches(const Access& a,
                                                          const std::string& project_uuid) {
    return with_connection([&](Connection& c) -> Result<std::vector<UpstreamWatch>> {
        auto project = visible_project(c, a, project_uuid);
        if (!project) return unexpected(project.error());
        auto rows = c.query(std::string("SELECT ") + k_watch_columns +
                                " FROM upstream_watches w JOIN projects p ON p.id = w.project_id "
                                "WHERE w.project_id = $1 ORDER BY w.name",
                            {*project});
        if (!rows) return unexpected(rows.error());
        std::vector<UpstreamWatch> out;
        for (const auto& row : *rows)
            out.push_back(watch_of(row));
        return out;
    });
}

Result<std::pair<UpstreamWatch, std::vector<UpstreamRelease>>>
Store::get_watch(const Access& a, const std::string& uuid) {
    return with_connection(
        [&](Connection& c) -> Result<std::pair<UpstreamWatch, std::vector<UpstreamRelease>>> {
            auto w = visible_watch(c, a, uuid);
            if (!w) return unexpected(w.error());
            auto rows = c.query("SELECT version, tag, released, first_seen_at FROM "
                                "upstream_releases WHERE watch_id = $1 "
                                "ORDER BY first_seen_at DESC, released DESC, version DESC",
                                {w->id});
            if (!rows) return unexpected(rows.error());
            std::vector<UpstreamRelease> releases;
            for (const auto& row : *rows)
                releases.push_back({row.text(0), row.text(1), row.text(2), row.text(3)});
            return std::pair{std::move(*w), std::move(releases)};
        });
}

Result<void> Store::delete_watch(const Access& a, const std::string& uuid) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto w = visible_watch(c, a, uuid);
        if (!w) return unexpected(w.error());
        if (auto r = c.query("DELETE FROM upstream_releases WHERE watch_id = $1", {w->id}); !r)
            return unexpected(r.error());
        if (auto r = c.query("DELETE FROM upstream_watches WHERE id = $1", {w->id}); !r)
            return unexpected(r.error());
        return {};
    });
}

Result<void> Store::make_watch_due(const Access& a, const std::string& uuid) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto w = visible_watch(c, a, uuid);
        if (!w) return unexpected(w.error());
        if (auto r = c.query("UPDATE upstream_watches SET next_check_at = $1 WHERE id = $2",
                             {util::utc_now(), w->id});
            !r)
            return unexpected(r.error());
        return {};
    });
}

Result<std::vector<UpstreamWatch>> Store::claim_due_watches(const std::string& now,
                                                            std::size_t limit) {
    return with_connection([&](Connection& c) -> Result<std::vector<UpstreamWatch>> {
        auto rows = c.query(std::string("SELECT ") + k_watch_columns +
                                " FROM upstream_watches w JOIN projects p ON p.id = w.project_id "
                                "WHERE w.next_check_at <= $1 ORDER BY w.next_check_at LIMIT $2",
                            {now, static_cast<std::int64_t>(limit)});
        if (!rows) return unexpected(rows.error());
        std::vector<UpstreamWatch> out;
        for (const auto& row : *rows) {
            UpstreamWatch w = watch_of(row);
            // Claimed when this server moves its next check on; another that read the same row
            // finds it moved and leaves it.
            std::string next = util::utc_from_now(w.interval_seconds);
            auto moved = c.query("UPDATE upstream_watches SET next_check_at = $1 WHERE id = $2 "
                                 "AND next_check_at = $3",
                                 {next, w.id, w.next_check_at});
            if (!moved) return unexpected(moved.error());
            if (c.changes() == 0) continue;
            w.next_check_at = next;
            out.push_back(std::move(w));
        }
        return out;
    });
}

Result<std::vector<std::string>> Store::record_watch_check(const UpstreamWatch& w,
                                                           const UpstreamCheckResult& result,
                                                           const std::string& now) {
    return with_connection([&](Connection& c) -> Result<std::vector<std::string>> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto known = c.query("SELECT version FROM upstream_releases WHERE watch_id = $1", {w.id});
        if (!known) return unexpected(known.error());
        std::set<std::string> seen;
        for (const auto& row : *known)
            seen.insert(row.text(0));
        std::vector<std::string> announced;
        std::set<std::string> newer(result.newer_than_packaged.begin(),
                                    result.newer_than_packaged.end());
        for (const auto& r : result.releases) {
            if (seen.count(r.version)) continue;
            auto put = c.query("INSERT INTO upstream_releases(watch_id, version, tag, released, "
                               "first_seen_at) VALUES($1, $2, $3, $4, $5) "
                               "ON CONFLICT DO NOTHING",
                               {w.id, r.version, r.tag, r.released, now});
            if (!put) return unexpected(put.error());
            seen.insert(r.version);
            if (newer.count(r.version)) announced.push_back(r.version);
        }
        // A failed check keeps what the last good one found.
        auto updated =
            result.error.empty()
                ? c.query("UPDATE upstream_watches SET last_checked_at = $1, last_error = '', "
                          "newest = $2, standing = $3 WHERE id = $4",
                          {now, result.newest, result.standing, w.id})
                : c.query("UPDATE upstream_watches SET last_checked_at = $1, last_error = $2 "
                          "WHERE id = $3",
                          {now, result.error, w.id});
        if (!updated) return unexpected(updated.error());
        std::vector<Event> events;
        if (result.error.empty() && !result.newer_than_packaged.empty()) {
            // A fixing upgrade: announced once per newest release and set of advisories.
            auto fixes = fixing_upgrade(c, w, result.newest);
            if (!fixes) return unexpected(fixes.error());
            auto before =
                c.query("SELECT announced_fixes FROM upstream_watches WHERE id = $1", {w.id});
            if (!before) return unexpected(before.error());
            std::string key = result.newest + "\n" + fixes->second;
            if (!fixes->first.empty() && !before->empty() && before->front().text(0) != key) {
                events.push_back({"upstream.fixing-upgrade",
                                  w.project_id,
                                  {{"watch", w.uuid},
                                   {"package", w.name},
                                   {"packaged", w.packaged},
                                   {"upgrade", result.newest}},
                                  "advisories",
                                  std::move(fixes->first)});
                if (auto r = c.query("UPDATE upstream_watches SET announced_fixes = $1 WHERE id = "
                                     "$2",
                                     {key, w.id});
                    !r)
                    return unexpected(r.error());
            }
        }
        if (!announced.empty()) {
            nlohmann::json versions = announced;
            Event e{"upstream.release",
                    w.project_id,
                    {{"watch", w.uuid},
                     {"package", w.name},
                     {"packaged", w.packaged},
                     {"newest", result.newest},
                     {"newReleases", versions}},
                    "",
                    {}};
            events.insert(events.begin(), std::move(e));
        }
        if (auto n = notify(c, events, now); !n) return unexpected(n.error());
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return announced;
    });
}

} // namespace kaiyuan::store
