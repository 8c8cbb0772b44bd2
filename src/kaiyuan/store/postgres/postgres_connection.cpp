/// The PostgreSQL backend through libpq: each statement prepared once per connection (PQprepare)
/// and executed with bound parameters (PQexecPrepared); bytea travels in binary, everything else
/// as text that the server parses by the column's type.
#include "kaiyuan/store/connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <unordered_map>

namespace kaiyuan::store {

namespace {

constexpr unsigned k_bytea_oid = 17;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
}

/// bytea's text output ("\x4869") back to bytes.
std::string decode_bytea(const char* p, std::size_t n) {
    if (n < 2 || p[0] != '\\' || p[1] != 'x') return std::string(p, n);
    std::string out;
    out.reserve((n - 2) / 2);
    for (std::size_t i = 2; i + 1 < n; i += 2)
        out += static_cast<char>(hex_value(p[i]) << 4 | hex_value(p[i + 1]));
    return out;
}

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(PGconn* c) : m_conn(c) {}
    ~PostgresConnection() override { PQfinish(m_conn); }

    Dialect dialect() const override { return Dialect::postgres; }

    Result<Rows> query(std::string_view sql, std::span<const Value> params) override {
        auto name = prepare(sql, params.size());
        if (!name) return unexpected(name.error());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        std::vector<std::string> texts(params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (auto n = std::get_if<std::int64_t>(&v)) {
                texts[i] = std::to_string(*n);
                values[i] = texts[i].c_str();
            } else if (auto t = std::get_if<std::string>(&v)) {
                values[i] = t->c_str();
            } else if (auto b = std::get_if<Blob>(&v)) {
                values[i] = b->bytes.data();
                lengths[i] = static_cast<int>(b->bytes.size());
                formats[i] = 1;
            } else {
                values[i] = nullptr;
            }
        }
        PGresult* res = PQexecPrepared(m_conn, name->c_str(), static_cast<int>(params.size()),
                                       values.data(), lengths.data(), formats.data(), 0);
        return take(res);
    }

    std::int64_t changes() const override { return m_changes; }

    Result<void> script(std::string_view sql) override {
        PGresult* res = PQexec(m_conn, std::string(sql).c_str());
        auto r = take(res);
        if (!r) return unexpected(r.error());
        return {};
    }

    Result<void> insert_rows(std::string_view table, std::span<const std::string_view> columns,
                             std::span<const std::vector<Value>> rows) override {
        // Multi-row VALUES in batches: one round trip per batch instead of per row, and one
        // prepared statement per batch size (the full size and the remainder).
        std::size_t per_batch =
            std::max<std::size_t>(1, std::min<std::size_t>(500, 30000 / columns.size()));
        std::vector<Value> params;
        for (std::size_t start = 0; start < rows.size(); start += per_batch) {
            std::size_t n = std::min(per_batch, rows.size() - start);
            std::string sql = "INSERT INTO " + std::string(table) + "(";
            for (std::size_t c = 0; c < columns.size(); ++c)
                sql += (c ? "," : "") + std::string(columns[c]);
            sql += ") VALUES";
            std::size_t k = 0;
            for (std::size_t r = 0; r < n; ++r) {
                sql += r ? ",(" : "(";
                for (std::size_t c = 0; c < columns.size(); ++c)
                    sql += (c ? ",$" : "$") + std::to_string(++k);
                sql += ")";
            }
            params.clear();
            for (std::size_t r = 0; r < n; ++r)
                params.insert(params.end(), rows[start + r].begin(), rows[start + r].end());
            auto result = query(sql, std::span<const Value>(params));
            if (!result) return unexpected(result.error());
        }
        return {};
    }

    Result<void> begin() override {
        auto r = query("BEGIN", {});
        if (!r) return unexpected(r.error());
        return {};
    }

private:
    Result<std::string> prepare(std::string_view sql, std::size_t nparams) {
        if (PQstatus(m_conn) != CONNECTION_OK) {
            // The server restarted or the socket broke: reconnect once; prepared statements
            // died with the old session.
            PQreset(m_conn);
            m_statements.clear();
            if (PQstatus(m_conn) != CONNECTION_OK)
                return fail("postgresql: connection lost: " + std::string(PQerrorMessage(m_conn)));
        }
        std::string key(sql);
        auto it = m_statements.find(key);
        if (it != m_statements.end()) return it->second;
        std::string name = "k" + std::to_string(m_statements.size() + 1);
        PGresult* res =
            PQprepare(m_conn, name.c_str(), key.c_str(), static_cast<int>(nparams), nullptr);
        auto r = take(res);
        if (!r) return fail(r.error().message + " in: " + key.substr(0, 200));
        m_statements.emplace(std::move(key), name);
        return name;
    }

    Result<Rows> take(PGresult* res) {
        if (!res) return fail("postgresql: " + std::string(PQerrorMessage(m_conn)));
        auto status = PQresultStatus(res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            std::string e = PQresultErrorMessage(res);
            const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            bool unique = state && std::string_view(state) == "23505";
            PQclear(res);
            while (!e.empty() && (e.back() == '\n' || e.back() == ' '))
                e.pop_back();
            // A unique violation is a conflict the store's callers handle (two writers racing).
            return fail(std::string(unique ? "conflict: " : "") + "postgresql: " + e);
        }
        const char* affected = PQcmdTuples(res);
        m_changes = affected && *affected ? std::stoll(affected) : 0;
        Rows rows;
        int nrows = PQntuples(res), ncols = PQnfields(res);
        rows.reserve(static_cast<std::size_t>(nrows));
        for (int r = 0; r < nrows; ++r) {
            Row row;
            row.cells.reserve(static_cast<std::size_t>(ncols));
            for (int c = 0; c < ncols; ++c) {
                if (PQgetisnull(res, r, c)) {
                    row.cells.emplace_back();
                    continue;
                }
                const char* p = PQgetvalue(res, r, c);
                auto n = static_cast<std::size_t>(PQgetlength(res, r, c));
                if (PQftype(res, c) == k_bytea_oid)
                    row.cells.emplace_back(decode_bytea(p, n));
                else
                    row.cells.emplace_back(std::string(p, n));
            }
            rows.push_back(std::move(row));
        }
        PQclear(res);
        return rows;
    }

    PGconn* m_conn;
    std::unordered_map<std::string, std::string> m_statements;
    std::int64_t m_changes = 0;
};

void ignore_notice(void*, const char*) {}

} // namespace

Result<std::unique_ptr<Connection>> connect_postgres(const std::string& conninfo) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    if (!conn) return fail("postgresql: out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string e = PQerrorMessage(conn);
        PQfinish(conn);
        while (!e.empty() && (e.back() == '\n' || e.back() == ' '))
            e.pop_back();
        return fail("cannot connect to " + redact_url(conninfo) + ": " + e);
    }
    // "relation already exists, skipping" and the like are not for the user's terminal.
    PQsetNoticeProcessor(conn, ignore_notice, nullptr);
    return std::unique_ptr<Connection>(std::make_unique<PostgresConnection>(conn));
}

} // namespace kaiyuan::store
