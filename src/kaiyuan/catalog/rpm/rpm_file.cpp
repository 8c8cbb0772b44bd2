#include "kaiyuan/catalog/rpm/rpm_file.hpp"

namespace kaiyuan::catalog::rpm {

namespace {
constexpr std::string_view k_lead_magic = "\xED\xAB\xEE\xDB";
constexpr std::string_view k_header_magic = "\x8E\xAD\xE8\x01";
constexpr std::size_t k_lead_size = 96;
} // namespace

Result<RpmPackage> parse_rpm_file(std::string_view bytes) {
    if (bytes.size() < k_lead_size || !bytes.starts_with(k_lead_magic))
        return fail("not an rpm file (bad lead)");
    std::size_t pos = k_lead_size;
    if (bytes.size() < pos + 8 || bytes.substr(pos, 4) != k_header_magic)
        return fail("signature header is missing or has a bad magic");
    auto sig = header_blob_size(bytes.substr(pos + 8));
    if (!sig) return fail("signature header: " + sig.error().message);
    pos += 8 + *sig;
    pos = (pos + 7) & ~std::size_t{7};
    if (pos + 8 > bytes.size() || bytes.substr(pos, 4) != k_header_magic)
        return fail("main header has a bad magic");
    auto pkg = parse_header_blob(bytes.substr(pos + 8));
    if (!pkg) return fail("main header: " + pkg.error().message);
    return pkg;
}

} // namespace kaiyuan::catalog::rpm
