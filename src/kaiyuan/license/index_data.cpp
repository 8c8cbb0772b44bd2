// The license index that license_indexer made at build time (KAIYUAN_LICENSE_INDEX_BIN), in the
// read-only data of the program: ready without building it at startup.
#include "kaiyuan/license/index.hpp"

#include <string_view>

#ifdef KAIYUAN_LICENSE_INDEX_BIN
__asm__(".section .rodata\n"
        ".balign 16\n"
        "kaiyuan_license_index_begin:\n"
        ".incbin \"" KAIYUAN_LICENSE_INDEX_BIN "\"\n"
        "kaiyuan_license_index_end:\n"
        ".previous\n");
extern "C" const char kaiyuan_license_index_begin[];
extern "C" const char kaiyuan_license_index_end[];
#endif

namespace kaiyuan::license {

namespace {

std::string_view embedded_index() {
#ifdef KAIYUAN_LICENSE_INDEX_BIN
    return {kaiyuan_license_index_begin,
            static_cast<std::size_t>(kaiyuan_license_index_end - kaiyuan_license_index_begin)};
#else
    return {};
#endif
}

LicenseIndex*& installed_index() {
    static LicenseIndex* index = nullptr;
    return index;
}

} // namespace

const LicenseIndex& LicenseIndex::get() {
    if (const LicenseIndex* index = installed_index()) return *index;
    // A build without the embedded index (or a damaged one) builds it at first use instead.
    static const LicenseIndex index = [] {
        auto embedded = deserialize(embedded_index());
        return embedded ? std::move(*embedded) : build_default();
    }();
    return index;
}

void LicenseIndex::install(LicenseIndex index) {
    static LicenseIndex held;
    held = std::move(index);
    installed_index() = &held;
}

} // namespace kaiyuan::license
