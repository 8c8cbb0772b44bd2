/// Upstream watches (docs/server.md, "Upstream monitoring"): a project's packages whose upstreams
/// the server checks on a schedule, with the releases each has seen.
#include "kaiyuan/jobs/upstream_monitor.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/server.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/version/compare.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

json or_null(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

json watch_json(const store::UpstreamWatch& w) {
    json upstream = json::parse(w.description, nullptr, false);
    return {{"uuid", w.uuid},
            {"project",
             {{"uuid", w.project_uuid}, {"name", w.project_name}, {"version", w.project_version}}},
            {"name", w.name},
            {"packaged", or_null(w.packaged)},
            {"ecosystem", or_null(w.ecosystem)},
            {"upstream", upstream.is_discarded() ? json(nullptr) : upstream},
            {"intervalSeconds", w.interval_seconds},
            {"nextCheckAt", w.next_check_at},
            {"lastCheckedAt", or_null(w.last_checked_at)},
            {"lastError", or_null(w.last_error)},
            {"newest", or_null(w.newest)},
            {"standing", or_null(w.standing)},
            {"releasesSeen", w.releases},
            {"createdAt", w.created_at}};
}

} // namespace

Response create_watch(Context& c) {
    // Another team's project is not there (404), whatever the body says.
    if (auto p = c.store.get_project(c.access, c.request.path_params.at("uuid")); !p)
        return store_error(p.error());
    auto body = parse_json_body(c.request.body, "request body");
    if (!body) return problem(400, body.error().message);
    if (!body->is_object()) return problem(400, "request body: expected a JSON object");
    store::UpstreamWatch w;
    for (auto [key, out] : {std::pair{"name", &w.name}, std::pair{"packaged", &w.packaged},
                            std::pair{"ecosystem", &w.ecosystem}}) {
        if (!body->contains(key) || (*body)[key].is_null()) continue;
        if (!(*body)[key].is_string())
            return problem(400, std::string("request body: '") + key + "' must be a string");
        *out = (*body)[key].get<std::string>();
    }
    if (w.name.empty()) return problem(400, "request body: 'name' is missing");
    if (body->contains("intervalSeconds")) {
        const auto& n = (*body)["intervalSeconds"];
        if (!n.is_number_integer())
            return problem(400, "request body: 'intervalSeconds' must be an integer");
        w.interval_seconds = n.get<std::int64_t>();
    }
    if (!body->contains("upstream"))
        return problem(400, "request body: 'upstream' is missing (where the releases are)");
    std::string description = (*body)["upstream"].dump();
    auto d = jobs::description_from_json(description);
    if (!d) return problem(400, "request body: upstream: " + d.error().message);
    bool names_address =
        d->kind == upstream::UpstreamKind::git || d->kind == upstream::UpstreamKind::hg ||
        d->kind == upstream::UpstreamKind::ftp || d->kind == upstream::UpstreamKind::sourceforge ||
        d->kind == upstream::UpstreamKind::regex;
    if (names_address && !c.options.upstream_any_address)
        return problem(400, "request body: upstream: versionControl '" + d->kind_as_written +
                                "' names an address of its own, which this server does not "
                                "read (kaiyuan serve --upstream-any-address)");
    w.description = std::move(description);
    if (!w.ecosystem.empty())
        if (auto scheme = version::scheme_for(w.ecosystem); !scheme)
            return problem(400, "request body: 'ecosystem': " + scheme.error().message);
    auto made = c.store.create_watch(c.access, c.request.path_params.at("uuid"), std::move(w));
    if (!made) return store_error(made.error());
    return json_response(watch_json(*made), 201);
}

Response project_watches(Context& c) {
    auto list = c.store.project_watches(c.access, c.request.path_params.at("uuid"));
    if (!list) return store_error(list.error());
    json items = json::array();
    for (const auto& w : *list)
        items.push_back(watch_json(w));
    return json_response({{"items", items}});
}

Response get_watch(Context& c) {
    auto found = c.store.get_watch(c.access, c.request.path_params.at("uuid"));
    if (!found) return store_error(found.error());
    json j = watch_json(found->first);
    json releases = json::array();
    for (const auto& r : found->second)
        releases.push_back({{"version", r.version},
                            {"tag", r.tag},
                            {"released", or_null(r.released)},
                            {"firstSeenAt", r.first_seen_at}});
    j["releases"] = releases;
    return json_response(j);
}

Response delete_watch(Context& c) {
    if (auto r = c.store.delete_watch(c.access, c.request.path_params.at("uuid")); !r)
        return store_error(r.error());
    return no_content();
}

Response check_watch(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    if (auto r = c.store.make_watch_due(c.access, uuid); !r) return store_error(r.error());
    auto found = c.store.get_watch(c.access, uuid);
    if (!found) return store_error(found.error());
    return json_response(watch_json(found->first), 202);
}

} // namespace kaiyuan::server
