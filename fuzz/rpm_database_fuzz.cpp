// libFuzzer target: the three rpmdb backends (sqlite, Berkeley DB hash, ndb), each header parsed.
#include "kaiyuan/catalog/rpm/database.hpp"
#include "kaiyuan/catalog/rpm/header.hpp"

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
    return 0;
}
