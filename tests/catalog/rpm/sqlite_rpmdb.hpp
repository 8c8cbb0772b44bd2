#pragma once
/// Builds rpmdb.sqlite files for tests, laid out as rpm >= 4.16 does (lib/backend/sqlite.c:
/// table Packages(hnum, blob)).
#include "kaiyuan/util/files.hpp"

#include <sqlite3.h>

#include <string>
#include <vector>

namespace kaiyuan::test {

inline void create_packages_table(sqlite3* db) {
    sqlite3_exec(
        db, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
        nullptr, nullptr, nullptr);
}

inline void insert_headers(sqlite3* db, const std::vector<std::string>& blobs) {
    for (const auto& b : blobs) {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &st, nullptr);
        sqlite3_bind_blob(st, 1, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
}

/// Writes an rpmdb.sqlite holding `blobs` at `path` (journal_mode WAL when `wal`, checkpointed on
/// close) and returns its bytes.
inline std::string make_sqlite_rpmdb(const std::string& path, const std::vector<std::string>& blobs,
                                     bool wal = false) {
    std::remove(path.c_str());
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    if (wal) sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    create_packages_table(db);
    insert_headers(db, blobs);
    sqlite3_close(db);
    return util::read_file(path).value();
}

} // namespace kaiyuan::test
