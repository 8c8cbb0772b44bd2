// libFuzzer target: the three rpmdb backends (sqlite, Berkeley DB hash, ndb), each header parsed,
// and the sqlite write-ahead log.
#include "kaiyuan/catalog/rpm/database.hpp"
#include "kaiyuan/catalog/rpm/header.hpp"
#include "kaiyuan/catalog/rpm/sqlite_wal.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    using namespace kaiyuan::catalog::rpm;
    for (auto reader : {read_sqlite_rpmdb, read_bdb_rpmdb, read_ndb_rpmdb}) {
        auto blobs = reader(bytes);
        if (!blobs) continue;
        for (const auto& b : blobs->blobs)
            (void)parse_header_blob(b);
    }
    // The write-ahead log applied to a database: the input's first half and second half.
    if (auto applied = apply_wal(bytes.substr(0, size / 2), bytes.substr(size / 2)))
        (void)read_sqlite_rpmdb(applied->database);
    return 0;
}
