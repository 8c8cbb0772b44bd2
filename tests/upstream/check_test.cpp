// upstream check's parts: packages found in the src-openeuler layout and upstream-info
// directories (a real zlib.spec of src-openeuler and openEuler-Advisor's real zlib.yaml), judged
// against the real tag set of zlib replayed into a repository the test builds and reached
// through insteadOf as a mirror would be; failures kept per package; rpm's order against a
// libversion-style one where they disagree (OpenSSL's letter releases); and the advisories of a
// packaged curl that an upgrade fixes, from a real openEuler CVRF advisory.
#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/tags.hpp"
#include "kaiyuan/upstream/upgrade_fixes.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/importer.hpp"
#include "kaiyuan/vuln/matcher.hpp"

#include "../run_command.hpp"
#include "../source/test_archives.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kaiyuan;
using namespace kaiyuan::upstream;

namespace {

const std::string k_data = std::string(KAIYUAN_TEST_DATA) + "/upstream/testdata";

bool says(const std::vector<model::Diagnostic>& diagnostics, std::string_view what) {
    for (const auto& d : diagnostics)
        if ((d.location.path + ": " + d.message).find(what) != std::string::npos) return true;
    return false;
}

TEST(UpstreamPackages, SrcOpenEulerLayoutWithUpstreamInfo) {
    auto set = find_packages({k_data + "/src-openeuler"}, k_data + "/upstream-info");
    ASSERT_EQ(set.packages.size(), 1u);
    const auto& zlib = set.packages[0];
    EXPECT_EQ(zlib.name, "zlib");
    EXPECT_EQ(zlib.version, "1.2.11");
    EXPECT_EQ(zlib.release, "19");
    ASSERT_TRUE(zlib.upstream);
    EXPECT_EQ(zlib.upstream->src_repo, "madler/zlib");
    EXPECT_EQ(tag_address(*zlib.upstream), "https://github.com/madler/zlib.git");
    EXPECT_EQ(set.unreadable, 0u);

    // Without upstream-info the package is still listed, and the missing description said.
    auto bare = find_packages({k_data + "/src-openeuler/zlib"});
    ASSERT_EQ(bare.packages.size(), 1u);
    EXPECT_FALSE(bare.packages[0].upstream);
    EXPECT_TRUE(says(bare.diagnostics, "zlib.spec: no upstream description"));
}

TEST(UpstreamPackages, UpstreamInfoAloneAndBadTargets) {
    auto set =
        find_packages({k_data + "/upstream-info", k_data + "/nowhere", k_data + "/README.md"});
    EXPECT_EQ(set.packages.size(), 11u) << "every upstream-info file a package";
    for (const auto& p : set.packages)
        EXPECT_TRUE(p.version.empty()) << p.name;
    EXPECT_EQ(set.unreadable, 2u);
    EXPECT_TRUE(says(set.diagnostics, "nowhere: no such file or directory"));
    EXPECT_TRUE(
        says(set.diagnostics,
             "README.md: neither a spec file, an upstream-info YAML file nor an nvchecker"));
}

TEST(UpstreamPackages, RepositoryOwnDescriptionAndBrokenSpecs) {
    test::TempDir dir;
    dir.write("pkgs/demo/demo.spec", "Name: demo\nVersion: 2.1\nRelease: 3\nEpoch: 1\n");
    dir.write("pkgs/demo/demo.yaml", "version_control: git\nsrc_repo: mirror:demo\n");
    dir.write("pkgs/broken/broken.spec", "%description\nno name at all\n");
    auto set = find_packages({dir.path + "/pkgs", dir.path + "/pkgs/demo/demo.spec"});
    ASSERT_EQ(set.packages.size(), 1u);
    EXPECT_EQ(set.packages[0].epoch, "1");
    ASSERT_TRUE(set.packages[0].upstream);
    EXPECT_EQ(set.packages[0].upstream->kind, UpstreamKind::git);
    EXPECT_EQ(set.unreadable, 1u) << "the spec without a Name";
    EXPECT_TRUE(says(set.diagnostics, "broken.spec"));
    EXPECT_TRUE(says(set.diagnostics, "package 'demo' is also given by"));
}

/// zlib's real tags (tests/upstream/testdata/zlib-tags.txt, from its repository) on a
/// repository at <dir>/madler/zlib.git, which insteadOf puts where github's address points.
InsteadOf zlib_mirror(const test::TempDir& dir) {
    auto tags = util::read_file(k_data + "/zlib-tags.txt");
    EXPECT_TRUE(tags);
    std::istringstream in(tags ? *tags : "");
    std::string date, tag,
        script = "set -e; git -c init.defaultBranch=main init -q madler/zlib.git"
                 " && cd madler/zlib.git && git commit -q --allow-empty -m z";
    while (in >> date >> tag)
        script += " && git tag " + tag;
    EXPECT_EQ(test::run_command("cd " + dir.path + " && GIT_COMMITTER_NAME=c " +
                                "GIT_COMMITTER_EMAIL=c@x GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x " +
                                "sh -c '" + script + "' && echo ok"),
              "ok");
    dir.write("gitconfig", "[url \"" + dir.path + "/\"]\n\tinsteadOf = https://github.com/\n");
    return insteadof_rules(dir.path + "/gitconfig");
}

TEST(UpstreamCheck, ZlibBehindOnItsRealTags) {
    if (test::run_command("git --version").rfind("git version", 0) != 0)
        GTEST_SKIP() << "git is not installed";
    test::TempDir dir;
    CheckOptions options;
    options.rules = zlib_mirror(dir);
    auto set = find_packages({k_data + "/src-openeuler"}, k_data + "/upstream-info");
    auto checked = check_all(set.packages, options);
    ASSERT_EQ(checked.size(), 1u);
    const auto& z = checked[0];
    ASSERT_EQ(z.standing, Standing::behind) << z.error;
    EXPECT_EQ(z.tags, 76u);
    EXPECT_EQ(z.newest.version, "1.3.1");
    EXPECT_EQ(z.newest.tag, "v1.3.1");
    EXPECT_EQ(z.newest_in_series, "1.2.13") << "the maintained 1.2 branch";
    std::vector<std::string> newer;
    for (const auto& r : z.newer)
        newer.push_back(r.version);
    EXPECT_EQ(newer, (std::vector<std::string>{"1.2.12", "1.2.13", "1.3", "1.3.1"}));
    EXPECT_EQ(z.packaged_date, "2017-01-15") << "recorded in zlib.yaml";
    EXPECT_FALSE(z.days_behind) << "1.3.1's date is not recorded";
    EXPECT_EQ(z.tags - z.releases, 3u) << "v1.0-pre and v1.2.4-pre1/2 are pre-releases";
}

TEST(UpstreamCheck, FailuresStayWithTheirPackage) {
    test::TempDir dir;
    std::vector<PackagedSource> packages(4);
    packages[0].name = "gone";
    packages[0].version = "1.0";
    packages[0].upstream = UpstreamDescription{};
    packages[0].upstream->kind = UpstreamKind::git;
    packages[0].upstream->src_repo = dir.path + "/nowhere";
    packages[1].name = "on-svn";
    packages[1].upstream = UpstreamDescription{};
    packages[1].upstream->kind = UpstreamKind::svn;
    packages[1].upstream->src_repo = "https://svn.apache.org/repos/asf/subversion";
    packages[2].name = "fossil";
    packages[2].upstream = UpstreamDescription{};
    packages[2].upstream->kind_as_written = "fossil";
    packages[3].name = "undescribed";
    auto checked = check_all(packages, {});
    ASSERT_EQ(checked.size(), 4u);
    for (const auto& c : checked)
        EXPECT_EQ(c.standing, Standing::unchecked) << c.name;
    EXPECT_NE(checked[0].error.find("nowhere: cannot list its refs"), std::string::npos)
        << checked[0].error;
    EXPECT_NE(checked[1].error.find("'svn' is not read by kaiyuan"), std::string::npos);
    EXPECT_NE(checked[2].error.find("'fossil' names no upstream"), std::string::npos);
    EXPECT_EQ(checked[3].error, "no upstream description");
}

TEST(UpstreamCheck, LetterReleasesAndTheOrdersThatDisagree) {
    PackagedSource openssl;
    openssl.name = "openssl";
    openssl.version = "1.0.2";
    openssl.upstream = UpstreamDescription{};
    openssl.upstream->kind = UpstreamKind::github;
    openssl.upstream->src_repo = "openssl/openssl";
    openssl.upstream->tag_prefix = "^OpenSSL_";
    openssl.upstream->separator = "_";
    openssl.upstream->recorded_tags = {{"2015-01-22", "OpenSSL_1_0_2"},
                                       {"2015-07-09", "OpenSSL_1_0_2d"}};
    auto c = judge(openssl, {"OpenSSL_1_0_2", "OpenSSL_1_0_2d", "OpenSSL_1_0_2-beta1"});
    EXPECT_EQ(c.standing, Standing::behind);
    EXPECT_EQ(c.newest.version, "1.0.2d") << "rpm: the letter release is the newer";
    EXPECT_EQ(c.newest_by_generic_order, "1.0.2") << "a libversion-style order reads it as older";
    ASSERT_TRUE(c.days_behind);
    EXPECT_EQ(*c.days_behind, 168);
    EXPECT_EQ(c.releases, 2u) << "1.0.2-beta1 is a pre-release";
}

TEST(UpgradeFixes, DistTagsAsOpenEulerNamesThem) {
    // As openEuler's advisories name fixed versions (../shared/data/osv/openeuler).
    EXPECT_EQ(openeuler_dist("20.03-LTS-SP3"), ".oe1");
    EXPECT_EQ(openeuler_dist("20.03-LTS-SP4"), ".oe2003sp4");
    EXPECT_EQ(openeuler_dist("22.03-LTS-SP3"), ".oe2203sp3");
    EXPECT_EQ(openeuler_dist("24.03-LTS"), ".oe2403");
    EXPECT_EQ(openeuler_dist("24.03-LTS-SP1"), ".oe2403sp1");
    EXPECT_EQ(openeuler_dist(""), "");
    EXPECT_EQ(openeuler_dist("22.03-whatever"), "");
}

TEST(UpstreamCheck, DaysBetween) {
    EXPECT_EQ(days_between("2017-01-15", "2024-01-22"), 2563);
    EXPECT_EQ(days_between("2024-02-28", "2024-03-01"), 2);
    EXPECT_FALSE(days_between("2024-02-30", "2024-03-01"));
    EXPECT_FALSE(days_between("", "2024-03-01"));
    EXPECT_FALSE(days_between("2024-3-1", "2024-03-01"));
}

// openEuler-SA-2023-1006 (a real CVRF advisory): curl 7.71.1-20 fixes CVE-2022-43552 on
// openEuler 20.03 LTS SP3.
TEST(UpgradeFixes, CurlAdvisoryFixedByTheUpgradeOrOnlyByARelease) {
    std::string cvrf =
        std::string(KAIYUAN_SHARED_DATA) + "/osv/openeuler/cvrf/cvrf-openEuler-SA-2023-1006.xml";
    if (!std::filesystem::exists(cvrf)) GTEST_SKIP() << "../shared/data is absent: " << cvrf;
    test::TempDir dir;
    auto db = vuln::Database::open(dir.path + "/advisories.db", true);
    ASSERT_TRUE(db) << db.error().message;
    auto imported = vuln::import_paths(*db, {cvrf}, util::null_progress());
    ASSERT_TRUE(imported) << imported.error().message;
    vuln::KeyMatcher matcher(*db, nullptr);
    std::vector<model::Diagnostic> diagnostics;
    ASSERT_EQ(openeuler_dist("20.03-LTS-SP3"), ".oe1");
    auto upgrade = advisories_and_fixes(matcher, "curl", "7.71.1-19.oe1", "7.87.0", "20.03-LTS-SP3",
                                        diagnostics);
    ASSERT_TRUE(upgrade) << upgrade.error().message;
    ASSERT_EQ(upgrade->size(), 1u);
    EXPECT_EQ((*upgrade)[0].fixed_by, FixedBy::upgrade);
    EXPECT_EQ((*upgrade)[0].fixed, (std::vector<std::string>{"7.71.1-20.oe1"}));
    bool cve = false;
    for (const auto& a : (*upgrade)[0].aliases)
        cve = cve || a == "CVE-2022-43552";
    EXPECT_TRUE(cve || (*upgrade)[0].id == "CVE-2022-43552") << (*upgrade)[0].id;

    auto same = advisories_and_fixes(matcher, "curl", "7.71.1-19.oe1", "7.71.1", "20.03-LTS-SP3",
                                     diagnostics);
    ASSERT_TRUE(same && same->size() == 1u);
    EXPECT_EQ((*same)[0].fixed_by, FixedBy::release) << "the fix is the distribution's backport";

    auto fixed = advisories_and_fixes(matcher, "curl", "7.71.1-20.oe1", "7.87.0", "20.03-LTS-SP3",
                                      diagnostics);
    ASSERT_TRUE(fixed);
    EXPECT_TRUE(fixed->empty()) << "7.71.1-20.oe1 has the fix";

    auto other =
        advisories_and_fixes(matcher, "curl", "7.71.1-19", "7.87.0", "22.03-LTS", diagnostics);
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->empty()) << "the advisory names 20.03 LTS SP3 only";
}

} // namespace
