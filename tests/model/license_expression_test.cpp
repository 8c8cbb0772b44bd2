#include "kaiyuan/model/license_expression.hpp"

#include <gtest/gtest.h>

using kaiyuan::model::LicenseExpression;

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
