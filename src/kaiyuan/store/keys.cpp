/// API keys and teams. A key is "ky_<public id>_<secret>": the public id (12 hex digits) names the
/// key in lists and logs, and only the SHA-256 of the secret (24 random bytes) is stored. The
/// secret has 192 bits of entropy, so a fast hash is enough (no password-stretching needed:
/// there is nothing to guess); it is compared in constant time.
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <openssl/crypto.h>

namespace kaiyuan::store {

namespace {

constexpr std::string_view k_key_prefix = "ky_";
constexpr std::size_t k_public_id_length = 12;

std::string hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

} // namespace

Result<std::int64_t> Store::team_id(Connection& c, const std::string& team, bool create) {
    auto found = c.query("SELECT id FROM teams WHERE name = $1", {team});
    if (!found) return unexpected(found.error());
    if (!found->empty()) return found->front().integer(0);
    if (!create) return not_found("team '" + team + "'");
    auto made = c.query("INSERT INTO teams(uuid, name, created_at) VALUES($1, $2, $3) RETURNING id",
                        {util::uuid4(), team, util::utc_now()});
    if (!made) return unexpected(made.error());
    return made->front().integer(0);
}

Result<CreatedKey> Store::create_key(const std::string& team,
                                     const std::vector<Permission>& permissions,
                                     const std::string& comment) {
    if (team.empty()) return invalid("a key needs a team");
    if (permissions.empty()) return invalid("a key needs at least one permission");
    return with_connection([&](Connection& c) -> Result<CreatedKey> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        auto tid = team_id(c, team, true);
        if (!tid) return unexpected(tid.error());
        CreatedKey k;
        k.info.id = hex(util::random_bytes(k_public_id_length / 2));
        std::string secret = util::base64url(util::random_bytes(24));
        k.key = std::string(k_key_prefix) + k.info.id + "_" + secret;
        k.info.team = team;
        k.info.comment = comment;
        k.info.created_at = util::utc_now();
        std::string perms = join_permissions(permissions);
        for (auto p : util::split(perms, ','))
            k.info.permissions.emplace_back(p);
        auto r = c.query("INSERT INTO api_keys(public_id, team_id, secret_sha256, permissions, "
                         "comment, created_at) "
                         "VALUES($1, $2, $3, $4, $5, $6)",
                         {k.info.id, *tid, util::digest_hex(util::DigestAlgorithm::sha256, secret),
                          perms, comment, k.info.created_at});
        if (!r) return unexpected(r.error());
        if (auto done = t.commit(); !done) return unexpected(done.error());
        return k;
    });
}

Result<std::vector<ApiKeyInfo>> Store::list_keys() {
    return with_connection([&](Connection& c) -> Result<std::vector<ApiKeyInfo>> {
        auto rows = c.query(
            "SELECT k.public_id, t.name, k.permissions, k.comment, k.created_at, k.revoked_at, "
            "k.last_used_at FROM api_keys k JOIN teams t ON t.id = k.team_id ORDER BY k.id");
        if (!rows) return unexpected(rows.error());
        std::vector<ApiKeyInfo> out;
        for (const auto& row : *rows) {
            ApiKeyInfo k;
            k.id = row.text(0);
            k.team = row.text(1);
            for (auto p : util::split(row.text(2), ','))
                k.permissions.emplace_back(p);
            k.comment = row.text(3);
            k.created_at = row.text(4);
            k.revoked_at = row.text(5);
            k.last_used_at = row.text(6);
            out.push_back(std::move(k));
        }
        return out;
    });
}

Result<void> Store::revoke_key(const std::string& public_id) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto r = c.query(
            "UPDATE api_keys SET revoked_at = $1 WHERE public_id = $2 AND revoked_at IS NULL",
            {util::utc_now(), public_id});
        if (!r) return unexpected(r.error());
        if (c.changes() == 0) return not_found("no valid key with id '" + public_id + "'");
        return {};
    });
}

Result<bool> Store::has_keys() {
    return with_connection([&](Connection& c) -> Result<bool> {
        auto r = c.query("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL");
        if (!r) return unexpected(r.error());
        return r->front().integer(0) > 0;
    });
}

Result<Access> Store::authenticate(std::string_view key) {
    if (!key.starts_with(k_key_prefix) ||
        key.size() < k_key_prefix.size() + k_public_id_length + 2 ||
        key[k_key_prefix.size() + k_public_id_length] != '_')
        return not_found("malformed API key");
    std::string public_id(key.substr(k_key_prefix.size(), k_public_id_length));
    std::string presented = util::digest_hex(
        util::DigestAlgorithm::sha256, key.substr(k_key_prefix.size() + k_public_id_length + 1));
    return with_connection([&](Connection& c) -> Result<Access> {
        auto rows =
            c.query("SELECT k.id, k.team_id, t.name, k.secret_sha256, k.permissions, k.revoked_at, "
                    "k.last_used_at FROM api_keys k JOIN teams t ON t.id = k.team_id WHERE "
                    "k.public_id = $1",
                    {public_id});
        if (!rows) return unexpected(rows.error());
        // Hash the presented secret and compare even when the id is unknown, so that timing says
        // nothing about which ids exist.
        std::string stored = rows->empty() ? std::string(64, '0') : rows->front().text(3);
        bool same = stored.size() == presented.size() &&
                    CRYPTO_memcmp(stored.data(), presented.data(), stored.size()) == 0;
        if (rows->empty() || !same) return not_found("unknown API key");
        const Row& row = rows->front();
        if (!row.is_null(5)) return not_found("revoked API key");
        Access a;
        a.key_id = row.integer(0);
        a.team_id = row.integer(1);
        a.team = row.text(2);
        a.permissions = permission_bits(row.text(4));
        a.key_public_id = public_id;
        // Last use, to the minute: one write per key per minute, not per request.
        std::string now = util::utc_now();
        if (row.text(6).substr(0, 16) != now.substr(0, 16))
            (void)c.query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2", {now, a.key_id});
        return a;
    });
}

Result<void> Store::grant_project(const std::string& team, const std::string& project_uuid) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto tid = team_id(c, team, false);
        if (!tid) return unexpected(tid.error());
        auto p = c.query("SELECT id FROM projects WHERE uuid = $1", {project_uuid});
        if (!p) return unexpected(p.error());
        if (p->empty()) return not_found("project " + project_uuid);
        auto r = c.query(
            "INSERT INTO team_projects(team_id, project_id) VALUES($1, $2) ON CONFLICT DO NOTHING",
            {*tid, p->front().integer(0)});
        if (!r) return unexpected(r.error());
        return {};
    });
}

Result<void> Store::grant_tag(const std::string& team, const std::string& tag) {
    return with_connection([&](Connection& c) -> Result<void> {
        auto tid = team_id(c, team, false);
        if (!tid) return unexpected(tid.error());
        auto r =
            c.query("INSERT INTO team_tags(team_id, tag) VALUES($1, $2) ON CONFLICT DO NOTHING",
                    {*tid, tag});
        if (!r) return unexpected(r.error());
        return {};
    });
}

} // namespace kaiyuan::store
