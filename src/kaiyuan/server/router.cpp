#include "kaiyuan/server/router.hpp"
#include "kaiyuan/server/sessions.hpp"
#include "kaiyuan/server/web_ui.hpp"

#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/strings.hpp"

#include <strings.h>

namespace kaiyuan::server {

namespace {

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params) {
    auto ps = util::split(pattern, '/');
    auto xs = util::split(path, '/');
    if (ps.size() != xs.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < ps.size(); ++i) {
        if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
            if (xs[i].empty()) return false;
            found.emplace(std::string(ps[i].substr(1, ps[i].size() - 2)), std::string(xs[i]));
        } else if (ps[i] != xs[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

std::string presented_key(const Request& r) {
    if (const auto& k = r.header("X-Api-Key"); !k.empty()) return k;
    const auto& auth = r.header("Authorization");
    if (auth.size() > 7 && ::strncasecmp(auth.c_str(), "Bearer ", 7) == 0)
        return std::string(util::trim(auth.substr(7)));
    return "";
}

constexpr std::string_view k_csrf_refused = "CSRF token missing or wrong";

/// The access of a session cookie; requests other than GET and HEAD must carry its CSRF token.
Result<store::Access> session_access(const Request& r, store::Store& store,
                                     const std::string& token) {
    auto s = store.session(token);
    if (!s) return unexpected(s.error());
    if (r.method != "GET" && r.method != "HEAD" && !csrf_matches(r, s->csrf_token))
        return store::not_found(std::string(k_csrf_refused));
    return s->access;
}

} // namespace

Match match_route(std::string_view method, std::string_view path) {
    Match m;
    for (const auto& route : routes()) {
        std::map<std::string, std::string> params;
        if (!match_pattern(route.pattern, path, params)) continue;
        m.path_known = true;
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            m.route = &route;
            m.params = std::move(params);
            return m;
        }
    }
    return m;
}

Response dispatch(Request& request, store::Store& store, jobs::Workers* workers,
                  const ServerOptions& options) {
    Match m = match_route(request.method, request.path);
    if (!m.route && !m.path_known)
        if (auto page = web_ui(request)) return *page;
    if (!m.route) {
        if (m.path_known)
            return problem(405, request.method + " is not allowed on " + request.path);
        return problem(404, "no such route: " + request.method + " " + request.path);
    }
    request.path_params = std::move(m.params);
    const Route& route = *m.route;
    store::Access access;
    if (!route.permissions.empty()) {
        std::string key = presented_key(request);
        std::string session = key.empty() ? session_token(request, options) : "";
        if (key.empty() && session.empty()) {
            auto r = problem(401, "this route needs an API key: send it in the X-Api-Key header "
                                  "(or Authorization: Bearer); `kaiyuan apikey create` makes one");
            r.headers.emplace_back("WWW-Authenticate", "Bearer");
            return r;
        }
        auto a = key.empty() ? session_access(request, store, session) : store.authenticate(key);
        if (!a) {
            if (store::kind_of(a.error()) != store::ErrorKind::not_found)
                return problem(503,
                               "the store cannot check keys now: " + store::message_of(a.error()));
            if (store::message_of(a.error()) == k_csrf_refused)
                return problem(403, "a signed-in request that changes something needs the "
                                    "session's X-CSRF-Token header (GET /api/v2/session has it)");
            if (!session.empty()) return problem(401, store::message_of(a.error()));
            auto r = problem(401, "API key refused (" + store::message_of(a.error()) +
                                      "): ask an administrator for a valid one");
            r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return r;
        }
        bool allowed = false;
        for (auto p : route.permissions)
            allowed = allowed || a->has(p);
        if (!allowed) {
            std::string names;
            for (auto p : route.permissions)
                names += (names.empty() ? "" : " or ") + std::string(store::to_string(p));
            std::string who = a->user.empty()
                                  ? "key " + a->key_public_id + " of team '" + a->team + "'"
                                  : "user '" + a->user + "'";
            return problem(403, who + " lacks the " + names + " permission that " + route.method +
                                    " " + route.pattern + " needs");
        }
        access = *a;
    }
    Context context{request, access, store, workers, options};
    return route.handler(context);
}

} // namespace kaiyuan::server
