#include "kaiyuan/catalog/apk/cataloger.hpp"
#include "kaiyuan/catalog/apk/installed.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::catalog;

namespace {
std::string fixture(const std::string& name) {
    return kaiyuan::util::read_file(std::string(KAIYUAN_TEST_DATA) + "/catalog/apk/testdata/" +
                                    name)
        .value();
}
} // namespace

TEST(ApkInstalled, alpine_database) {
    auto db = apk::parse_installed(fixture("alpine_installed"), {"lib/apk/db/installed", "", 0});
    ASSERT_EQ(db.packages.size(), 3u);
    EXPECT_TRUE(db.diagnostics.empty());
    const auto& musl = db.packages[0];
    EXPECT_EQ(musl.name, "musl");
    EXPECT_EQ(musl.version, "1.2.4_git20230717-r4");
    EXPECT_EQ(musl.files,
              (std::vector<std::string>{"/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1"}));
    EXPECT_EQ(db.packages[2].origin, "pax-utils");
    EXPECT_EQ(db.packages[1].line, 21u);
}

TEST(ApkInstalled, cataloger_builds_purls_and_dependencies) {
    FileData f{"lib/apk/db/installed", "", fixture("alpine_installed")};
    Environments envs;
    envs.add({"", {"alpine", "3.19.1", "Alpine Linux", "", "", ""}});
    auto r = apk::ApkCataloger().catalog({&f}, envs);
    ASSERT_EQ(r.components.size(), 3u);
    EXPECT_EQ(r.components[0].purl,
              "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1");
    EXPECT_EQ(
        r.components[2].purl,
        "pkg:apk/alpine/scanelf@1.3.7-r2?arch=x86_64&distro=alpine-3.19.1&upstream=pax-utils");
    EXPECT_EQ(r.relationships.size(), 2u); // busybox and scanelf need musl's so:libc
    for (const auto& rel : r.relationships)
        EXPECT_EQ(rel.to, r.components[0].id);
}

TEST(ApkInstalled, malformed_empty_and_not_this_format) {
    EXPECT_TRUE(apk::parse_installed("", {}).packages.empty());
    auto bad = apk::parse_installed("P:ok\nV:1\n\nthis is not apk\nV:2\n", {"x", "", 0});
    ASSERT_EQ(bad.packages.size(), 1u);
    ASSERT_EQ(bad.diagnostics.size(), 2u); // the odd line, and an entry without P:
    EXPECT_EQ(bad.diagnostics[0].location.line, 4u);
    auto json = apk::parse_installed("{\"a\": 1}\n", {"x.json", "", 0});
    EXPECT_TRUE(json.packages.empty());
}
