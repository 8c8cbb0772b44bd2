#include "kaiyuan/source/git_pack_backend.hpp"

#include "kaiyuan/source/git_handles.hpp"

#include <git2/sys/odb_backend.h>
#include <zlib.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace kaiyuan::source::git {

namespace {

/// A whole file mapped read-only.
struct Mapped {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    Mapped() = default;
    Mapped(const Mapped&) = delete;
    Mapped& operator=(const Mapped&) = delete;
    ~Mapped() {
        if (data) munmap(const_cast<unsigned char*>(data), size);
    }
    bool map(const std::string& path) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return false;
        struct stat st {};
        bool ok = fstat(fd, &st) == 0 && st.st_size > 0;
        if (ok) {
            void* p =
                mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            ok = p != MAP_FAILED;
            if (ok) {
                data = static_cast<const unsigned char*>(p);
                size = static_cast<std::size_t>(st.st_size);
            }
        }
        ::close(fd);
        return ok;
    }
};

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

/// One pack and its version-2 index (gitformat-pack(5)): magic, version, 256 fan-out counts,
/// the sorted ids, their CRCs, 31-bit offsets whose high bit points into a table of 64-bit ones.
struct Pack {
    Mapped idx, pack;
    std::uint32_t count = 0;
    const unsigned char* fanout = nullptr;
    const unsigned char* ids = nullptr;
    const unsigned char* offsets32 = nullptr;
    const unsigned char* offsets64 = nullptr;
    std::size_t offsets64_count = 0;

    bool open(const std::string& idx_path, const std::string& pack_path) {
        if (!idx.map(idx_path) || !pack.map(pack_path)) return false;
        const unsigned char* d = idx.data;
        if (idx.size < 8 + 256 * 4 || std::memcmp(d, "\377tOc", 4) != 0 || be32(d + 4) != 2)
            return false; // version 1 indexes are left to libgit2
        fanout = d + 8;
        count = be32(fanout + 255 * 4);
        std::size_t need = 8 + 256 * 4 + std::size_t{count} * (20 + 4 + 4) + 2 * 20;
        if (idx.size < need || pack.size < 12 + 20 || std::memcmp(pack.data, "PACK", 4) != 0)
            return false;
        ids = fanout + 256 * 4;
        offsets32 = ids + std::size_t{count} * 24;
        offsets64 = offsets32 + std::size_t{count} * 4;
        offsets64_count = (idx.size - need) / 8;
        return true;
    }

    /// The object's offset in the pack, or 0 when it is not here.
    std::uint64_t find(const git_oid& id) const {
        unsigned first = id.id[0];
        std::uint32_t lo = first ? be32(fanout + (first - 1) * 4) : 0;
        std::uint32_t hi = be32(fanout + first * 4);
        if (hi > count || lo > hi) return 0;
        while (lo < hi) {
            std::uint32_t mid = lo + (hi - lo) / 2;
            int c = std::memcmp(ids + std::size_t{mid} * 20, id.id, 20);
            if (c == 0) return offset_of(mid);
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return 0;
    }

    std::uint64_t offset_of(std::uint32_t i) const {
        std::uint32_t o = be32(offsets32 + std::size_t{i} * 4);
        if (!(o & 0x80000000u)) return o;
        std::size_t k = o & 0x7fffffffu;
        if (k >= offsets64_count) return 0;
        const unsigned char* p = offsets64 + k * 8;
        return (std::uint64_t{be32(p)} << 32) | be32(p + 4);
    }
};

constexpr int obj_ofs_delta = 6;
constexpr int obj_ref_delta = 7;
// No object a walk reads legitimately comes near this; a header claiming more is damage.
constexpr std::uint64_t max_object = std::uint64_t{1} << 31;
// Chains are at most 50 deep with git's defaults and 4095 with --depth's maximum; deeper is a
// cycle of reference deltas in a damaged pack.
constexpr int max_chain = 4096;

struct Resolved {
    int type = 0;
    std::shared_ptr<const std::string> data;
};

/// Inflates exactly `size` bytes starting at `from`; false when the stream is damaged.
bool inflate_at(const Mapped& m, std::size_t from, std::uint64_t size, std::string& out) {
    if (from >= m.size) return false;
    // Deflate expands at most 1032:1 (zlib's technical details); a header claiming more than the
    // bytes left could give is damage, and is refused before anything is allocated for it.
    if (size > (m.size - from) * 1032 + 64) return false;
    out.resize(size);
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return false;
    z.next_in = const_cast<unsigned char*>(m.data + from);
    z.avail_in = static_cast<uInt>(std::min<std::size_t>(m.size - from, UINT32_MAX));
    // One spare byte: a stream that inflates to more than its header said is damaged.
    unsigned char spare = 0;
    z.next_out = size ? reinterpret_cast<unsigned char*>(out.data()) : &spare;
    z.avail_out = size ? static_cast<uInt>(size) : 1;
    int rc = inflate(&z, Z_FINISH);
    bool ok = rc == Z_STREAM_END && z.total_out == size;
    inflateEnd(&z);
    return ok;
}

/// Reads a delta's size header (a little-endian base-128 number).
bool delta_size(const std::string& d, std::size_t& at, std::uint64_t& value) {
    value = 0;
    for (int shift = 0; at < d.size() && shift < 64; shift += 7) {
        auto c = static_cast<unsigned char>(d[at++]);
        value |= std::uint64_t{c & 0x7fu} << shift;
        if (!(c & 0x80)) return true;
    }
    return false;
}

/// Applies a delta's copy and insert instructions to `base`.
bool apply_delta(const std::string& base, const std::string& delta, std::string& out) {
    std::size_t at = 0;
    std::uint64_t base_size = 0, result_size = 0;
    if (!delta_size(delta, at, base_size) || !delta_size(delta, at, result_size) ||
        base_size != base.size() || result_size > max_object)
        return false;
    out.clear();
    out.reserve(std::min<std::uint64_t>(result_size, base.size() + delta.size() * 64));
    while (at < delta.size()) {
        auto op = static_cast<unsigned char>(delta[at++]);
        if (op & 0x80) {
            std::uint64_t offset = 0, size = 0;
            for (int i = 0; i < 4; ++i)
                if (op & (1u << i)) {
                    if (at >= delta.size()) return false;
                    offset |= std::uint64_t{static_cast<unsigned char>(delta[at++])} << (8 * i);
                }
            for (int i = 0; i < 3; ++i)
                if (op & (0x10u << i)) {
                    if (at >= delta.size()) return false;
                    size |= std::uint64_t{static_cast<unsigned char>(delta[at++])} << (8 * i);
                }
            if (size == 0) size = 0x10000;
            if (offset + size > base.size() || out.size() + size > result_size) return false;
            out.append(base, offset, size);
        } else if (op) {
            if (at + op > delta.size() || out.size() + op > result_size) return false;
            out.append(delta, at, op);
            at += op;
        } else {
            return false; // reserved
        }
    }
    return out.size() == result_size;
}

/// The backend: libgit2's struct first, so libgit2's pointer is ours.
struct PackReader {
    git_odb_backend parent;
    std::vector<std::unique_ptr<Pack>> packs;

    // Delta bases resolved on the way to an object, least recently used first out.
    std::size_t cache_budget = 0, cache_bytes = 0;
    std::list<std::uint64_t> lru;
    struct Cached {
        Resolved object;
        std::list<std::uint64_t>::iterator place;
    };
    std::unordered_map<std::uint64_t, Cached> cache;

    static std::uint64_t key(std::size_t pack, std::uint64_t offset) {
        return (std::uint64_t{pack} << 48) ^ offset;
    }

    const Resolved* cached(std::uint64_t k) {
        auto it = cache.find(k);
        if (it == cache.end()) return nullptr;
        lru.splice(lru.end(), lru, it->second.place);
        return &it->second.object;
    }

    void remember(std::uint64_t k, const Resolved& r) {
        std::size_t size = r.data->size();
        if (size > cache_budget / 8 || cache.count(k)) return;
        while (cache_bytes + size > cache_budget && !lru.empty()) {
            auto old = cache.find(lru.front());
            cache_bytes -= old->second.object.data->size();
            cache.erase(old);
            lru.pop_front();
        }
        lru.push_back(k);
        cache.emplace(k, Cached{r, std::prev(lru.end())});
        cache_bytes += size;
    }

    /// Resolves the object at `offset` of pack `p`; false passes the read on to libgit2.
    bool resolve(std::size_t p, std::uint64_t offset, Resolved& result, int depth = 0) {
        if (const Resolved* c = cached(key(p, offset))) {
            result = *c;
            return true;
        }
        if (depth > max_chain) return false;
        const Pack& pack = *packs[p];
        const Mapped& m = pack.pack;
        std::size_t at = offset;
        if (at >= m.size - 20) return false;
        unsigned char c = m.data[at++];
        int type = (c >> 4) & 7;
        std::uint64_t size = c & 15u;
        for (int shift = 4; c & 0x80; shift += 7) {
            if (at >= m.size || shift > 60) return false;
            c = m.data[at++];
            size |= std::uint64_t{c & 0x7fu} << shift;
        }
        if (size > max_object) return false;
        std::size_t base_pack = p;
        std::uint64_t base_offset = 0;
        if (type == obj_ofs_delta) {
            if (at >= m.size) return false;
            c = m.data[at++];
            std::uint64_t back = c & 0x7fu;
            while (c & 0x80) {
                if (at >= m.size || back > (std::uint64_t{1} << 56)) return false;
                c = m.data[at++];
                back = ((back + 1) << 7) | (c & 0x7fu);
            }
            if (back == 0 || back > offset) return false;
            base_offset = offset - back;
        } else if (type == obj_ref_delta) {
            if (at + 20 > m.size) return false;
            git_oid base{};
            std::memcpy(base.id, m.data + at, 20);
            at += 20;
            base_offset = pack.find(base);
            if (!base_offset) return false; // a thin pack's base elsewhere: libgit2's case
        } else if (type < GIT_OBJECT_COMMIT || type > GIT_OBJECT_TAG) {
            return false;
        }
        auto data = std::make_shared<std::string>();
        if (!inflate_at(m, at, size, *data)) return false;
        if (type == obj_ofs_delta || type == obj_ref_delta) {
            Resolved base;
            if (!resolve(base_pack, base_offset, base, depth + 1)) return false;
            auto out = std::make_shared<std::string>();
            if (!apply_delta(*base.data, *data, *out)) return false;
            result = {base.type, std::move(out)};
        } else {
            result = {type, std::move(data)};
        }
        // Only what served as a base is kept (as git's delta base cache does); the object asked
        // for is the caller's.
        if (depth > 0) remember(key(p, offset), result);
        return true;
    }

    bool locate(const git_oid& id, std::size_t& p, std::uint64_t& offset) const {
        for (p = 0; p < packs.size(); ++p)
            if ((offset = packs[p]->find(id)) != 0) return true;
        return false;
    }
};

int read_object(void** data, std::size_t* len, git_object_t* type, git_odb_backend* backend,
                const git_oid* id) {
    auto* self = reinterpret_cast<PackReader*>(backend);
    std::size_t p = 0;
    std::uint64_t offset = 0;
    Resolved r;
    if (!self->locate(*id, p, offset) || !self->resolve(p, offset, r)) return GIT_PASSTHROUGH;
    void* copy = git_odb_backend_data_alloc(backend, r.data->size());
    if (!copy && !r.data->empty()) return -1;
    if (!r.data->empty()) std::memcpy(copy, r.data->data(), r.data->size());
    *data = copy;
    *len = r.data->size();
    *type = static_cast<git_object_t>(r.type);
    return 0;
}

int object_exists(git_odb_backend* backend, const git_oid* id) {
    auto* self = reinterpret_cast<PackReader*>(backend);
    std::size_t p = 0;
    std::uint64_t offset = 0;
    return self->locate(*id, p, offset) ? 1 : 0;
}

void free_reader(git_odb_backend* backend) {
    delete reinterpret_cast<PackReader*>(backend);
}

} // namespace

git_odb_backend* pack_reader(const std::string& pack_directory, std::size_t cache_bytes) {
    namespace fs = std::filesystem;
    auto reader = std::make_unique<PackReader>();
    if (git_odb_init_backend(&reader->parent, GIT_ODB_BACKEND_VERSION) != 0) return nullptr;
    reader->parent.read = read_object;
    reader->parent.exists = object_exists;
    reader->parent.free = free_reader;
    reader->cache_budget = cache_bytes;
    std::error_code ec;
    std::vector<fs::path> indexes;
    for (fs::directory_iterator it(pack_directory, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".idx") indexes.push_back(it->path());
    // Any order finds the same objects; a sorted one makes runs repeatable.
    std::sort(indexes.begin(), indexes.end());
    for (const auto& idx : indexes) {
        auto pack = std::make_unique<Pack>();
        fs::path data = idx;
        data.replace_extension(".pack");
        if (pack->open(idx.string(), data.string())) reader->packs.push_back(std::move(pack));
    }
    if (reader->packs.empty()) return nullptr;
    return &reader.release()->parent;
}

Result<void> add_pack_reader(git_repository* repo, std::size_t cache_bytes) {
    namespace fs = std::filesystem;
    std::string dir = (fs::path(git_repository_commondir(repo)) / "objects" / "pack").string();
    git_odb_backend* reader = pack_reader(dir, cache_bytes);
    if (!reader) return {}; // nothing packed that this reader reads: libgit2 reads it all
    Odb odb;
    if (git_repository_odb(&odb.p, repo) != 0)
        return fail("cannot open the object database: " + problem());
    // Above libgit2's own pack (2) and loose (1) backends, so asked first.
    if (git_odb_add_backend(odb.p, reader, 10) != 0) {
        reader->free(reader);
        return fail("cannot add the pack reader: " + problem());
    }
    return {}; // libgit2 owns the reader now and calls free_reader
}

} // namespace kaiyuan::source::git
