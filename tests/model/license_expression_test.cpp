#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/sbom.hpp"

#include <gtest/gtest.h>

using kaiyuan::model::LicenseExpression;
namespace model = kaiyuan::model;

TEST(LicenseExpression, normalises_case_operators_and_parentheses) {
    auto e = LicenseExpression::parse("mit or (apache-2.0 and bsd-3-clause)");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->to_string(), "MIT OR Apache-2.0 AND BSD-3-Clause");
    auto f = LicenseExpression::parse("(MIT OR Apache-2.0) AND BSD-3-Clause");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->to_string(), "(MIT OR Apache-2.0) AND BSD-3-Clause");
}

TEST(LicenseExpression, with_exception_and_plus) {
    auto e = LicenseExpression::parse("GPL-2.0-or-later WITH classpath-exception-2.0 OR LGPL-2.1+");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->to_string(), "GPL-2.0-or-later WITH Classpath-exception-2.0 OR LGPL-2.1+");
    EXPECT_EQ(e->license_ids(), (std::vector<std::string>{"GPL-2.0-or-later", "LGPL-2.1+"}));
}

TEST(LicenseExpression, license_refs_are_allowed_even_when_ids_must_be_known) {
    EXPECT_TRUE(LicenseExpression::parse("LicenseRef-Public-Domain AND MIT", true));
    EXPECT_TRUE(LicenseExpression::parse("DocumentRef-x:LicenseRef-y", true));
    EXPECT_FALSE(LicenseExpression::parse("GPLv2+", true));
    EXPECT_TRUE(LicenseExpression::parse("MulanPSL-2.0", true));
}

TEST(LicenseExpression, malformed) {
    for (const char* bad :
         {"", "MIT AND", "(MIT", "MIT)", "AND MIT", "MIT WITH", "(MIT OR X) WITH Y", "M!T"})
        EXPECT_FALSE(LicenseExpression::parse(bad)) << bad;
}

TEST(LicenseExpression, real_vcpkg_license_fields_parse) {
    std::string dir = std::string(KAIYUAN_SHARED_DATA) + "/manifests/vcpkg/vcpkg-registry/ports";
    for (const char* port : {"zlib", "openssl", "curl", "fmt", "boost-asio"}) {
        std::FILE* f = std::fopen((dir + "/" + port + "/vcpkg.json").c_str(), "rb");
        if (!f) GTEST_SKIP() << "../shared/data is absent: real vcpkg manifests not checked";
        std::fclose(f);
    }
    // The license fields of those ports, as vcpkg writes them.
    for (const char* expr :
         {"Zlib", "Apache-2.0", "curl AND ISC AND BSD-3-Clause", "MIT", "BSL-1.0"})
        EXPECT_TRUE(LicenseExpression::parse(expr, true)) << expr;
}

TEST(LicenseExpressionSimplify, flattens_dedupes_absorbs_and_updates_gnu_ids) {
    auto simple = [](std::string_view text) {
        auto e = kaiyuan::model::LicenseExpression::parse(text);
        EXPECT_TRUE(e) << text;
        return e ? e->simplified().to_string() : std::string();
    };
    EXPECT_EQ(simple("MIT AND (MIT OR Apache-2.0)"), "MIT");
    EXPECT_EQ(simple("MIT OR (MIT AND Apache-2.0)"), "MIT");
    EXPECT_EQ(simple("(MIT AND ISC) AND (Zlib AND MIT)"), "MIT AND ISC AND Zlib");
    EXPECT_EQ(simple("MIT OR (ISC OR (MIT OR Zlib))"), "MIT OR ISC OR Zlib");
    EXPECT_EQ(simple("GPL-2.0+ WITH Classpath-exception-2.0"),
              "GPL-2.0-or-later WITH Classpath-exception-2.0");
    EXPECT_EQ(simple("LGPL-2.1 AND LGPL-2.1-only"), "LGPL-2.1-only");
    EXPECT_EQ(simple("(MIT OR ISC) AND (ISC OR MIT)"), "(MIT OR ISC) AND (ISC OR MIT)");
    EXPECT_EQ(simple("LicenseRef-acme AND LicenseRef-acme"), "LicenseRef-acme");
}

// SPDX's replacements for deprecated ids that are not GNU -only/-or-later spellings.
TEST(LicenseExpressionSimplify, deprecated_ids_in_their_current_form) {
    auto simple = [](const char* text) {
        return model::LicenseExpression::parse(text).value().simplified().to_string();
    };
    EXPECT_EQ(simple("GPL-2.0-with-classpath-exception"),
              "GPL-2.0-only WITH Classpath-exception-2.0");
    EXPECT_EQ(simple("wxWindows"), "GPL-2.0-or-later WITH WxWindows-exception-3.1");
    EXPECT_EQ(simple("Nunit"), "zlib-acknowledgement");
    EXPECT_EQ(simple("StandardML-NJ OR MIT"), "SMLNJ OR MIT");
    EXPECT_EQ(simple("GPL-3.0-or-later AND GPL-3.0-or-later AND GPL-3.0+"), "GPL-3.0-or-later");
}

TEST(LicenseExpression, plus_after_a_version_range_is_refused) {
    for (const char* bad : {"GPL-2.0-or-later+", "LGPL-2.1-only+", "MIT AND GPL-3.0-or-later+"}) {
        auto e = model::LicenseExpression::parse(bad);
        ASSERT_FALSE(e) << bad;
        EXPECT_NE(e.error().message.find("'+' after an -only or -or-later id"), std::string::npos)
            << e.error().message;
    }
    EXPECT_TRUE(model::LicenseExpression::parse("GPL-2.0+"));
}

// Every SBOM's licenses are said as `kaiyuan expression` says them; deprecated ids are
// rewritten with a warning naming them.
TEST(LicenseExpressionSimplify, sbom_normalize_cleans_declared_and_concluded) {
    model::Sbom s;
    model::Component a;
    a.name = "a";
    a.license_declared = "GPL-3.0-or-later AND GPL-3.0-or-later AND MIT";
    a.license_concluded = "wxWindows";
    model::Component b;
    b.name = "b";
    b.license_declared = "not a valid (expression";
    s.components = {a, b};
    s.normalize();
    EXPECT_EQ(s.components[0].license_declared, "GPL-3.0-or-later AND MIT");
    EXPECT_EQ(s.components[0].license_concluded, "GPL-2.0-or-later WITH WxWindows-exception-3.1");
    EXPECT_EQ(s.components[1].license_declared, "not a valid (expression"); // kept as given
    ASSERT_EQ(s.diagnostics.size(), 1u);
    EXPECT_NE(s.diagnostics[0].message.find("deprecated SPDX license id wxWindows"),
              std::string::npos);
    s.normalize(); // once only
    EXPECT_EQ(s.diagnostics.size(), 1u);
}
