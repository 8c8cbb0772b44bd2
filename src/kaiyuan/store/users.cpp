/// People, teams and sessions. A user's password is kept as Argon2id (util/password.hpp); a
/// session token ("kys_" + 32 random bytes) is kept only as its SHA-256, like an API key's secret
/// (a token has 256 bits of entropy: nothing to stretch). A user gets the union of their teams'
/// permissions and sees what any of their teams sees (visible_condition).
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/password.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>

namespace kaiyuan::store {

namespace {

constexpr std::string_view k_session_prefix = "kys_";
constexpr std::size_t k_min_password = 8, k_max_password = 1024, k_max_name = 100;
/// A session idle this long ends, whatever its expiry.
constexpr int k_idle_minutes = 120;
/// After this many failed sign-ins in a row, a user's sign-in waits: 1 minute, then doubling
/// with each further failure up to an hour (OWASP Authentication Cheat Sheet: throttle rather
/// than lock, so that nobody can lock another person out for good).
constexpr std::int64_t k_free_failures = 5;

int throttle_minutes(std::int64_t failures) {
    if (failures < k_free_failures) return 0;
    return static_cast<int>(std::min<std::int64_t>(
        60, std::int64_t(1) << std::min<std::int64_t>(6, failures - k_free_failures)));
}

std::string token_hash(std::string_view token) {
    return util::digest_hex(util::DigestAlgorithm::sha256, token);
}

std::string utc_in(int minutes) {
    return util::utc_from_now(std::int64_t(minutes) * 60);
}

Result<void> check_name(const std::string& name, const char* what) {
    if (name.empty() || name.size() > k_max_name)
        return invalid(std::string(what) + " name must have 1 to 100 characters");
    for (unsigned char ch : name)
        if (ch < 0x20 || ch == 0x7f || ch == '/')
            return invalid(std::string(what) + " name '" + name +
                           "' has a control character or a slash");
    return {};
}

Result<void> check_password(std::string_view password) {
    if (password.size() < k_min_password || password.size() > k_max_password)
        return invalid("a password must have 8 to 1024 bytes");
    return {};
}

/// Every user's teams and permission bits, by user id.
struct Memberships {
    std::map<std::int64_t, std::vector<std::string>> teams;
    std::map<std::int64_t, unsigned> bits;
};

Result<Memberships> memberships(Connection& c, const std::string& where = "",
                                std::vector<Value> params = {}) {
    auto rows = c.query("SELECT ut.user_id, t.name, t.permissions FROM user_teams ut JOIN teams t "
                        "ON t.id = ut.team_id " +
                            where + " ORDER BY ut.user_id, t.name",
                        std::span<const Value>(params));
    if (!rows) return unexpected(rows.error());
    Memberships m;
    for (const auto& row : *rows) {
        m.teams[row.integer(0)].push_back(row.text(1));
        m.bits[row.integer(0)] |= permission_bits(row.text(2));
    }
    return m;
}

constexpr const char* k_user_columns =
    "SELECT id, uuid, name, created_at, disabled_at, last_login_at FROM users";

UserInfo user_from(const Row& row, const Memberships& m) {
    UserInfo u;
    std::int64_t id = row.integer(0);
    u.uuid = row.text(1);
    u.name = row.text(2);
    u.created_at = row.text(3);
    u.disabled_at = row.text(4);
    u.last_login_at = row.text(5);
    if (auto it = m.teams.find(id); it != m.teams.end()) u.teams = it->second;
    if (auto it = m.bits.find(id); it != m.bits.end()) u.permissions = permission_names(it->second);
    return u;
}

Result<UserInfo> read_user(Connection& c, const std::string& name) {
    auto rows = c.query(std::string(k_user_columns) + " WHERE name = $1", {name});
    if (!rows) return unexpected(rows.error());
    if (rows->empty()) return not_found("user '" + name + "'");
    auto m = memberships(c, "WHERE ut.user_id = $1", {rows->front().integer(0)});
    if (!m) return unexpected(m.error());
    return user_from(rows->front(), *m);
}

Result<void> set_teams(Connection& c, std::int64_t user_id, const std::vector<std::string>& teams) {
    if (auto r = c.query("DELETE FROM user_teams WHERE user_id = $1", {user_id}); !r)
        return unexpected(r.error());
    for (const auto& team : teams) {
        auto tid = c.query("SELECT id FROM teams WHERE name = $1", {team});
        if (!tid) return unexpected(tid.error());
        if (tid->empty())
            return not_found("team '" + team + "' (make it first: PUT /api/v2/teams/{name})");
        auto r = c.query("INSERT INTO user_teams(user_id, team_id) VALUES($1, $2) ON CONFLICT DO "
                         "NOTHING",
                         {user_id, tid->front().integer(0)});
        if (!r) return unexpected(r.error());
    }
    return {};
}

/// A hash to check a password against when the user is unknown, so that an unknown name and a
/// wrong password take the same time.
const std::string& decoy_hash() {
    static const std::string hash = util::hash_password("kaiyuan-decoy-password").value_or("");
    return hash;
}

} // namespace

Result<UserInfo> Store::create_user(const std::string& name, std::string_view password,
                                    const std::vector<std::string>& teams) {
    if (auto r = check_name(name, "a user"); !r) return unexpected(r.error());
    if (auto r = check_password(password); !r) return unexpected(r.error());
    auto hash = util::hash_password(password);
    if (!hash) return unexpected(hash.error());
    return with_connection([&](Connection& c) -> Result<UserInfo> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto exists = c.query("SELECT 1 FROM users WHERE name = $1", {name});
        if (!exists) return unexpected(exists.error());
        if (!exists->empty()) return conflict("user '" + name + "' exists");
        auto made = c.query("INSERT INTO users(uuid, name, password_hash, created_at) "
                            "VALUES($1, $2, $3, $4) RETURNING id",
                            {util::uuid4(), name, *hash, util::utc_now()});
        if (!made) return unexpected(made.error());
        if (auto r = set_teams(c, made->front().integer(0), teams); !r)
            return unexpected(r.error());
        auto u = read_user(c, name);
        if (!u) return u;
        if (auto done = t.commit(); !done) return unexpected(done.error());
        return u;
    });
}

Result<std::vector<UserInfo>> Store::list_users() {
    return with_connection([&](Connection& c) -> Result<std::vector<UserInfo>> {
        auto rows = c.query(std::string(k_user_columns) + " ORDER BY name");
        if (!rows) return unexpected(rows.error());
        auto m = memberships(c);
        if (!m) return unexpected(m.error());
        std::vector<UserInfo> out;
        for (const auto& row : *rows)
            out.push_back(user_from(row, *m));
        return out;
    });
}

Result<UserInfo> Store::get_user(const std::string& name) {
    return with_connection([&](Connection& c) { return read_user(c, name); });
}

Result<UserInfo> Store::update_user(const std::string& name, const UserChange& change) {
    std::string hash;
    if (change.password) {
        if (auto r = check_password(*change.password); !r) return unexpected(r.error());
        auto h = util::hash_password(*change.password);
        if (!h) return unexpected(h.error());
        hash = *h;
    }
    return with_connection([&](Connection& c) -> Result<UserInfo> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto found = c.query("SELECT id FROM users WHERE name = $1", {name});
        if (!found) return unexpected(found.error());
        if (found->empty()) return not_found("user '" + name + "'");
        std::int64_t id = found->front().integer(0);
        bool end_sessions = false;
        if (change.password) {
            if (auto r =
                    c.query("UPDATE users SET password_hash = $1, failed_logins = 0 WHERE id = $2",
                            {hash, id});
                !r)
                return unexpected(r.error());
            end_sessions = true;
        }
        if (change.disabled) {
            auto r = *change.disabled
                         ? c.query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND "
                                   "disabled_at IS NULL",
                                   {util::utc_now(), id})
                         : c.query("UPDATE users SET disabled_at = NULL WHERE id = $1", {id});
            if (!r) return unexpected(r.error());
            end_sessions = end_sessions || *change.disabled;
        }
        if (change.teams)
            if (auto r = set_teams(c, id, *change.teams); !r) return unexpected(r.error());
        if (end_sessions)
            if (auto r = c.query("DELETE FROM sessions WHERE user_id = $1", {id}); !r)
                return unexpected(r.error());
        auto u = read_user(c, name);
        if (!u) return u;
        if (auto done = t.commit(); !done) return unexpected(done.error());
        return u;
    });
}

Result<void> Store::delete_user(const std::string& name) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto r = c.query("DELETE FROM users WHERE name = $1", {name});
        if (!r) return unexpected(r.error());
        if (c.changes() == 0) return not_found("user '" + name + "'");
        return {};
    });
}

Result<std::vector<TeamInfo>> Store::list_teams() {
    return with_connection([&](Connection& c) -> Result<std::vector<TeamInfo>> {
        auto rows = c.query(
            "SELECT t.id, t.uuid, t.name, t.permissions, t.created_at, "
            "(SELECT count(*) FROM team_projects tp WHERE tp.team_id = t.id), "
            "(SELECT count(*) FROM api_keys k WHERE k.team_id = t.id AND k.revoked_at IS NULL) "
            "FROM teams t ORDER BY t.name");
        if (!rows) return unexpected(rows.error());
        auto members = c.query("SELECT ut.team_id, u.name FROM user_teams ut JOIN users u ON "
                               "u.id = ut.user_id ORDER BY u.name");
        if (!members) return unexpected(members.error());
        auto tags = c.query("SELECT team_id, tag FROM team_tags ORDER BY tag");
        if (!tags) return unexpected(tags.error());
        std::map<std::int64_t, TeamInfo> by_id;
        std::vector<std::int64_t> order;
        for (const auto& row : *rows) {
            TeamInfo t;
            t.uuid = row.text(1);
            t.name = row.text(2);
            t.permissions = permission_names(permission_bits(row.text(3)));
            t.created_at = row.text(4);
            t.projects = row.integer(5);
            t.keys = row.integer(6);
            order.push_back(row.integer(0));
            by_id.emplace(row.integer(0), std::move(t));
        }
        for (const auto& row : *members)
            if (auto it = by_id.find(row.integer(0)); it != by_id.end())
                it->second.members.push_back(row.text(1));
        for (const auto& row : *tags)
            if (auto it = by_id.find(row.integer(0)); it != by_id.end())
                it->second.tags.push_back(row.text(1));
        std::vector<TeamInfo> out;
        for (auto id : order)
            out.push_back(std::move(by_id.at(id)));
        return out;
    });
}

Result<TeamInfo> Store::put_team(const std::string& name,
                                 const std::vector<Permission>& permissions) {
    if (auto r = check_name(name, "a team"); !r) return unexpected(r.error());
    auto done = with_connection([&](Connection& c) -> Result<void> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto id = team_id(c, name, true);
        if (!id) return unexpected(id.error());
        if (auto r = c.query("UPDATE teams SET permissions = $1 WHERE id = $2",
                             {join_permissions(permissions), *id});
            !r)
            return unexpected(r.error());
        return t.commit();
    });
    if (!done) return unexpected(done.error());
    auto teams = list_teams();
    if (!teams) return unexpected(teams.error());
    for (auto& t : *teams)
        if (t.name == name) return std::move(t);
    return not_found("team '" + name + "'");
}

Result<void> Store::delete_team(const std::string& name) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto r = c.query("DELETE FROM teams WHERE name = $1", {name});
        if (!r) return unexpected(r.error());
        if (c.changes() == 0) return not_found("team '" + name + "'");
        return {};
    });
}

Result<CreatedSession> Store::sign_in(const std::string& name, std::string_view password,
                                      int hours) {
    auto found = with_connection([&](Connection& c) {
        return c.query("SELECT id, password_hash, disabled_at, failed_logins, last_failed_at FROM "
                       "users WHERE name = $1",
                       {name});
    });
    if (!found) return unexpected(found.error());
    bool known = !found->empty();
    if (known) {
        int wait = throttle_minutes(found->front().integer(3));
        if (wait > 0 && found->front().text(4) > utc_in(-wait))
            return invalid(std::string(k_throttled) + ": wait " + std::to_string(wait) +
                           " minute(s) after " + std::to_string(found->front().integer(3)) +
                           " failed sign-ins in a row");
    }
    bool matches = util::verify_password(password, known ? found->front().text(1) : decoy_hash());
    if (known && !matches)
        (void)with_connection([&](Connection& c) {
            return c.query("UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = "
                           "$1 WHERE name = $2",
                           {util::utc_now(), name});
        });
    if (!known || !matches || !found->front().is_null(2))
        return not_found("unknown user or wrong password");
    std::int64_t user_id = found->front().integer(0);
    CreatedSession s;
    s.token = std::string(k_session_prefix) + util::base64url(util::random_bytes(32));
    s.csrf_token = util::base64url(util::random_bytes(24));
    s.expires_at = utc_in(hours * 60);
    std::string now = util::utc_now();
    auto done = with_connection([&](Connection& c) -> Result<void> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        // Expired sessions of everyone go here, rather than in a timer.
        if (auto r = c.query("DELETE FROM sessions WHERE expires_at < $1", {now}); !r)
            return unexpected(r.error());
        if (auto r = c.query("INSERT INTO sessions(token_sha256, user_id, csrf_token, created_at, "
                             "expires_at, last_seen_at) VALUES($1, $2, $3, $4, $5, $4)",
                             {token_hash(s.token), user_id, s.csrf_token, now, s.expires_at});
            !r)
            return unexpected(r.error());
        if (auto r = c.query("UPDATE users SET last_login_at = $1, failed_logins = 0 WHERE id = $2",
                             {now, user_id});
            !r)
            return unexpected(r.error());
        return t.commit();
    });
    if (!done) return unexpected(done.error());
    return s;
}

Result<SessionAccess> Store::session(std::string_view token) {
    if (!token.starts_with(k_session_prefix) || token.size() > 100)
        return not_found("malformed session");
    std::string hash = token_hash(token);
    return with_connection([&](Connection& c) -> Result<SessionAccess> {
        auto rows = c.query("SELECT s.id, s.user_id, u.name, s.csrf_token, s.expires_at, "
                            "s.last_seen_at FROM sessions s JOIN users u ON "
                            "u.id = s.user_id WHERE s.token_sha256 = $1 AND u.disabled_at IS NULL",
                            {hash});
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return not_found("unknown session");
        const Row& row = rows->front();
        std::string now = util::utc_now();
        if (row.text(4) < now || row.text(5) < utc_in(-k_idle_minutes)) {
            (void)c.query("DELETE FROM sessions WHERE id = $1", {row.integer(0)});
            return not_found("session expired: sign in again");
        }
        SessionAccess out;
        out.csrf_token = row.text(3);
        out.expires_at = row.text(4);
        Access& a = out.access;
        a.user_id = row.integer(1);
        a.user = row.text(2);
        auto teams = c.query("SELECT t.id, t.name, t.permissions FROM user_teams ut JOIN teams t "
                             "ON t.id = ut.team_id WHERE ut.user_id = $1 ORDER BY t.id",
                             {a.user_id});
        if (!teams) return unexpected(teams.error());
        for (const auto& t : *teams) {
            if (!a.team_id) {
                a.team_id = t.integer(0);
                a.team = t.text(1);
            }
            a.permissions |= permission_bits(t.text(2));
        }
        // Last seen, to the minute: one write per session per minute, not per request.
        if (row.text(5).substr(0, 16) != now.substr(0, 16))
            (void)c.query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2",
                          {now, row.integer(0)});
        return out;
    });
}

Result<void> Store::sign_out(std::string_view token) {
    std::string hash = token_hash(token);
    return with_connection([&](Connection& c) -> Result<void> {
        auto r = c.query("DELETE FROM sessions WHERE token_sha256 = $1", {hash});
        if (!r) return unexpected(r.error());
        return {};
    });
}

} // namespace kaiyuan::store
