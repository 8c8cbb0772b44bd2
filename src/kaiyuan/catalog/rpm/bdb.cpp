#include "kaiyuan/catalog/rpm/database.hpp"

#include <cstdint>
#include <vector>

namespace kaiyuan::catalog::rpm {

// Berkeley DB 5.x on-disk hash format (db/dbmeta.h, db/db_page.h):
//   metadata page 0: magic at 12 (0x061561 for hash), pagesize at 20, last_pgno at 32;
//   every page: 26-byte header, next_pgno at 16, entries (u16) at 20, hf_offset (u16) at 22,
//   type (u8) at 25; hash pages hold an array of u16 item offsets after the header, items
//   alternating key, value; an item starts with its type: H_KEYDATA (1) inline data,
//   H_OFFPAGE (3) {pgno u32 at 4, total length u32 at 8} whose data lives in a chain of
//   overflow pages (type 7), each holding hf_offset bytes after its header.
// All integers are in the byte order of the machine that wrote the file; the magic tells which.

namespace {

constexpr std::uint32_t k_hash_magic = 0x061561;
constexpr std::uint8_t k_page_hash_unsorted = 2, k_page_overflow = 7, k_page_hash = 13;
constexpr std::uint8_t k_item_keydata = 1, k_item_offpage = 3;
constexpr std::size_t k_page_header = 26;

class Reader {
public:
    Reader(std::string_view bytes, bool swap) : m_bytes(bytes), m_swap(swap) {}
    std::uint32_t u32(std::size_t at) const {
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i)
            v = v << 8 | static_cast<unsigned char>(m_bytes[at + static_cast<std::size_t>(i)]);
        return m_swap ? __builtin_bswap32(v) : v;
    }
    std::uint16_t u16(std::size_t at) const {
        std::uint16_t v =
            static_cast<std::uint16_t>(static_cast<unsigned char>(m_bytes[at]) |
                                       static_cast<unsigned char>(m_bytes[at + 1]) << 8);
        return m_swap ? __builtin_bswap16(v) : v;
    }

private:
    std::string_view m_bytes;
    bool m_swap;
};

} // namespace

Result<HeaderBlobs> read_bdb_rpmdb(std::string_view bytes) {
    if (bytes.size() < 512) return fail("not a Berkeley DB database (too short)");
    Reader le(bytes, false);
    bool swap = false;
    if (le.u32(12) != k_hash_magic) {
        if (__builtin_bswap32(le.u32(12)) != k_hash_magic)
            return fail("not a Berkeley DB hash database");
        swap = true;
    }
    Reader r(bytes, swap);
    std::uint32_t pagesize = r.u32(20);
    if (pagesize < 512 || pagesize > 65536 || (pagesize & (pagesize - 1)))
        return fail("implausible page size " + std::to_string(pagesize));
    std::size_t npages = bytes.size() / pagesize;
    std::size_t last = std::min<std::size_t>(r.u32(32), npages ? npages - 1 : 0);

    HeaderBlobs out;
    auto page_at = [&](std::size_t pgno) { return pgno * pagesize; };
    auto read_overflow = [&](std::uint32_t pgno, std::uint32_t total, std::string& data) -> bool {
        std::vector<bool> seen(npages);
        data.clear();
        data.reserve(total);
        while (pgno != 0 && data.size() < total) {
            if (pgno >= npages || seen[pgno]) return false; // out of range or a cycle
            seen[pgno] = true;
            std::size_t base = page_at(pgno);
            if (static_cast<std::uint8_t>(bytes[base + 25]) != k_page_overflow) return false;
            std::size_t len = r.u16(base + 22);
            if (len > pagesize - k_page_header) return false;
            data.append(bytes.substr(base + k_page_header, len));
            pgno = r.u32(base + 16);
        }
        return data.size() == total;
    };

    for (std::size_t pgno = 1; pgno <= last; ++pgno) {
        std::size_t base = page_at(pgno);
        auto type = static_cast<std::uint8_t>(bytes[base + 25]);
        if (type != k_page_hash && type != k_page_hash_unsorted) continue;
        std::size_t entries = r.u16(base + 20);
        if (k_page_header + entries * 2 > pagesize) {
            out.problems.push_back("page " + std::to_string(pgno) +
                                   " has an implausible entry count");
            continue;
        }
        for (std::size_t i = 0; i + 1 < entries; i += 2) {
            std::size_t key_off = r.u16(base + k_page_header + i * 2);
            std::size_t val_off = r.u16(base + k_page_header + (i + 1) * 2);
            if (key_off >= pagesize || val_off >= pagesize) {
                out.problems.push_back("page " + std::to_string(pgno) +
                                       " has an item past its end");
                continue;
            }
            // Items are packed from the page end down: an item ends where the previous one begins.
            std::size_t key_end = i == 0 ? pagesize : r.u16(base + k_page_header + (i - 1) * 2);
            if (static_cast<std::uint8_t>(bytes[base + key_off]) == k_item_keydata &&
                key_end >= key_off + 5 && key_end <= pagesize && r.u32(base + key_off + 1) == 0)
                continue; // key 0 holds rpm's next instance number, not a header
            auto item = static_cast<std::uint8_t>(bytes[base + val_off]);
            if (item == k_item_offpage) {
                if (val_off + 12 > pagesize) {
                    out.problems.push_back("page " + std::to_string(pgno) +
                                           " has a truncated off-page item");
                    continue;
                }
                std::uint32_t first = r.u32(base + val_off + 4);
                std::uint32_t total = r.u32(base + val_off + 8);
                std::string data;
                if (total > bytes.size() || !read_overflow(first, total, data)) {
                    out.problems.push_back("overflow chain from page " + std::to_string(first) +
                                           " is broken");
                    continue;
                }
                out.blobs.push_back(std::move(data));
            } else if (item == k_item_keydata) {
                std::size_t end = key_off; // the value precedes the key in item order
                if (end <= val_off + 1 || end > pagesize) {
                    out.problems.push_back("page " + std::to_string(pgno) +
                                           " has a malformed item");
                    continue;
                }
                out.blobs.emplace_back(bytes.substr(base + val_off + 1, end - val_off - 1));
            } else {
                out.problems.push_back("page " + std::to_string(pgno) +
                                       " has an item of unknown type " + std::to_string(item));
            }
        }
    }
    return out;
}

} // namespace kaiyuan::catalog::rpm
