#include "kaiyuan/store/content.hpp"

#include <zstd.h>

namespace kaiyuan::store {

namespace {
constexpr char k_raw = 'r';
constexpr char k_zstd = 'z';
// Level 3 (zstd's default): about 300 MB/s on SBOM JSON here, a tenth of the size; higher levels
// gain a few percent for several times the time, in the upload's transaction.
constexpr int k_level = 3;
} // namespace

std::string pack_content(std::string_view bytes) {
    std::string out(1 + ZSTD_compressBound(bytes.size()), '\0');
    std::size_t n =
        ZSTD_compress(out.data() + 1, out.size() - 1, bytes.data(), bytes.size(), k_level);
    if (ZSTD_isError(n) || n >= bytes.size()) {
        out.assign(1, k_raw);
        out.append(bytes);
        return out;
    }
    out[0] = k_zstd;
    out.resize(1 + n);
    return out;
}

Result<std::string> unpack_content(std::string_view stored) {
    if (stored.empty()) return fail("stored SBOM content is empty");
    if (stored[0] == k_raw) return std::string(stored.substr(1));
    if (stored[0] != k_zstd) return fail("stored SBOM content has an unknown encoding");
    stored.remove_prefix(1);
    unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 34))
        return fail("stored SBOM content is damaged (zstd frame)");
    std::string out(size, '\0');
    std::size_t n = ZSTD_decompress(out.data(), out.size(), stored.data(), stored.size());
    if (ZSTD_isError(n) || n != size)
        return fail(std::string("stored SBOM content is damaged: ") + ZSTD_getErrorName(n));
    return out;
}

} // namespace kaiyuan::store
