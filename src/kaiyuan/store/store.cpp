#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <charconv>

namespace kaiyuan::store {

// The migrations of each backend, numbered, embedded from data/migrations/ by CMake.
extern const char* const k_sqlite_0001;
extern const char* const k_postgres_0001;
extern const char* const k_sqlite_0002;
extern const char* const k_postgres_0002;
extern const char* const k_sqlite_0003;
extern const char* const k_postgres_0003;
extern const char* const k_sqlite_0004;
extern const char* const k_postgres_0004;
extern const char* const k_sqlite_0005;
extern const char* const k_postgres_0005;

namespace {

struct Migration {
    std::int64_t version;
    const char* sqlite;
    const char* postgres;
};

const Migration k_migrations[] = {
    {1, k_sqlite_0001, k_postgres_0001}, {2, k_sqlite_0002, k_postgres_0002},
    {3, k_sqlite_0003, k_postgres_0003}, {4, k_sqlite_0004, k_postgres_0004},
    {5, k_sqlite_0005, k_postgres_0005},
};

constexpr std::string_view k_not_found = "not found: ";
constexpr std::string_view k_conflict = "conflict: ";
constexpr std::string_view k_invalid = "invalid: ";

} // namespace

const char* to_string(Permission p) {
    switch (p) {
    case Permission::read:
        return "read";
    case Permission::upload:
        return "upload";
    case Permission::triage:
        return "triage";
    case Permission::admin:
        return "admin";
    case Permission::sign:
        return "sign";
    }
    return "read";
}

std::optional<Permission> parse_permission(std::string_view s) {
    for (Permission p : {Permission::read, Permission::upload, Permission::triage,
                         Permission::admin, Permission::sign})
        if (s == to_string(p)) return p;
    return std::nullopt;
}

std::string join_permissions(const std::vector<Permission>& ps) {
    std::string out;
    for (Permission p : {Permission::read, Permission::upload, Permission::triage,
                         Permission::admin, Permission::sign})
        if (std::find(ps.begin(), ps.end(), p) != ps.end())
            out += (out.empty() ? "" : ",") + std::string(to_string(p));
    return out;
}

unsigned permission_bits(std::string_view list) {
    unsigned bits = 0;
    for (auto part : util::split(list, ','))
        if (auto p = parse_permission(part)) bits |= static_cast<unsigned>(*p);
    return bits;
}

std::vector<std::string> permission_names(unsigned bits) {
    std::vector<std::string> out;
    for (Permission p : {Permission::read, Permission::upload, Permission::triage,
                         Permission::admin, Permission::sign})
        if (bits & static_cast<unsigned>(p)) out.emplace_back(to_string(p));
    return out;
}

Access Access::local_admin() {
    Access a;
    a.permissions = static_cast<unsigned>(Permission::admin);
    a.team = "local";
    return a;
}

const char* to_string(JobStatus s) {
    switch (s) {
    case JobStatus::queued:
        return "queued";
    case JobStatus::running:
        return "running";
    case JobStatus::done:
        return "done";
    case JobStatus::failed:
        return "failed";
    }
    return "queued";
}

ErrorKind kind_of(const Error& e) {
    if (e.message.starts_with(k_not_found)) return ErrorKind::not_found;
    if (e.message.starts_with(k_conflict)) return ErrorKind::conflict;
    if (e.message.starts_with(k_invalid)) return ErrorKind::invalid;
    return ErrorKind::other;
}

std::string message_of(const Error& e) {
    for (auto prefix : {k_not_found, k_conflict, k_invalid})
        if (e.message.starts_with(prefix)) return e.message.substr(prefix.size());
    return e.message;
}

unexpected<Error> not_found(const std::string& what) {
    return fail(std::string(k_not_found) + what);
}
unexpected<Error> conflict(const std::string& what) {
    return fail(std::string(k_conflict) + what);
}
unexpected<Error> invalid(const std::string& what) {
    return fail(std::string(k_invalid) + what);
}

std::string visible_condition(const Access& a, std::vector<Value>& params,
                              const char* project_column) {
    if (a.admin()) return "1=1";
    params.emplace_back(a.user_id ? a.user_id : a.team_id);
    std::string n = "$" + std::to_string(params.size());
    // A user sees what any of their teams sees.
    std::string teams =
        a.user_id ? " IN (SELECT team_id FROM user_teams WHERE user_id = " + n + ")" : " = " + n;
    std::string col = project_column;
    return "(" + col + " IN (SELECT project_id FROM team_projects WHERE team_id" + teams + ") OR " +
           col +
           " IN (SELECT pt.project_id FROM project_tags pt JOIN team_tags tt ON tt.tag = pt.tag "
           "WHERE tt.team_id" +
           teams + "))";
}

Result<std::unique_ptr<Store>> Store::open(const std::string& url) {
    auto c = connect(url);
    if (!c) return unexpected(c.error());
    std::unique_ptr<Store> store(new Store());
    store->m_url = url;
    store->m_dialect = (*c)->dialect();
    store->m_idle.push_back(std::move(*c));
    if (auto r = store->migrate(); !r)
        return fail("database " + redact_url(url) + ": migration failed: " + r.error().message);
    return store;
}

Store::~Store() = default;

Result<std::unique_ptr<Connection>> Store::borrow() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto c = std::move(m_idle.back());
            m_idle.pop_back();
            return c;
        }
    }
    return connect(m_url);
}

void Store::give_back(std::unique_ptr<Connection> c) {
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(c));
}

Result<void> Store::migrate() {
    return with_connection([&](Connection& c) -> Result<void> {
        // Concurrent first starts (two servers on one new PostgreSQL) serialise on the lock of
        // this table's creation and then on the version rows' primary key.
        if (auto r =
                c.script("CREATE TABLE IF NOT EXISTS schema_migrations(version BIGINT PRIMARY KEY, "
                         "applied_at TEXT NOT NULL)");
            !r)
            return r;
        for (const auto& m : k_migrations) {
            Transaction t(c);
            if (auto r = t.begin(); !r) return r;
            if (m_dialect == Dialect::postgres) {
                // One migrator at a time across processes, until this transaction ends.
                if (auto r = c.query("SELECT pg_advisory_xact_lock(7243001)"); !r)
                    return unexpected(r.error());
            }
            auto done = c.query("SELECT 1 FROM schema_migrations WHERE version = $1", {m.version});
            if (!done) return unexpected(done.error());
            if (!done->empty()) continue;
            if (auto r = c.script(m_dialect == Dialect::sqlite ? m.sqlite : m.postgres); !r)
                return fail("migration " + std::to_string(m.version) + ": " + r.error().message);
            if (auto r =
                    c.query("INSERT INTO schema_migrations(version, applied_at) VALUES($1, $2)",
                            {m.version, std::string("now")});
                !r)
                return unexpected(r.error());
            if (auto r = t.commit(); !r) return r;
        }
        return {};
    });
}

std::int64_t Store::schema_version() {
    auto r = with_connection(
        [](Connection& c) { return c.query("SELECT max(version) FROM schema_migrations"); });
    if (!r || r->empty()) return 0;
    return r->front().integer(0);
}

Result<std::int64_t> visible_project(Connection& c, const Access& a, const std::string& uuid) {
    std::vector<Value> params{uuid};
    std::string sql =
        "SELECT p.id FROM projects p WHERE p.uuid = $1 AND " + visible_condition(a, params);
    auto rows = c.query(sql, std::span<const Value>(params));
    if (!rows) return unexpected(rows.error());
    if (rows->empty()) return not_found("project " + uuid);
    return rows->front().integer(0);
}

} // namespace kaiyuan::store
