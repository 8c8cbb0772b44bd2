#include "kaiyuan/model/license_names.hpp"

#include <gtest/gtest.h>

using kaiyuan::model::LicenseDialect;
using kaiyuan::model::to_spdx_expression;

struct NameCase {
    const char* raw;
    LicenseDialect dialect;
    const char* expected;
};

TEST(LicenseNames, legacy_names_become_spdx) {
    const NameCase cases[] = {
        {"GPLv2+", LicenseDialect::rpm, "GPL-2.0-or-later"},
        {"GPLv2+ and LGPLv2+", LicenseDialect::rpm, "GPL-2.0-or-later AND LGPL-2.0-or-later"},
        {"ASL 2.0", LicenseDialect::rpm, "Apache-2.0"},
        {"MIT or ASL 2.0", LicenseDialect::rpm, "MIT OR Apache-2.0"},
        {"MulanPSL-2.0", LicenseDialect::rpm, "MulanPSL-2.0"},
        {"Mulan PSL v2", LicenseDialect::rpm, "MulanPSL-2.0"},
        {"GPL-2.0-only WITH Classpath-exception-2.0", LicenseDialect::rpm,
         "GPL-2.0-only WITH Classpath-exception-2.0"},
        {"(MIT OR Apache-2.0)", LicenseDialect::rpm, "MIT OR Apache-2.0"},
        {"GPL-2+", LicenseDialect::debian, "GPL-2.0-or-later"},
        {"GPL-2", LicenseDialect::debian, "GPL-2.0-only"},
        {"LGPL-2.1", LicenseDialect::debian, "LGPL-2.1-only"},
        {"GPL-2.0+", LicenseDialect::debian, "GPL-2.0-or-later"},
        {"Expat", LicenseDialect::debian, "MIT"},
        {"GFDL-NIV-1.3", LicenseDialect::debian, "GFDL-1.3-no-invariants-only"},
        {"GFDL-NIV-1.2+", LicenseDialect::debian, "GFDL-1.2-no-invariants-or-later"},
        {"BSD-3-clause", LicenseDialect::debian, "BSD-3-Clause"},
        {"Artistic or GPL-1+", LicenseDialect::debian, "Artistic-1.0 OR GPL-1.0-or-later"},
        {"public-domain", LicenseDialect::debian, "LicenseRef-Public-Domain"},
        {"GPL-2+ with OpenSSL exception", LicenseDialect::debian,
         "LicenseRef-GPL-2-with-OpenSSL-exception"},
        {"GPL-2.0-or-later", LicenseDialect::apk, "GPL-2.0-or-later"},
        {"MIT BSD", LicenseDialect::apk, "LicenseRef-MIT-BSD"},
        // CPAN's META.yml writes "license: ~" (YAML's null) when a module names none.
        {"~", LicenseDialect::debian, "LicenseRef-unknown"},
        {"NOASSERTION", LicenseDialect::spdx, ""},
        {"", LicenseDialect::rpm, ""},
    };
    for (const auto& c : cases)
        EXPECT_EQ(to_spdx_expression(c.raw, c.dialect), c.expected) << c.raw;
}
