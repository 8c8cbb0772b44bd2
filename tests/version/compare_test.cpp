// Cases from the schemes' own documentation (rpm's rpmvercmp tests and Debian Policy 5.6.12);
// tests/e2e/version_agrees.sh checks thousands of real pairs against rpm and dpkg themselves.
#include "kaiyuan/version/compare.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::version;

TEST(RpmVersion, tilde_caret_epochs_and_segments) {
    EXPECT_EQ(compare_rpm("1.0~rc1", "1.0"), -1);    // '~' sorts before the end
    EXPECT_EQ(compare_rpm("1.0^git1", "1.0"), 1);    // '^' after the end ...
    EXPECT_EQ(compare_rpm("1.0^git1", "1.0.1"), -1); // ... but before anything else
    EXPECT_EQ(compare_rpm("1:1.0-1", "2.0-1"), 1);
    EXPECT_EQ(compare_rpm("1.010", "1.9"), 1);   // numeric segments
    EXPECT_EQ(compare_rpm("1.001", "1.1"), 0);   // leading zeros
    EXPECT_EQ(compare_rpm("1.0a", "1.0.1"), -1); // a digit segment beats a letter one
    EXPECT_EQ(compare_rpm("1.0-1.el9_2", "1.0-1.el9_10"), -1);
    EXPECT_EQ(compare_rpm("2.0", "2_0"), 0);    // separators only separate
    EXPECT_EQ(compare_rpm("1.0", "1.0-1"), -1); // a release makes it newer
}

TEST(DpkgVersion, policy_ordering_and_refused_versions) {
    EXPECT_LT(compare_dpkg("1.0~rc1", "1.0"), 0);
    EXPECT_LT(compare_dpkg("1.0~~", "1.0~"), 0);
    EXPECT_LT(compare_dpkg("1.0", "1.0+b1"), 0);
    EXPECT_LT(compare_dpkg("1.0a", "1.0+"), 0); // letters before other characters
    EXPECT_GT(compare_dpkg("1:0.1", "9.9"), 0);
    EXPECT_EQ(compare_dpkg("1.0", "1.0-0"), 0);
    EXPECT_EQ(compare_dpkg("0:1.0", "1.0"), 0);
    EXPECT_LT(compare_dpkg("2.36-9", "2.36-9+deb12u4"), 0);
    EXPECT_EQ(dpkg_version_error("1.0-"), "revision number is empty");
    EXPECT_EQ(dpkg_version_error("a:1.0"), "epoch in version is not number");
    EXPECT_EQ(dpkg_version_error(""), "version string is empty");
    EXPECT_EQ(dpkg_version_error("1.0-1"), "");
    EXPECT_FALSE(compare_dpkg_checked("1.0-", "1.0"));
}

TEST(VersionScheme, osv_ecosystem_names_with_releases) {
    EXPECT_EQ(scheme_for("Debian:12").value(), Scheme::dpkg);
    EXPECT_EQ(scheme_for("openEuler:24.03-LTS-SP1").value(), Scheme::rpm);
    EXPECT_EQ(scheme_for("AlmaLinux:9").value(), Scheme::rpm);
    EXPECT_FALSE(scheme_for("NoSuchEcosystem"));
}

TEST(SemVer, precedence_of_semver_spec_item_11) {
    // 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11
    // < 1.0.0-rc.1 < 1.0.0 (the specification's own example).
    const char* chain[] = {"1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0"};
    for (std::size_t i = 0; i + 1 < std::size(chain); ++i) {
        EXPECT_EQ(compare_semver(chain[i], chain[i + 1]).value(), -1) << chain[i];
        EXPECT_EQ(compare_semver(chain[i + 1], chain[i]).value(), 1) << chain[i];
    }
    EXPECT_EQ(compare_semver("v1.2.3", "1.2.3+build.7").value(), 0); // Go's v, build ignored
    EXPECT_EQ(compare_semver("v2.0.0+incompatible", "v2.0.0").value(), 0);
    EXPECT_EQ(compare_semver("v0.0.0-20230101000000-abcdef123456", "v0.0.1").value(), -1);
    EXPECT_EQ(compare_semver("1.10.0", "1.9.0").value(), 1);
    for (const char* bad : {"1.0", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0-a..b", "x"})
        EXPECT_FALSE(compare_semver(bad, "1.0.0")) << bad;
    EXPECT_EQ(scheme_for("crates.io").value(), Scheme::semver);
}
