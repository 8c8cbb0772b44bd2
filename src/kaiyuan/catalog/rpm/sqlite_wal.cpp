#include "kaiyuan/catalog/rpm/sqlite_wal.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

namespace kaiyuan::catalog::rpm {

namespace {

std::uint32_t be32(std::string_view s, std::size_t at) {
    auto b = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i]));
    };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

std::uint32_t le32(std::string_view s, std::size_t at) {
    auto b = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i]));
    };
    return b(3) << 24 | b(2) << 16 | b(1) << 8 | b(0);
}

// The WAL checksum: over 32-bit words taken in pairs, s0 += x0 + s1, s1 += x1 + s0; the words are
// big-endian when the magic's low bit is set, little-endian otherwise.
void checksum(std::string_view data, bool big_endian, std::uint32_t& s0, std::uint32_t& s1) {
    for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
        std::uint32_t x0 = big_endian ? be32(data, i) : le32(data, i);
        std::uint32_t x1 = big_endian ? be32(data, i + 4) : le32(data, i + 4);
        s0 += x0 + s1;
        s1 += x1 + s0;
    }
}

} // namespace

Result<WalResult> apply_wal(std::string_view db, std::string_view wal) {
    constexpr std::size_t k_header = 32, k_frame_header = 24;
    if (wal.size() < k_header) return fail("write-ahead log is shorter than its header");
    std::uint32_t magic = be32(wal, 0);
    if (magic != 0x377f0682 && magic != 0x377f0683) return fail("write-ahead log has a bad magic");
    bool big_endian = magic & 1;
    std::uint32_t page_size = be32(wal, 8);
    if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)))
        return fail("write-ahead log has an implausible page size");
    std::uint32_t salt1 = be32(wal, 16), salt2 = be32(wal, 20);
    std::uint32_t s0 = 0, s1 = 0;
    checksum(wal.substr(0, 24), big_endian, s0, s1);
    if (s0 != be32(wal, 24) || s1 != be32(wal, 28))
        return fail("write-ahead log header checksum does not match");

    // Walk the frames; remember each page's newest image up to the last valid commit frame.
    struct Frame {
        std::uint32_t page;
        std::size_t offset;
    };
    std::vector<Frame> pending, committed;
    std::uint32_t db_pages = 0;
    WalResult out;
    std::size_t pos = k_header;
    while (pos + k_frame_header + page_size <= wal.size()) {
        std::string_view header = wal.substr(pos, k_frame_header);
        if (be32(header, 8) != salt1 || be32(header, 12) != salt2) break; // a stale frame
        checksum(header.substr(0, 8), big_endian, s0, s1);
        checksum(wal.substr(pos + k_frame_header, page_size), big_endian, s0, s1);
        if (s0 != be32(header, 16) || s1 != be32(header, 20)) break; // torn or corrupt
        std::uint32_t page = be32(header, 0);
        if (page == 0) break;
        pending.push_back({page, pos + k_frame_header});
        if (std::uint32_t commit_size = be32(header, 4); commit_size != 0) {
            committed.insert(committed.end(), pending.begin(), pending.end());
            pending.clear();
            db_pages = commit_size;
        }
        pos += k_frame_header + page_size;
    }
    out.ignored_tail = !pending.empty() || pos < wal.size();
    out.database.assign(db);
    if (committed.empty()) return out;
    out.database.resize(static_cast<std::size_t>(db_pages) * page_size, '\0');
    for (const auto& f : committed) {
        if (f.page > db_pages) continue; // truncated away by a later commit
        std::memcpy(out.database.data() + static_cast<std::size_t>(f.page - 1) * page_size,
                    wal.data() + f.offset, page_size);
        ++out.frames;
    }
    return out;
}

} // namespace kaiyuan::catalog::rpm
