#pragma once
/// The three rpmdb backends, each reduced to the header blobs it stores:
///  - sqlite  rpmdb.sqlite (rpm >= 4.16): table Packages(hnum, blob);
///  - bdb     Packages, a Berkeley DB hash database (rpm < 4.16; key = instance, value = blob);
///  - ndb     Packages.db, rpm's own "ndb" package store (SUSE).
/// Each reads bytes already in memory and never writes anything.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <vector>

namespace kaiyuan::catalog::rpm {

struct HeaderBlobs {
    std::vector<std::string> blobs;
    std::vector<std::string> problems; ///< records that could not be read; the others are kept
};

Result<HeaderBlobs> read_sqlite_rpmdb(std::string_view bytes);
Result<HeaderBlobs> read_bdb_rpmdb(std::string_view bytes);
Result<HeaderBlobs> read_ndb_rpmdb(std::string_view bytes);

} // namespace kaiyuan::catalog::rpm
