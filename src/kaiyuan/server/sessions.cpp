/// Signing in and out (the web UI's sessions) and the people and teams behind them.
///
/// A session lives in a cookie that scripts cannot read (HttpOnly), that no other site's request
/// carries (SameSite=Strict) and, over TLS, that only HTTPS carries (Secure, and the __Host-
/// prefix, RFC 6265bis 4.1.3.2). Requests that change something must also echo the session's
/// CSRF token in X-CSRF-Token (the synchronizer-token pattern, OWASP CSRF Prevention): a forged
/// cross-site request has the cookie at most, never the token. Signing in always makes a new
/// token and ends the session the browser came with, so a planted session id is worthless.
#include "kaiyuan/server/sessions.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/server.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/strings.hpp"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

constexpr int k_session_hours = 12;

std::string cookie_name(const ServerOptions& o) {
    return o.tls_cert.empty() ? "kaiyuan_session" : "__Host-kaiyuan_session";
}

std::string set_cookie(const ServerOptions& o, const std::string& value, int max_age) {
    return cookie_name(o) + "=" + value +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (o.tls_cert.empty() ? "" : "; Secure");
}

json user_json(const store::UserInfo& u) {
    return {{"uuid", u.uuid},
            {"name", u.name},
            {"teams", u.teams},
            {"permissions", u.permissions},
            {"createdAt", u.created_at},
            {"disabled", !u.disabled_at.empty()},
            {"disabledAt", u.disabled_at.empty() ? json(nullptr) : json(u.disabled_at)},
            {"lastLoginAt", u.last_login_at.empty() ? json(nullptr) : json(u.last_login_at)}};
}

json team_json(const store::TeamInfo& t) {
    return {{"uuid", t.uuid},       {"name", t.name},           {"permissions", t.permissions},
            {"members", t.members}, {"tags", t.tags},           {"projects", t.projects},
            {"keys", t.keys},       {"createdAt", t.created_at}};
}

Result<std::vector<std::string>> strings_of(const json& list, const std::string& what) {
    if (!list.is_array()) return fail(what + " must be an array of names");
    std::vector<std::string> out;
    for (const auto& x : list) {
        if (!x.is_string()) return fail(what + " must be an array of names");
        out.push_back(x.get<std::string>());
    }
    return out;
}

/// The answer that names a session: its user, CSRF token and expiry; never cached.
Response session_response(const store::UserInfo& user, const std::string& csrf_token,
                          const std::string& expires_at) {
    auto r = json_response(
        {{"user", user_json(user)}, {"csrfToken", csrf_token}, {"expiresAt", expires_at}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

bool is_json(const Request& r) {
    auto type = util::to_lower(r.header("Content-Type"));
    return type.starts_with("application/json");
}

} // namespace

std::string session_token(const Request& r, const ServerOptions& o) {
    const std::string name = cookie_name(o);
    for (auto part : util::split(r.header("Cookie"), ';')) {
        auto kv = util::trim(part);
        if (kv.size() > name.size() && kv.starts_with(name) && kv[name.size()] == '=')
            return std::string(kv.substr(name.size() + 1));
    }
    return "";
}

bool csrf_matches(const Request& r, const std::string& expected) {
    const std::string& got = r.header("X-CSRF-Token");
    return !expected.empty() && got.size() == expected.size() &&
           CRYPTO_memcmp(got.data(), expected.data(), got.size()) == 0;
}

Response sign_in(Context& c) {
    // JSON only: a cross-site form cannot send it without a CORS preflight this server refuses,
    // so no other site can sign a browser in to an account of its choosing (login CSRF).
    if (!is_json(c.request))
        return problem(415, "sign in with a JSON body {\"name\": ..., \"password\": ...}");
    auto body = parse_json_body(c.request.body, "sign-in");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string() ||
        !j.contains("password") || !j["password"].is_string())
        return problem(400, "sign-in: expected {\"name\": NAME, \"password\": PASSWORD}");
    std::string name = j["name"].get<std::string>();
    auto session = c.store.sign_in(name, j["password"].get<std::string>(), k_session_hours);
    if (!session) {
        if (store::kind_of(session.error()) == store::ErrorKind::not_found)
            return problem(401, "unknown user or wrong password");
        if (store::message_of(session.error()).starts_with(store::k_throttled)) {
            auto r = problem(429, store::message_of(session.error()));
            r.headers.emplace_back("Retry-After", "60");
            return r;
        }
        return store_error(session.error());
    }
    if (auto old = session_token(c.request, c.options); !old.empty()) (void)c.store.sign_out(old);
    auto user = c.store.get_user(name);
    if (!user) return store_error(user.error());
    auto r = session_response(*user, session->csrf_token, session->expires_at);
    r.headers.emplace_back("Set-Cookie",
                           set_cookie(c.options, session->token, k_session_hours * 3600));
    return r;
}

Response current_session(Context& c) {
    // Nobody signed in is an answer, not an error: the UI asks this first on every load.
    json nobody = {{"user", nullptr}, {"csrfToken", nullptr}, {"expiresAt", nullptr}};
    std::string token = session_token(c.request, c.options);
    if (token.empty()) return json_response(nobody);
    auto s = c.store.session(token);
    if (!s) {
        if (store::kind_of(s.error()) != store::ErrorKind::not_found) return store_error(s.error());
        auto r = json_response(nobody);
        r.headers.emplace_back("Set-Cookie", set_cookie(c.options, "", 0));
        return r;
    }
    auto user = c.store.get_user(s->access.user);
    if (!user) return store_error(user.error());
    return session_response(*user, s->csrf_token, s->expires_at);
}

Response sign_out(Context& c) {
    std::string token = session_token(c.request, c.options);
    if (!token.empty()) {
        auto s = c.store.session(token);
        if (s && !csrf_matches(c.request, s->csrf_token))
            return problem(403, "signing out needs the session's X-CSRF-Token header");
        if (auto done = c.store.sign_out(token); !done) return store_error(done.error());
    }
    auto r = no_content();
    r.headers.emplace_back("Set-Cookie", set_cookie(c.options, "", 0));
    return r;
}

Response list_users(Context& c) {
    auto users = c.store.list_users();
    if (!users) return store_error(users.error());
    json items = json::array();
    for (const auto& u : *users)
        items.push_back(user_json(u));
    return json_response({{"items", items}});
}

Response create_user(Context& c) {
    auto body = parse_json_body(c.request.body, "user");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string() ||
        !j.contains("password") || !j["password"].is_string())
        return problem(400, "user: expected {\"name\": NAME, \"password\": PASSWORD, \"teams\": "
                            "[TEAM...]}");
    std::vector<std::string> teams;
    if (j.contains("teams")) {
        auto t = strings_of(j["teams"], "user: \"teams\"");
        if (!t) return problem(400, t.error().message);
        teams = *t;
    }
    auto made =
        c.store.create_user(j["name"].get<std::string>(), j["password"].get<std::string>(), teams);
    if (!made) return store_error(made.error());
    return json_response(user_json(*made), 201);
}

Response update_user(Context& c) {
    auto body = parse_json_body(c.request.body, "user");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    if (!j.is_object()) return problem(400, "user: expected an object");
    store::UserChange change;
    if (j.contains("password")) {
        if (!j["password"].is_string()) return problem(400, "user: \"password\" must be a string");
        change.password = j["password"].get<std::string>();
    }
    if (j.contains("disabled")) {
        if (!j["disabled"].is_boolean())
            return problem(400, "user: \"disabled\" must be true/false");
        change.disabled = j["disabled"].get<bool>();
    }
    if (j.contains("teams")) {
        auto t = strings_of(j["teams"], "user: \"teams\"");
        if (!t) return problem(400, t.error().message);
        change.teams = *t;
    }
    auto done = c.store.update_user(c.request.path_params.at("name"), change);
    if (!done) return store_error(done.error());
    return json_response(user_json(*done));
}

Response delete_user(Context& c) {
    auto done = c.store.delete_user(c.request.path_params.at("name"));
    if (!done) return store_error(done.error());
    return no_content();
}

Response list_teams(Context& c) {
    auto teams = c.store.list_teams();
    if (!teams) return store_error(teams.error());
    json items = json::array();
    for (const auto& t : *teams)
        items.push_back(team_json(t));
    return json_response({{"items", items}});
}

Response put_team(Context& c) {
    auto body = parse_json_body(c.request.body, "team");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    if (!j.is_object() || !j.contains("permissions"))
        return problem(400, "team: expected {\"permissions\": [\"read\"|\"upload\"|\"triage\"|"
                            "\"admin\"...]}");
    auto permissions = permissions_of(j["permissions"], "team");
    if (!permissions) return problem(400, permissions.error().message);
    auto done = c.store.put_team(c.request.path_params.at("team"), *permissions);
    if (!done) return store_error(done.error());
    return json_response(team_json(*done));
}

Response delete_team(Context& c) {
    auto done = c.store.delete_team(c.request.path_params.at("team"));
    if (!done) return store_error(done.error());
    return no_content();
}

} // namespace kaiyuan::server
