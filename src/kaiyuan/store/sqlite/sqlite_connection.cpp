/// The SQLite backend: one file, WAL journal (readers never wait for the writer; a crash leaves
/// the last committed transaction), a busy timeout so that several threads and processes share
/// it, and each statement prepared once per connection.
#include "kaiyuan/store/connection.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

namespace kaiyuan::store {

namespace {

/// "$3" -> "?3": SQLite numbers "?NNN" parameters by the number written, as PostgreSQL does "$N".
std::string to_sqlite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    bool in_string = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'') in_string = !in_string;
        if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9')
            out += '?';
        else
            out += c;
    }
    return out;
}

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : m_db(db) {}
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : m_statements)
            sqlite3_finalize(stmt);
        sqlite3_close(m_db);
    }

    Dialect dialect() const override { return Dialect::sqlite; }

    Result<Rows> query(std::string_view sql, std::span<const Value> params) override {
        auto stmt = prepare(sql);
        if (!stmt) return unexpected(stmt.error());
        sqlite3_stmt* s = *stmt;
        for (std::size_t i = 0; i < params.size(); ++i)
            bind(s, static_cast<int>(i + 1), params[i]);
        Rows rows;
        int rc;
        int columns = sqlite3_column_count(s);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            Row row;
            row.cells.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (sqlite3_column_type(s, c) == SQLITE_NULL) {
                    row.cells.emplace_back();
                    continue;
                }
                const void* p = sqlite3_column_type(s, c) == SQLITE_BLOB
                                    ? sqlite3_column_blob(s, c)
                                    : sqlite3_column_text(s, c);
                auto n = static_cast<std::size_t>(sqlite3_column_bytes(s, c));
                row.cells.emplace_back(std::string(static_cast<const char*>(p), n));
            }
            rows.push_back(std::move(row));
        }
        std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(m_db);
        int extended = sqlite3_extended_errcode(m_db);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        // A unique violation is a conflict the store's callers handle (two writers racing).
        bool unique =
            extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY;
        if (rc != SQLITE_DONE)
            return fail(std::string(unique ? "conflict: " : "") + "sqlite: " + error);
        return rows;
    }

    std::int64_t changes() const override { return sqlite3_changes64(m_db); }

    Result<void> script(std::string_view sql) override {
        char* message = nullptr;
        std::string text(sql);
        if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string e = message ? message : "error";
            sqlite3_free(message);
            return fail("sqlite: " + e);
        }
        return {};
    }

    Result<void> insert_rows(std::string_view table, std::span<const std::string_view> columns,
                             std::span<const std::vector<Value>> rows) override {
        std::string sql = "INSERT INTO " + std::string(table) + "(";
        std::string values;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            sql += (i ? "," : "") + std::string(columns[i]);
            values += (i ? ",$" : "$") + std::to_string(i + 1);
        }
        sql += ") VALUES(" + values + ")";
        for (const auto& row : rows) {
            auto r = query(sql, std::span<const Value>(row));
            if (!r) return unexpected(r.error());
        }
        return {};
    }

    Result<void> begin() override {
        auto r = query("BEGIN IMMEDIATE", {});
        if (!r) return unexpected(r.error());
        return {};
    }

private:
    Result<sqlite3_stmt*> prepare(std::string_view sql) {
        auto it = m_statements.find(std::string(sql));
        if (it != m_statements.end()) return it->second;
        std::string text = to_sqlite_placeholders(sql);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, text.c_str(), static_cast<int>(text.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
            return fail("sqlite: " + std::string(sqlite3_errmsg(m_db)) + " in: " + text);
        m_statements.emplace(std::string(sql), stmt);
        return stmt;
    }

    static void bind(sqlite3_stmt* s, int i, const Value& v) {
        if (auto n = std::get_if<std::int64_t>(&v))
            sqlite3_bind_int64(s, i, *n);
        else if (auto t = std::get_if<std::string>(&v))
            sqlite3_bind_text(s, i, t->data(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
        else if (auto b = std::get_if<Blob>(&v))
            sqlite3_bind_blob64(s, i, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(s, i);
    }

    sqlite3* m_db;
    std::unordered_map<std::string, sqlite3_stmt*> m_statements;
};

} // namespace

Result<std::unique_ptr<Connection>> connect_sqlite(const std::string& path) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string e = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail("cannot open database " + path + ": " + e);
    }
    auto connection = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, 30000);
    // WAL: readers and one writer at once, and a transaction is either in the file or not after
    // a crash. synchronous=NORMAL keeps WAL durable against process crashes (kill -9); only a
    // power loss can lose the last transactions, never corrupt the file. mmap: every connection
    // reads the file through the kernel's one page cache instead of copying pages into its own
    // (a server has a connection per thread); SQLite caps it at its compiled maximum.
    auto r = connection->script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA mmap_size=17179869184; PRAGMA temp_store=MEMORY;");
    if (!r) return fail("database " + path + ": " + r.error().message);
    return std::unique_ptr<Connection>(std::move(connection));
}

} // namespace kaiyuan::store
