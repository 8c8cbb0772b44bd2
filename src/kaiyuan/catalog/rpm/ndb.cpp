#include "kaiyuan/catalog/rpm/database.hpp"

#include <cstdint>

namespace kaiyuan::catalog::rpm {

// rpm's ndb package store (lib/backend/ndb/rpmpkg.c), little-endian:
//   header (16 bytes): magic "RpmP", version 0, generation, slot page count;
//   the slot area (slot pages * 4096 bytes) holds 16-byte slots after the first two:
//     magic "Slot", package index, block offset, block count (blocks of 16 bytes);
//   a blob at block offset * 16: magic "BlbS", package index, checksum, length, then the
//   header blob of that length.

namespace {
constexpr std::uint32_t magic(const char (&s)[5]) {
    return static_cast<std::uint32_t>(s[0]) | static_cast<std::uint32_t>(s[1]) << 8 |
           static_cast<std::uint32_t>(s[2]) << 16 | static_cast<std::uint32_t>(s[3]) << 24;
}
constexpr std::uint32_t k_header_magic = magic("RpmP");
constexpr std::uint32_t k_slot_magic = magic("Slot");
constexpr std::uint32_t k_blob_magic = magic("BlbS");
constexpr std::size_t k_page = 4096, k_block = 16;

std::uint32_t le32(std::string_view s, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = v << 8 | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    return v;
}
} // namespace

Result<HeaderBlobs> read_ndb_rpmdb(std::string_view bytes) {
    if (bytes.size() < 32 || le32(bytes, 0) != k_header_magic)
        return fail("not an rpm ndb database (bad magic)");
    if (le32(bytes, 4) != 0)
        return fail("unsupported ndb version " + std::to_string(le32(bytes, 4)));
    std::uint64_t slot_pages = le32(bytes, 12);
    if (slot_pages == 0 || slot_pages * k_page > bytes.size())
        return fail("slot area is past the end of the file");
    HeaderBlobs out;
    std::size_t nslots = slot_pages * k_page / 16;
    for (std::size_t i = 2; i < nslots; ++i) {
        std::size_t at = i * 16;
        if (le32(bytes, at) != k_slot_magic) {
            out.problems.push_back("slot " + std::to_string(i) + " has a bad magic");
            continue;
        }
        std::uint32_t pkgidx = le32(bytes, at + 4);
        if (pkgidx == 0) continue; // free slot
        std::uint64_t off = static_cast<std::uint64_t>(le32(bytes, at + 8)) * k_block;
        if (off + 16 > bytes.size()) {
            out.problems.push_back("package " + std::to_string(pkgidx) +
                                   ": blob is past the end of the file");
            continue;
        }
        if (le32(bytes, off) != k_blob_magic || le32(bytes, off + 4) != pkgidx) {
            out.problems.push_back("package " + std::to_string(pkgidx) + ": blob has a bad magic");
            continue;
        }
        std::uint64_t len = le32(bytes, off + 12);
        if (off + 16 + len > bytes.size()) {
            out.problems.push_back("package " + std::to_string(pkgidx) + ": blob is truncated");
            continue;
        }
        out.blobs.emplace_back(bytes.substr(off + 16, len));
    }
    return out;
}

} // namespace kaiyuan::catalog::rpm
