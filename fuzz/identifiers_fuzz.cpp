// libFuzzer target: purls, SPDX license expressions, legacy license names and os-release.
#include "kaiyuan/catalog/os/os_release.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/model/purl.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto p = kaiyuan::model::Purl::parse(text))
        (void)kaiyuan::model::Purl::parse(p->to_string());
    if (auto e = kaiyuan::model::LicenseExpression::parse(text)) (void)e->to_string();
    for (auto d : {kaiyuan::model::LicenseDialect::rpm, kaiyuan::model::LicenseDialect::debian})
        (void)kaiyuan::model::to_spdx_expression(text, d);
    (void)kaiyuan::catalog::os::parse_os_release(text);
    return 0;
}
