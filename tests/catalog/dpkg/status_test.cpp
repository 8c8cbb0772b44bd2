#include "kaiyuan/catalog/dpkg/copyright.hpp"
#include "kaiyuan/catalog/dpkg/status.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::catalog::dpkg;

namespace {
std::string fixture(const std::string& name) {
    return kaiyuan::util::read_file(std::string(KAIYUAN_TEST_DATA) + "/catalog/dpkg/testdata/" +
                                    name)
        .value();
}
} // namespace

TEST(DpkgStatus, real_bookworm_stanzas) {
    auto s = parse_status(fixture("bookworm_status"), {"var/lib/dpkg/status", "", 0});
    ASSERT_EQ(s.packages.size(), 4u);
    EXPECT_TRUE(s.diagnostics.empty());
    const DpkgPackage& base = s.packages[0];
    EXPECT_EQ(base.name, "base-files");
    EXPECT_EQ(base.architecture, "amd64");
    EXPECT_EQ(base.maintainer, "Santiago Vila <sanvila@debian.org>");
    EXPECT_EQ(base.depends, "awk");
    EXPECT_EQ(base.provides, "base");
    EXPECT_EQ(base.description, "Debian base system miscellaneous files");
    EXPECT_EQ(base.line, 1u);
    bool zlib = false;
    for (const auto& p : s.packages)
        if (p.name == "zlib1g") {
            zlib = true;
            EXPECT_EQ(p.version.substr(0, 2), "1:"); // the epoch stays in the version
            EXPECT_EQ(p.source_name, "zlib");
        }
    EXPECT_TRUE(zlib);
}

TEST(DpkgStatus, malformed_stanzas_give_line_diagnostics_and_the_rest_is_kept) {
    auto s = parse_status(fixture("malformed_status"), {"status", "", 0});
    std::vector<std::string> names;
    for (const auto& p : s.packages)
        names.push_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"good-one", "after-garbage"}));
    EXPECT_EQ(s.not_installed, 1u);
    ASSERT_EQ(s.diagnostics.size(), 3u);
    EXPECT_EQ(s.diagnostics[0].location.line, 6u); // the line without a colon
    EXPECT_NE(s.diagnostics[1].message.find("no Package"), std::string::npos);
    EXPECT_NE(s.diagnostics[2].message.find("malformed Status"), std::string::npos);
}

TEST(DpkgStatus, empty_and_not_this_format) {
    EXPECT_TRUE(parse_status(fixture("empty"), {}).packages.empty());
    auto s = parse_status(fixture("not_this_format.json"), {"x.json", "", 0});
    EXPECT_TRUE(s.packages.empty());
    EXPECT_FALSE(s.diagnostics.empty());
}

TEST(DpkgCopyright, machine_readable_and_free_form) {
    EXPECT_EQ(copyright_licenses(fixture("zlib1g_copyright")), (std::vector<std::string>{"Zlib"}));
    auto tar = copyright_licenses(fixture("tar_copyright"));
    ASSERT_FALSE(tar.empty());
    EXPECT_EQ(tar.front(), "GPL-3+");
    EXPECT_EQ(copyright_licenses(fixture("libc_copyright_freeform")),
              (std::vector<std::string>{"LGPL-2.1", "GPL-2"}));
    EXPECT_TRUE(copyright_licenses("").empty());
}
