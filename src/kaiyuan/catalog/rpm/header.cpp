#include "kaiyuan/catalog/rpm/header.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::rpm {

namespace {

// rpm/rpmtag.h
enum Tag : std::uint32_t {
    k_sigmd5 = 261,
    k_sha256header = 273,
    k_name = 1000,
    k_version = 1001,
    k_release = 1002,
    k_epoch = 1003,
    k_summary = 1004,
    k_size = 1009,
    k_vendor = 1011,
    k_license = 1014,
    k_packager = 1015,
    k_url = 1020,
    k_arch = 1022,
    k_oldfilenames = 1027,
    k_sourcerpm = 1044,
    k_providename = 1047,
    k_requireflags = 1048,
    k_requirename = 1049,
    k_dirindexes = 1116,
    k_basenames = 1117,
    k_dirnames = 1118,
    k_longsize = 5009,
    k_modularitylabel = 5096,
};
enum Type : std::uint32_t {
    t_null = 0,
    t_char = 1,
    t_int8 = 2,
    t_int16 = 3,
    t_int32 = 4,
    t_int64 = 5,
    t_string = 6,
    t_bin = 7,
    t_string_array = 8,
    t_i18nstring = 9,
};
constexpr std::uint32_t k_rpmsense_rpmlib = 1u << 24;
// rpm's own sanity limits (lib/header_internal.h): hdrchkTags, hdrchkData.
constexpr std::uint32_t k_max_tags = 0xffff;
constexpr std::uint32_t k_max_data = 0x0fffffff;

std::uint32_t be32(std::string_view s, std::size_t at) {
    auto b = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i]));
    };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

struct IndexEntry {
    std::uint32_t tag, type, offset, count;
};

class HeaderView {
public:
    HeaderView(std::vector<IndexEntry> index, std::string_view data)
        : m_index(std::move(index)), m_data(data) {}

    const IndexEntry* find(std::uint32_t tag) const {
        for (const auto& e : m_index)
            if (e.tag == tag) return &e;
        return nullptr;
    }

    Result<std::vector<std::string>> strings(std::uint32_t tag) const {
        std::vector<std::string> out;
        const IndexEntry* e = find(tag);
        if (!e) return out;
        if (e->type != t_string && e->type != t_string_array && e->type != t_i18nstring)
            return fail("tag " + std::to_string(tag) + " is not a string");
        std::size_t pos = e->offset;
        std::uint32_t n = e->type == t_string ? 1 : e->count;
        if (n > m_data.size()) return fail("tag " + std::to_string(tag) + ": count past the data");
        out.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            if (pos >= m_data.size())
                return fail("tag " + std::to_string(tag) + ": string past the data");
            auto end = m_data.find('\0', pos);
            if (end == std::string_view::npos)
                return fail("tag " + std::to_string(tag) + ": unterminated string");
            out.push_back(util::sanitize_text(m_data.substr(pos, end - pos)));
            pos = end + 1;
            if (e->type == t_i18nstring) break; // the first (default) translation
        }
        return out;
    }

    Result<std::string> string(std::uint32_t tag) const {
        auto s = strings(tag);
        if (!s) return unexpected(s.error());
        return s->empty() ? std::string() : std::move(s->front());
    }

    Result<std::vector<std::uint64_t>> integers(std::uint32_t tag) const {
        std::vector<std::uint64_t> out;
        const IndexEntry* e = find(tag);
        if (!e) return out;
        std::size_t width = e->type == t_int8 || e->type == t_char ? 1
                            : e->type == t_int16                   ? 2
                            : e->type == t_int32                   ? 4
                            : e->type == t_int64                   ? 8
                                                                   : 0;
        if (width == 0) return fail("tag " + std::to_string(tag) + " is not an integer");
        if (e->count > (m_data.size() - std::min<std::size_t>(e->offset, m_data.size())) / width)
            return fail("tag " + std::to_string(tag) + ": integers past the data");
        out.reserve(e->count);
        for (std::uint32_t i = 0; i < e->count; ++i) {
            std::uint64_t v = 0;
            for (std::size_t b = 0; b < width; ++b)
                v = v << 8 | static_cast<unsigned char>(m_data[e->offset + i * width + b]);
            out.push_back(v);
        }
        return out;
    }

    Result<std::string> binary_hex(std::uint32_t tag) const {
        const IndexEntry* e = find(tag);
        if (!e) return std::string();
        if (e->type == t_string) return string(tag);
        if (e->type != t_bin) return fail("tag " + std::to_string(tag) + " is not binary");
        if (e->offset > m_data.size() || e->count > m_data.size() - e->offset)
            return fail("tag " + std::to_string(tag) + ": binary past the data");
        return util::to_hex(m_data.substr(e->offset, e->count));
    }

private:
    std::vector<IndexEntry> m_index;
    std::string_view m_data;
};

#define KAIYUAN_TRY_ASSIGN(lhs, expr)                                                              \
    do {                                                                                           \
        auto r_ = (expr);                                                                          \
        if (!r_) return unexpected(r_.error());                                                    \
        lhs = std::move(*r_);                                                                      \
    } while (0)

} // namespace

Result<std::size_t> header_blob_size(std::string_view bytes) {
    if (bytes.size() < 8) return fail("header shorter than 8 bytes");
    std::uint32_t il = be32(bytes, 0), dl = be32(bytes, 4);
    if (il == 0 || il > k_max_tags)
        return fail("header has an implausible tag count " + std::to_string(il));
    if (dl > k_max_data) return fail("header has an implausible data length " + std::to_string(dl));
    std::size_t total = 8 + static_cast<std::size_t>(il) * 16 + dl;
    if (total > bytes.size())
        return fail("header is truncated (needs " + std::to_string(total) + " bytes, has " +
                    std::to_string(bytes.size()) + ")");
    return total;
}

Result<RpmPackage> parse_header_blob(std::string_view blob) {
    auto size = header_blob_size(blob);
    if (!size) return unexpected(size.error());
    std::uint32_t il = be32(blob, 0), dl = be32(blob, 4);
    std::string_view data = blob.substr(8 + static_cast<std::size_t>(il) * 16, dl);
    std::vector<IndexEntry> index;
    index.reserve(il);
    for (std::uint32_t i = 0; i < il; ++i) {
        std::size_t at = 8 + static_cast<std::size_t>(i) * 16;
        IndexEntry e{be32(blob, at), be32(blob, at + 4), be32(blob, at + 8), be32(blob, at + 12)};
        if (e.type > t_i18nstring)
            return fail("entry " + std::to_string(i) + " has unknown type " +
                        std::to_string(e.type));
        if (e.offset > dl)
            return fail("entry " + std::to_string(i) + " (tag " + std::to_string(e.tag) +
                        ") points past the data");
        if (e.count > k_max_data)
            return fail("entry " + std::to_string(i) + " has an implausible count");
        index.push_back(e);
    }
    HeaderView h(std::move(index), data);
    RpmPackage p;
    KAIYUAN_TRY_ASSIGN(p.name, h.string(k_name));
    if (p.name.empty()) return fail("header has no NAME");
    KAIYUAN_TRY_ASSIGN(p.version, h.string(k_version));
    KAIYUAN_TRY_ASSIGN(p.release, h.string(k_release));
    KAIYUAN_TRY_ASSIGN(p.arch, h.string(k_arch));
    KAIYUAN_TRY_ASSIGN(p.license, h.string(k_license));
    KAIYUAN_TRY_ASSIGN(p.vendor, h.string(k_vendor));
    KAIYUAN_TRY_ASSIGN(p.packager, h.string(k_packager));
    KAIYUAN_TRY_ASSIGN(p.url, h.string(k_url));
    KAIYUAN_TRY_ASSIGN(p.summary, h.string(k_summary));
    KAIYUAN_TRY_ASSIGN(p.source_rpm, h.string(k_sourcerpm));
    KAIYUAN_TRY_ASSIGN(p.modularity_label, h.string(k_modularitylabel));
    std::vector<std::uint64_t> ints;
    KAIYUAN_TRY_ASSIGN(ints, h.integers(k_epoch));
    if (!ints.empty()) p.epoch = static_cast<std::int64_t>(ints.front());
    KAIYUAN_TRY_ASSIGN(ints, h.integers(k_longsize));
    if (ints.empty()) KAIYUAN_TRY_ASSIGN(ints, h.integers(k_size));
    if (!ints.empty()) p.size = ints.front();
    KAIYUAN_TRY_ASSIGN(p.provides, h.strings(k_providename));
    std::vector<std::string> requires_all;
    KAIYUAN_TRY_ASSIGN(requires_all, h.strings(k_requirename));
    std::vector<std::uint64_t> flags;
    KAIYUAN_TRY_ASSIGN(flags, h.integers(k_requireflags));
    for (std::size_t i = 0; i < requires_all.size(); ++i) {
        if (i < flags.size() && (flags[i] & k_rpmsense_rpmlib)) continue;
        if (requires_all[i].starts_with("rpmlib(")) continue;
        p.requires_.push_back(std::move(requires_all[i]));
    }
    std::vector<std::string> basenames, dirnames;
    std::vector<std::uint64_t> dirindexes;
    KAIYUAN_TRY_ASSIGN(basenames, h.strings(k_basenames));
    KAIYUAN_TRY_ASSIGN(dirnames, h.strings(k_dirnames));
    KAIYUAN_TRY_ASSIGN(dirindexes, h.integers(k_dirindexes));
    if (!basenames.empty()) {
        if (dirindexes.size() != basenames.size())
            return fail("DIRINDEXES and BASENAMES differ in length");
        p.files.reserve(basenames.size());
        for (std::size_t i = 0; i < basenames.size(); ++i) {
            if (dirindexes[i] >= dirnames.size())
                return fail("a DIRINDEXES entry points past DIRNAMES");
            p.files.push_back(dirnames[dirindexes[i]] + basenames[i]);
        }
    } else {
        KAIYUAN_TRY_ASSIGN(p.files, h.strings(k_oldfilenames));
    }
    KAIYUAN_TRY_ASSIGN(p.sha256_header, h.binary_hex(k_sha256header));
    KAIYUAN_TRY_ASSIGN(p.sigmd5, h.binary_hex(k_sigmd5));
    return p;
}

} // namespace kaiyuan::catalog::rpm
