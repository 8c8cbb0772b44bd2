#pragma once
/// SQLite's write-ahead log (https://www.sqlite.org/fileformat2.html#the_write_ahead_log): pages
/// committed to rpmdb.sqlite-wal but not yet checkpointed into rpmdb.sqlite. Applying them gives
/// the database that sqlite itself (and rpm) would read.
#include "kaiyuan/util/error.hpp"

#include <string>

namespace kaiyuan::catalog::rpm {

struct WalResult {
    std::string database;   ///< the main file with every committed frame applied
    std::size_t frames = 0; ///< frames applied
    bool ignored_tail =
        false; ///< frames after the last valid commit (an interrupted write) were left out
};

/// Applies the committed frames of `wal` to `db`. A WAL whose header does not match (wrong magic,
/// page size, checksum) is an error; the caller then reads `db` alone and says so.
Result<WalResult> apply_wal(std::string_view db, std::string_view wal);

} // namespace kaiyuan::catalog::rpm
