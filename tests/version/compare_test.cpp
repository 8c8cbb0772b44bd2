// Cases from the schemes' own documentation (rpm's rpmvercmp tests and Debian Policy 5.6.12);
// tests/e2e/version_agrees*.sh check thousands of real pairs against the ecosystems' own tools.
#include "kaiyuan/version/compare.hpp"

#include <gtest/gtest.h>

#include <vector>

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
    EXPECT_EQ(scheme_for("CRAN").value(), Scheme::generic); // no comparator of its own
    EXPECT_EQ(scheme_for("Hex").value(), Scheme::semver);
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

/// Every element of `chain` sorts strictly before the next one, in both directions.
template <class Compare>
void expect_ascending(Compare compare, std::initializer_list<const char*> chain) {
    std::vector<const char*> v(chain);
    for (std::size_t i = 0; i + 1 < v.size(); ++i) {
        EXPECT_EQ(compare(v[i], v[i + 1]), -1) << v[i] << " < " << v[i + 1];
        EXPECT_EQ(compare(v[i + 1], v[i]), 1) << v[i + 1] << " > " << v[i];
    }
}

TEST(Pep440, order_of_the_pep_summary) {
    // PEP 440's own example of ordering within a release, plus epochs and local versions.
    expect_ascending([](auto a, auto b) { return compare_pep440(a, b).value(); },
                     {"1.0.dev456",    "1.0a1",         "1.0a2.dev456", "1.0a12.dev456",
                      "1.0a12",        "1.0b1.dev456",  "1.0b2",        "1.0b2.post345.dev456",
                      "1.0b2.post345", "1.0rc1.dev456", "1.0rc1",       "1.0",
                      "1.0+abc.5",     "1.0+abc.7",     "1.0+5",        "1.0.post456.dev34",
                      "1.0.post456",   "1.0.15",        "1.1.dev1",     "1!0.1"});
    // packaging's normalisations.
    EXPECT_EQ(compare_pep440("1.0ALPHA1", "1.0a1").value(), 0);
    EXPECT_EQ(compare_pep440("1.0-c1", "1.0rc1").value(), 0);
    EXPECT_EQ(compare_pep440("1.0-1", "1.0.post1").value(), 0);
    EXPECT_EQ(compare_pep440("v1.0", "1.0.0.0").value(), 0);
    EXPECT_EQ(compare_pep440("1.0.dev", "1.0.dev0").value(), 0);
    for (const char* bad : {"1.0.", "1.0+", "x", "1.0-", "1.0a1b1", ""})
        EXPECT_FALSE(compare_pep440(bad, "1.0")) << bad;
    EXPECT_EQ(scheme_for("PyPI").value(), Scheme::pep440);
}

TEST(Maven, qualifier_order_of_comparable_version) {
    expect_ascending(compare_maven, {"1-alpha-1", "1-beta", "1-milestone", "1-rc", "1-snapshot",
                                     "1", "1-sp", "1-xyz", "1-1", "1.0.1", "1.1"});
    EXPECT_EQ(compare_maven("1.0", "1"), 0);
    EXPECT_EQ(compare_maven("1-ga", "1.0.0"), 0);
    EXPECT_EQ(compare_maven("1.0.RELEASE", "1"), 0);
    EXPECT_EQ(compare_maven("1.0.0.Beta1", "1.0-b1"), 0); // ".X" reads as "-X"
    EXPECT_EQ(compare_maven("1.0-CR1", "1.0-rc-1"), 0);
    EXPECT_EQ(compare_maven("1.0-0.1", "1"), 1); // MNG-6964
    EXPECT_EQ(compare_maven("1.12345678901234567890", "1.9"), 1);
    EXPECT_EQ(scheme_for("Maven").value(), Scheme::maven);
}

TEST(RubyGems, gem_version_order) {
    expect_ascending([](auto a, auto b) { return compare_rubygems(a, b).value(); },
                     {"1.0.a", "1.0.a1", "1.0.b", "1.0.pre", "1.0.rc1", "1.0", "1.0.0.1", "1.1"});
    EXPECT_EQ(compare_rubygems("1.0-rc1", "1.0.pre.rc1").value(), 0);
    EXPECT_EQ(compare_rubygems("1.0.0", "1").value(), 0);
    EXPECT_EQ(compare_rubygems("", "0").value(), 0);
    EXPECT_EQ(compare_rubygems("1.0.A", "1.0.a").value(), -1); // letters compare case-sensitively
    for (const char* bad : {"1a", "1.0.", "1..0", "1.0-", "x"})
        EXPECT_FALSE(compare_rubygems(bad, "1.0")) << bad;
}

TEST(NuGet, nuget_versioning_order) {
    // From NuGet's package-versioning documentation: pre-release labels compare case-insensitively
    // and numbers before text; a fourth number; metadata ignored; legacy leading zeros.
    expect_ascending([](auto a, auto b) { return compare_nuget(a, b).value(); },
                     {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2",
                      "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0.1", "1.0.1", "1.1"});
    EXPECT_EQ(compare_nuget("1.0.0-BETA", "1.0.0-beta").value(), 0);
    EXPECT_EQ(compare_nuget("1.0", "1.0.0.0+git.abc").value(), 0);
    EXPECT_EQ(compare_nuget("1.01", "1.1").value(), 0);
    for (const char* bad : {"1.0.0.0.0", "a.b", "1.0-", "1.0-a..b", ""})
        EXPECT_FALSE(compare_nuget(bad, "1.0")) << bad;
    EXPECT_EQ(scheme_for("NuGet").value(), Scheme::nuget);
}

TEST(Apk, apk_tools_order) {
    // apk-tools' rules: suffix ranks, revisions, leading zeros after a dot, a letter after digits.
    expect_ascending([](auto a, auto b) { return compare_apk(a, b).value(); },
                     {"1.1_alpha", "1.1_alpha2", "1.1_beta", "1.1_pre1", "1.1_rc1", "1.1", "1.1-r1",
                      "1.1-r10", "1.1_p1", "1.1a", "1.1.1", "1.2"});
    EXPECT_EQ(compare_apk("1.1", "1.1-r0").value(), -1);
    EXPECT_EQ(compare_apk("1.01", "1.1").value(), -1); // leading zeros: a lower number
    // apk-tools' quirk, kept: after a component of zeros a suffix reads as more, not less.
    EXPECT_EQ(compare_apk("1.0_rc1", "1.0").value(), 1);
    EXPECT_EQ(compare_apk("2.36-r9", "2.36-r9").value(), 0);
    for (const char* bad : {"1.0-x1", "1.0_foo", "1.0A", "1-"})
        EXPECT_FALSE(compare_apk(bad, "1.0")) << bad;
    EXPECT_EQ(scheme_for("Alpine:v3.19").value(), Scheme::apk);
}

TEST(Composer, normalisation_then_php_version_compare) {
    expect_ascending([](auto a, auto b) { return compare_composer(a, b).value(); },
                     {"1.0-dev", "1.0-alpha1", "1.0-beta2", "1.0-RC1", "1.0", "1.0-patch1", "1.0.1",
                      "v1.1", "1.x-dev", "2023-01-02"});
    EXPECT_EQ(compare_composer("v1.0", "1.0.0.0").value(), 0);
    EXPECT_EQ(compare_composer("1.0-b2", "1.0-beta2").value(), 0);
    EXPECT_EQ(compare_composer("1.0+build.5", "1.0").value(), 0);
    EXPECT_EQ(compare_composer("dev-main", "dev-main").value(), 0);
    EXPECT_FALSE(compare_composer("dev-main", "1.0")); // a branch is not ordered
    EXPECT_FALSE(compare_composer("not a version", "1.0"));
    EXPECT_EQ(scheme_for("Packagist").value(), Scheme::composer);
}

TEST(Generic, natural_order_for_other_ecosystems) {
    expect_ascending(compare_generic, {"0.9", "1.0rc1", "1.0", "1.0-post1", "1.0.1", "1.2", "1.10",
                                       "2.0.0-beta", "2.0.0"});
    EXPECT_EQ(compare_generic("1.0.0", "1.0.0"), 0);
    EXPECT_EQ(compare_generic("1.0-RC1", "1.0-rc1"), 0);
    EXPECT_EQ(compare_generic("v1.01", "1.1"), 0); // a leading "v" and leading zeros drop
}
