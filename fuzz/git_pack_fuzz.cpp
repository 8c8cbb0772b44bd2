// libFuzzer target for the pack reader (source/git_pack_backend): object headers, offset and
// reference deltas, zlib streams and delta instructions. The input is a pack's objects with the
// offsets an index lists them at:
//   byte 0: n objects (1..16); then n offsets (3 bytes, little-endian, from the pack's start);
//   then the objects' bytes, written after the 12-byte "PACK" header.
// Object i gets the id whose bytes are all i, so a reference delta may name another object.
#include "kaiyuan/source/git_pack_backend.hpp"

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

void put32(std::string& s, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        s.push_back(static_cast<char>((v >> shift) & 0xff));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return 0;
    unsigned n = data[0] % 16 + 1;
    if (size < 1 + 3 * std::size_t{n}) return 0;
    static const std::string dir = [] {
        git_libgit2_init();
        auto d =
            std::filesystem::temp_directory_path() / ("git-pack-fuzz-" + std::to_string(getpid()));
        std::filesystem::create_directories(d);
        return d.string();
    }();
    std::string idx = "\377tOc";
    put32(idx, 2);
    for (unsigned b = 0; b < 256; ++b)
        put32(idx, b < n ? b + 1 : n);
    for (unsigned i = 0; i < n; ++i)
        idx.append(20, static_cast<char>(i));
    for (unsigned i = 0; i < n; ++i)
        put32(idx, 0); // CRCs, unread
    for (unsigned i = 0; i < n; ++i) {
        const std::uint8_t* o = data + 1 + 3 * i;
        put32(idx, std::uint32_t{o[0]} | (std::uint32_t{o[1]} << 8) | (std::uint32_t{o[2]} << 16));
    }
    idx.append(40, '\0');
    std::string pack = "PACK";
    put32(pack, 2);
    put32(pack, n);
    pack.append(reinterpret_cast<const char*>(data) + 1 + 3 * n, size - 1 - 3 * n);
    pack.append(20, '\0');
    std::ofstream(dir + "/pack-f.idx", std::ios::binary | std::ios::trunc) << idx;
    std::ofstream(dir + "/pack-f.pack", std::ios::binary | std::ios::trunc) << pack;

    git_odb_backend* reader = kaiyuan::source::git::pack_reader(dir, 1u << 16);
    if (!reader) return 0;
    git_odb* odb = nullptr;
    git_odb_new(&odb);
    git_odb_add_backend(odb, reader, 10);
    for (unsigned i = 0; i < n; ++i) {
        git_oid id;
        for (auto& b : id.id)
            b = static_cast<unsigned char>(i);
        git_odb_object* obj = nullptr;
        if (git_odb_read(&obj, odb, &id) == 0) git_odb_object_free(obj);
    }
    git_odb_free(odb);
    return 0;
}
