#include "kaiyuan/vuln/database.hpp"

#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/osv_json.hpp"
#include "kaiyuan/vuln/package_key.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace kaiyuan::vuln {

namespace {

// Version 3: advisory (id, modified, record as OSV JSON, header: the record without affected[]),
// affected (advisory, ecosystem as stored, its base, normalised name, the advisory's affected[]
// entries for that package as a JSON array; entries with GIT ranges also under ecosystem "GIT"
// and the normalised repository URL), alias, source.
constexpr int k_schema_version = 3;
constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS advisory(id TEXT PRIMARY KEY, modified TEXT NOT NULL, record TEXT NOT NULL,
                                    header TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS affected(advisory TEXT NOT NULL, ecosystem TEXT NOT NULL,
                                    base TEXT NOT NULL, name TEXT NOT NULL, entries TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS affected_by_name ON affected(base, name);
CREATE INDEX IF NOT EXISTS affected_by_advisory ON affected(advisory);
CREATE TABLE IF NOT EXISTS alias(alias TEXT NOT NULL, advisory TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alias_by_alias ON alias(alias);
CREATE INDEX IF NOT EXISTS alias_by_advisory ON alias(advisory);
CREATE TABLE IF NOT EXISTS source(name TEXT PRIMARY KEY, imported_at TEXT NOT NULL,
                                  records INTEGER NOT NULL, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS coverage(ecosystem TEXT PRIMARY KEY);
)sql";

// The ecosystems (with releases) that hold at least one affected entry, kept by every import so
// that matching can tell "no advisories for this package" from "no advisories for its ecosystem"
// without scanning the affected table.
constexpr const char* k_refresh_coverage =
    "DELETE FROM coverage; INSERT INTO coverage SELECT DISTINCT ecosystem FROM affected;";

/// A prepared statement, finalised on destruction.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) m_stmt = nullptr;
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    explicit operator bool() const { return m_stmt != nullptr; }
    Statement& bind(int i, std::string_view s) {
        sqlite3_bind_text(m_stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(m_stmt, i, v);
        return *this;
    }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }
    void reset() {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    std::string text(int col) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
                 : std::string();
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

std::string now_utc() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

struct Database::State {
    sqlite3* db = nullptr;
    std::string path;
    std::unique_ptr<Statement> lookup; ///< prepared once: matching looks up every component
    std::unique_ptr<Statement> header, entries;
    ~State() {
        lookup.reset();
        header.reset();
        entries.reset();
        sqlite3_close(db);
    }

    Result<void> exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            return fail(path + ": " + msg);
        }
        return {};
    }
    Error error(std::string_view what) const {
        return Error{path + ": " + std::string(what) + ": " + sqlite3_errmsg(db)};
    }
};

std::string default_database_path() {
    if (const char* env = std::getenv("KAIYUAN_DB"); env && *env) return env;
    std::string base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg && xdg[0] == '/')
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::string(home) + "/.cache";
    else
        base = "/tmp";
    return base + "/kaiyuan/advisories.db";
}

std::string_view ecosystem_base(std::string_view ecosystem) {
    return ecosystem.substr(0, ecosystem.find(':'));
}

std::string normalize_package_name(std::string_view base, std::string_view name) {
    std::string out;
    out.reserve(name.size());
    if (base == "PyPI") {
        // PEP 503: lower case; runs of '-', '_' and '.' become one '-'.
        for (char c : name) {
            bool sep = c == '-' || c == '_' || c == '.';
            if (sep) {
                if (out.empty() || out.back() != '-') out += '-';
                continue;
            }
            out += util::to_lower(c);
        }
        return out;
    }
    if (base == "NuGet" || base == "Packagist" || base == "npm" || base == "Hex" || base == "Pub")
        return util::to_lower(name);
    return std::string(name);
}

Result<Database> Database::open(const std::string& path, bool create) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (create) {
        fs::path parent = fs::path(path).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
    } else if (!fs::exists(path, ec)) {
        return fail(path + ": no advisory database here; run `kaiyuan db import PATH...` or "
                           "`kaiyuan db update` first");
    }
    Database d;
    d.m_state = std::make_unique<State>();
    d.m_state->path = path;
    // A Database belongs to one thread at a time: no per-call locking inside SQLite.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &d.m_state->db, flags, nullptr) != SQLITE_OK)
        return unexpected(d.m_state->error("cannot open"));
    sqlite3_busy_timeout(d.m_state->db, 5000);
    if (auto r = d.m_state->exec(k_schema); !r) return unexpected(r.error());
    Statement get(d.m_state->db, "SELECT value FROM meta WHERE key='schema'");
    if (get && get.step() == SQLITE_ROW) {
        if (get.text(0) != std::to_string(k_schema_version))
            return fail(path + ": advisory database schema " + get.text(0) +
                        ", this kaiyuan reads " + std::to_string(k_schema_version) +
                        "; re-import into a new file");
    } else {
        Statement put(d.m_state->db, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema', ?)");
        put.bind(1, std::to_string(k_schema_version)).step();
    }
    // Databases imported before the coverage table existed get it filled once.
    auto has_rows = [&](const char* sql) {
        Statement s(d.m_state->db, sql);
        return s && s.step() == SQLITE_ROW;
    };
    if (!has_rows("SELECT 1 FROM coverage LIMIT 1") && has_rows("SELECT 1 FROM affected LIMIT 1"))
        if (auto r = d.m_state->exec(k_refresh_coverage); !r) return unexpected(r.error());
    return d;
}

void Database::begin_reading() {
    if (sqlite3_get_autocommit(m_state->db)) (void)m_state->exec("BEGIN");
}

void Database::end_reading() {
    if (!sqlite3_get_autocommit(m_state->db)) (void)m_state->exec("COMMIT");
}

Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

const std::string& Database::path() const {
    return m_state->path;
}

Result<ImportStats> Database::import(const std::vector<Advisory>& advisories,
                                     const std::vector<SourceStatus>& sources) {
    sqlite3* db = m_state->db;
    if (auto r = m_state->exec("BEGIN IMMEDIATE"); !r) return unexpected(r.error());
    auto rollback = [&](Error e) -> Result<ImportStats> {
        (void)m_state->exec("ROLLBACK");
        return unexpected(std::move(e));
    };
    Statement get(db, "SELECT modified FROM advisory WHERE id=?");
    Statement del_adv(db, "DELETE FROM advisory WHERE id=?");
    Statement del_aff(db, "DELETE FROM affected WHERE advisory=?");
    Statement del_alias(db, "DELETE FROM alias WHERE advisory=?");
    Statement put_adv(db, "INSERT OR REPLACE INTO advisory(id, modified, record, header) "
                          "VALUES(?,?,?,?)");
    Statement put_aff(db, "INSERT INTO affected(advisory, ecosystem, base, name, entries) "
                          "VALUES(?,?,?,?,?)");
    Statement put_alias(db, "INSERT INTO alias(alias, advisory) VALUES(?,?)");
    Statement put_src(db, "INSERT OR REPLACE INTO source(name, imported_at, records, etag, "
                          "last_modified) VALUES(?,?,?,?,?)");
    if (!get || !del_adv || !del_aff || !del_alias || !put_adv || !put_aff || !put_alias ||
        !put_src)
        return rollback(m_state->error("prepare"));
    ImportStats stats;
    auto check = [&](int rc) { return rc == SQLITE_DONE || rc == SQLITE_ROW; };
    // Fault injection for tests/e2e/vuln_agrees.sh: the process dies, as in a crash or kill -9,
    // after this many records are written inside the transaction.
    std::uint64_t die_after = 0;
    if (const char* env = std::getenv("KAIYUAN_TEST_DIE_DURING_IMPORT_AFTER"))
        die_after = std::strtoull(env, nullptr, 10);
    for (const Advisory& a : advisories) {
        get.bind(1, a.id);
        bool stored = get.step() == SQLITE_ROW;
        std::string stored_modified = stored ? get.text(0) : "";
        get.reset();
        auto remove = [&] {
            for (Statement* s : {&del_adv, &del_aff, &del_alias}) {
                s->bind(1, a.id);
                bool ok = check(s->step());
                s->reset();
                if (!ok) return false;
            }
            return true;
        };
        ImportAction action = import_action(a, stored ? &stored_modified : nullptr);
        switch (action) {
        case ImportAction::withdraw:
        case ImportAction::skip_withdrawn:
            ++stats.withdrawn;
            if (action == ImportAction::withdraw && !remove())
                return rollback(m_state->error("delete " + a.id));
            continue;
        case ImportAction::keep:
            ++stats.unchanged;
            continue;
        case ImportAction::replace:
            if (!remove()) return rollback(m_state->error("delete " + a.id));
            ++stats.replaced;
            break;
        case ImportAction::add:
            ++stats.added;
            break;
        }
        if (die_after && stats.added + stats.replaced > die_after) std::_Exit(137);
        IndexedAdvisory indexed = index_advisory(a);
        put_adv.bind(1, a.id).bind(2, a.modified).bind(3, indexed.record).bind(4, indexed.header);
        if (!check(put_adv.step())) return rollback(m_state->error("insert " + a.id));
        put_adv.reset();
        for (const AffectedRow& row : indexed.affected) {
            put_aff.bind(1, a.id)
                .bind(2, row.ecosystem)
                .bind(3, row.base)
                .bind(4, row.name)
                .bind(5, row.entries);
            if (!check(put_aff.step())) return rollback(m_state->error("insert " + a.id));
            put_aff.reset();
        }
        for (const std::string& alias : a.aliases) {
            put_alias.bind(1, alias).bind(2, a.id);
            if (!check(put_alias.step())) return rollback(m_state->error("insert " + a.id));
            put_alias.reset();
        }
    }
    for (const SourceStatus& source : sources) {
        put_src.bind(1, source.name)
            .bind(2, now_utc())
            .bind(3, static_cast<std::int64_t>(source.records))
            .bind(4, source.etag)
            .bind(5, source.last_modified);
        if (!check(put_src.step())) return rollback(m_state->error("record source"));
        put_src.reset();
    }
    if (auto r = m_state->exec(k_refresh_coverage); !r) return rollback(r.error());
    if (auto r = m_state->exec("COMMIT"); !r) return rollback(r.error());
    return stats;
}

Result<std::vector<AffectedHit>> Database::lookup(std::string_view base, std::string_view name) {
    if (!m_state->lookup)
        m_state->lookup = std::make_unique<Statement>(
            m_state->db, "SELECT rowid, advisory, ecosystem FROM affected WHERE base=? AND name=?");
    Statement& s = *m_state->lookup;
    if (!s) return unexpected(m_state->error("prepare lookup"));
    std::vector<AffectedHit> out;
    s.bind(1, base).bind(2, name);
    while (s.step() == SQLITE_ROW)
        out.push_back({s.integer(0), s.text(1), s.text(2)});
    s.reset();
    return out;
}

Result<Advisory> Database::advisory(std::string_view id) {
    Statement s(m_state->db, "SELECT record FROM advisory WHERE id=? UNION ALL SELECT a.record "
                             "FROM alias l JOIN advisory a ON a.id=l.advisory WHERE l.alias=? "
                             "LIMIT 1");
    s.bind(1, id).bind(2, id);
    if (s.step() != SQLITE_ROW)
        return fail(std::string(id) + ": no such advisory in " + m_state->path);
    auto records = read_osv_json(s.text(0));
    if (!records || records->empty())
        return fail(std::string(id) + ": stored record unreadable: " +
                    (records ? std::string("empty") : records.error().message));
    return std::move(records->front());
}

namespace {

/// The text column of the one row a statement prepared once (in `slot`) selects for `key`;
/// nullopt when there is no such row. Matching calls these per component and per finding.
template <class Key>
std::optional<std::string> one_text(sqlite3* db, std::unique_ptr<Statement>& slot, const char* sql,
                                    const Key& key) {
    if (!slot) slot = std::make_unique<Statement>(db, sql);
    Statement& s = *slot;
    s.bind(1, key);
    std::optional<std::string> out;
    if (s.step() == SQLITE_ROW) out = s.text(0);
    s.reset();
    return out;
}

} // namespace

Result<std::string> Database::affected_entries(std::int64_t row) {
    auto text =
        one_text(m_state->db, m_state->entries, "SELECT entries FROM affected WHERE rowid=?", row);
    if (!text) return fail(m_state->path + ": no affected row " + std::to_string(row));
    return std::move(*text);
}

Result<Advisory> Database::advisory_header(std::string_view id) {
    auto text =
        one_text(m_state->db, m_state->header, "SELECT header FROM advisory WHERE id=?", id);
    if (!text) return fail(std::string(id) + ": no such advisory in " + m_state->path);
    auto records = read_osv_json(*text);
    if (!records || records->empty()) return fail(std::string(id) + ": stored record unreadable");
    return std::move(records->front());
}

Result<std::vector<EcosystemStatus>> Database::ecosystems() {
    Statement s(m_state->db,
                "SELECT f.base, COUNT(DISTINCT f.advisory), MAX(a.modified) FROM affected f "
                "JOIN advisory a ON a.id=f.advisory GROUP BY f.base ORDER BY f.base");
    std::vector<EcosystemStatus> out;
    while (s.step() == SQLITE_ROW)
        out.push_back({s.text(0), static_cast<std::uint64_t>(s.integer(1)), s.text(2)});
    return out;
}

Result<std::vector<std::string>> Database::covered_ecosystems() {
    Statement s(m_state->db, "SELECT ecosystem FROM coverage ORDER BY ecosystem");
    if (!s) return unexpected(m_state->error("prepare coverage"));
    std::vector<std::string> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(s.text(0));
    if (rc != SQLITE_DONE) return unexpected(m_state->error("read coverage"));
    return out;
}

Result<std::vector<SourceStatus>> Database::sources() {
    Statement s(m_state->db, "SELECT name, imported_at, etag, last_modified, records FROM source "
                             "ORDER BY name");
    std::vector<SourceStatus> out;
    while (s.step() == SQLITE_ROW)
        out.push_back(
            {s.text(0), s.text(1), s.text(2), s.text(3), static_cast<std::uint64_t>(s.integer(4))});
    return out;
}

SourceStatus Database::source(const std::string& name) {
    Statement s(m_state->db, "SELECT name, imported_at, etag, last_modified, records FROM source "
                             "WHERE name=?");
    s.bind(1, name);
    if (s.step() != SQLITE_ROW) return {};
    return {s.text(0), s.text(1), s.text(2), s.text(3), static_cast<std::uint64_t>(s.integer(4))};
}

Result<std::uint64_t> Database::advisory_count() {
    Statement s(m_state->db, "SELECT COUNT(*) FROM advisory");
    if (s.step() != SQLITE_ROW) return unexpected(m_state->error("count"));
    return static_cast<std::uint64_t>(s.integer(0));
}

} // namespace kaiyuan::vuln
