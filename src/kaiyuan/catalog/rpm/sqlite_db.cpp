#include "kaiyuan/catalog/rpm/database.hpp"

#include <sqlite3.h>

#include <cstring>
#include <memory>

namespace kaiyuan::catalog::rpm {

namespace {
struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtCloser {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
} // namespace

Result<HeaderBlobs> read_sqlite_rpmdb(std::string_view bytes) {
    if (bytes.size() < 100 || std::memcmp(bytes.data(), "SQLite format 3", 16) != 0)
        return fail("not an SQLite database");
    // sqlite3_deserialize takes ownership of memory from sqlite3_malloc64. A WAL-mode database
    // (header bytes 18 and 19 == 2) is marked rollback-journal in the copy: frames still in a
    // -wal file are not read (the caller reports that).
    auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
    if (!buf) return fail("out of memory");
    std::memcpy(buf, bytes.data(), bytes.size());
    if (buf[18] == 2) buf[18] = 1;
    if (buf[19] == 2) buf[19] = 1;
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_free(buf);
        sqlite3_close_v2(raw);
        return fail("cannot open SQLite");
    }
    std::unique_ptr<sqlite3, DbCloser> db(raw);
    if (sqlite3_deserialize(db.get(), "main", buf, static_cast<sqlite3_int64>(bytes.size()),
                            static_cast<sqlite3_int64>(bytes.size()),
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
        SQLITE_OK)
        return fail(std::string("cannot load database: ") + sqlite3_errmsg(db.get()));
    sqlite3_stmt* rs = nullptr;
    if (sqlite3_prepare_v2(db.get(), "SELECT hnum, blob FROM Packages", -1, &rs, nullptr) !=
        SQLITE_OK)
        return fail(std::string("cannot read the Packages table: ") + sqlite3_errmsg(db.get()));
    std::unique_ptr<sqlite3_stmt, StmtCloser> stmt(rs);
    HeaderBlobs out;
    for (;;) {
        int rc = sqlite3_step(stmt.get());
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            std::string msg = sqlite3_errmsg(db.get());
            if (out.blobs.empty()) return fail("cannot read the Packages table: " + msg);
            out.problems.push_back("database is corrupt after " + std::to_string(out.blobs.size()) +
                                   " packages: " + msg + "; the rest was not read");
            break;
        }
        const void* blob = sqlite3_column_blob(stmt.get(), 1);
        int n = sqlite3_column_bytes(stmt.get(), 1);
        if (!blob || n <= 0) {
            out.problems.push_back("package " +
                                   std::to_string(sqlite3_column_int64(stmt.get(), 0)) +
                                   " has no header");
            continue;
        }
        out.blobs.emplace_back(static_cast<const char*>(blob), static_cast<std::size_t>(n));
    }
    return out;
}

} // namespace kaiyuan::catalog::rpm
