#pragma once
/// The one seam between the store and a database engine: statements with numbered placeholders
/// ($1, $2 ...) and plain values in, rows of text out. Each backend (sqlite/, postgres/) prepares a
/// statement once per connection and reuses it; values are always bound, never spliced into SQL.
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kaiyuan::store {

/// Bytes stored as a BLOB (SQLite) or bytea (PostgreSQL), not as text.
struct Blob {
    std::string bytes;
};

using Value = std::variant<std::monostate, std::int64_t, std::string, Blob>;

/// One result row; a cell is empty for SQL NULL. Blob cells hold the raw bytes.
struct Row {
    std::vector<std::optional<std::string>> cells;
    const std::string& text(std::size_t i) const;
    std::int64_t integer(std::size_t i) const;
    bool is_null(std::size_t i) const { return !cells.at(i).has_value(); }
};
using Rows = std::vector<Row>;

enum class Dialect { sqlite, postgres };

/// A connection to one database. Not thread-safe: one thread uses it at a time (see Pool).
class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    /// Runs one statement; `sql` uses $1..$n for `params`. Returns the rows it yields
    /// (RETURNING included).
    virtual Result<Rows> query(std::string_view sql, std::span<const Value> params) = 0;
    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    virtual std::int64_t changes() const = 0;
    /// Runs several statements without parameters (migrations).
    virtual Result<void> script(std::string_view sql) = 0;
    /// Inserts many rows into `table`; each row has one value per column. SQLite repeats one
    /// prepared INSERT; PostgreSQL sends the rows in batches as arrays (one round trip each).
    virtual Result<void> insert_rows(std::string_view table,
                                     std::span<const std::string_view> columns,
                                     std::span<const std::vector<Value>> rows) = 0;
    /// Starts a transaction that will write (SQLite takes the write lock at once, so two writers
    /// never deadlock upgrading a read lock).
    virtual Result<void> begin() = 0;
    Result<void> commit();
    void rollback();

    Result<Rows> query(std::string_view sql, std::initializer_list<Value> params = {}) {
        return query(sql, std::span<const Value>(params.begin(), params.size()));
    }
};

/// Commits on commit(), rolls back when destroyed before that: a failed request or a crashed
/// job leaves nothing half-written.
class Transaction {
public:
    explicit Transaction(Connection& c) : m_connection(c) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Result<void> begin();
    Result<void> commit();
    ~Transaction();

private:
    Connection& m_connection;
    bool m_open = false;
};

/// A database URL opened: "sqlite:PATH" (or a bare path) or "postgresql://..."/"postgres://...".
Result<std::unique_ptr<Connection>> connect(const std::string& url);

/// Opens SQLite (created when missing, WAL journal, foreign keys on).
Result<std::unique_ptr<Connection>> connect_sqlite(const std::string& path);
/// Opens PostgreSQL through libpq with a connection string (URL or key=value form).
Result<std::unique_ptr<Connection>> connect_postgres(const std::string& conninfo);

/// The URL without its password, for messages and logs.
std::string redact_url(const std::string& url);

} // namespace kaiyuan::store
