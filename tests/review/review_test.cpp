// The review library: pairing packages into added/removed/changed, placement (direct, path),
// licenses introduced, the policy reader (dependency-review-action's keys and kaiyuan's) and
// its verdicts, built on SBOMs made in the test.
#include "kaiyuan/review/diff.hpp"
#include "kaiyuan/review/policy.hpp"
#include "kaiyuan/review/report.hpp"
#include "kaiyuan/review/review.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kaiyuan/util/strings.hpp"

using namespace kaiyuan;
using namespace kaiyuan::review;

namespace {

model::Component npm(const std::string& name, const std::string& version,
                     const std::string& license = "MIT") {
    model::Component c;
    c.package_type = "npm";
    c.name = name;
    c.version = version;
    c.purl = "pkg:npm/" + name + "@" + version;
    c.license_declared = license;
    c.locations.push_back({"package-lock.json", "", 10});
    model::assign_id(c);
    return c;
}

/// app -> each of `direct`; `edges` as (from index, to index) among the packages.
model::Sbom sbom(std::vector<model::Component> packages,
                 const std::vector<std::pair<std::size_t, std::size_t>>& edges = {},
                 const std::vector<std::size_t>& direct = {}) {
    model::Sbom s;
    model::Component app;
    app.type = model::ComponentType::application;
    app.name = "app";
    app.version = "1.0.0";
    app.purl = "pkg:npm/app@1.0.0";
    model::assign_id(app);
    s.components.push_back(app);
    for (auto& p : packages)
        s.components.push_back(p);
    for (std::size_t d : direct) {
        s.components[d + 1].properties["kaiyuan:direct"] = "true";
        s.relationships.push_back({app.id, s.components[d + 1].id});
    }
    for (auto [a, b] : edges)
        s.relationships.push_back({s.components[a + 1].id, s.components[b + 1].id});
    return s;
}

TEST(Diff, AddedRemovedChanged) {
    auto base = sbom({npm("a", "1.0.0"), npm("b", "2.0.0"), npm("gone", "1.0.0")}, {}, {0, 1, 2});
    auto head = sbom({npm("a", "1.1.0"), npm("b", "1.9.0"), npm("new", "3.0.0"),
                      npm("deep", "1.0.0", "GPL-3.0-only")},
                     {{2, 3}}, {0, 1, 2});
    auto d = diff_sboms(base, head);
    ASSERT_EQ(d.added.size(), 2u);
    EXPECT_EQ(d.added[0].name, "deep");
    EXPECT_FALSE(d.added[0].direct);
    EXPECT_EQ(d.added[0].path, (std::vector<std::string>{"app@1.0.0", "new@3.0.0"}));
    EXPECT_EQ(d.added[1].name, "new");
    EXPECT_TRUE(d.added[1].direct);
    ASSERT_EQ(d.removed.size(), 1u);
    EXPECT_EQ(d.removed[0].name, "gone");
    ASSERT_EQ(d.changed.size(), 2u);
    EXPECT_EQ(d.changed[0].kinds, (std::vector<std::string>{"upgraded"}));
    EXPECT_EQ(d.changed[1].kinds, (std::vector<std::string>{"downgraded"}));
    ASSERT_EQ(d.licenses_introduced.size(), 1u);
    EXPECT_EQ(d.licenses_introduced[0].license, "GPL-3.0-only");
    EXPECT_TRUE(d.licenses_dropped.empty());
}

TEST(Diff, OrderAndProjectDoNotMatter) {
    auto base = sbom({npm("a", "1.0.0"), npm("b", "2.0.0")}, {{0, 1}}, {0});
    auto head = sbom({npm("b", "2.0.0"), npm("a", "1.0.0")}, {{1, 0}}, {1});
    head.components[0].version = "1.0.1"; // the project's own version is not a dependency
    auto d = diff_sboms(base, head);
    EXPECT_TRUE(d.added.empty());
    EXPECT_TRUE(d.removed.empty());
    EXPECT_TRUE(d.changed.empty());
    EXPECT_EQ(d.unchanged, 2u);
}

TEST(Diff, SameVersionOtherSourceOrDigest) {
    auto a = npm("a", "1.0.0"), b = npm("a", "1.0.0");
    a.properties["kaiyuan:npm:resolved"] = "https://registry.example/a-1.0.0.tgz";
    b.properties["kaiyuan:npm:resolved"] = "https://mirror.example/a-1.0.0.tgz";
    a.hashes.push_back({"SHA512", "aa"});
    b.hashes.push_back({"SHA512", "bb"});
    auto d = diff_sboms(sbom({a}, {}, {0}), sbom({b}, {}, {0}));
    ASSERT_EQ(d.changed.size(), 1u);
    EXPECT_EQ(d.changed[0].kinds, (std::vector<std::string>{"source-changed", "hash-changed"}));
}

TEST(Diff, SeveralVersionsOfOnePackage) {
    // 1.0.0 stays, 2.0.0 becomes 2.1.0, 3.0.0 is new.
    auto d =
        diff_sboms(sbom({npm("x", "1.0.0"), npm("x", "2.0.0")}, {}, {0, 1}),
                   sbom({npm("x", "1.0.0"), npm("x", "2.1.0"), npm("x", "3.0.0")}, {}, {0, 1, 2}));
    ASSERT_EQ(d.changed.size(), 1u);
    EXPECT_EQ(d.changed[0].before.version, "2.0.0");
    EXPECT_EQ(d.changed[0].after.version, "2.1.0");
    ASSERT_EQ(d.added.size(), 1u);
    EXPECT_EQ(d.added[0].version, "3.0.0");
    EXPECT_EQ(d.unchanged, 1u);
}

TEST(Diff, DevScopeAndFlatSboms) {
    auto dev = npm("jest", "29.0.0");
    dev.properties["kaiyuan:scope"] = "dev";
    model::Sbom flat;
    flat.components.push_back(dev);
    auto d = diff_sboms(model::Sbom{}, flat);
    ASSERT_EQ(d.added.size(), 1u);
    EXPECT_EQ(d.added[0].scope, "development");
    EXPECT_TRUE(d.added[0].direct); // no edges: every component is direct
}

TEST(Policy, ReadsDependencyReviewActionConfig) {
    auto p = read_review_policy(R"(fail-on-severity: moderate
fail-on-scopes: runtime, development
allow-licenses: [MIT, Apache-2.0, permissive, "GPL-2.0-only WITH Classpath-exception-2.0"]
allow-ghsas: GHSA-aaaa-bbbb-cccc, GHSA-dddd-eeee-ffff
deny-packages: ["pkg:npm/lodash@vers:npm/<4.17.21", "pkg:maven/org.example/bad@1.0"]
deny-groups: ["pkg:maven/com.evil", "pkg:npm/@evil"]
allow-dependencies-licenses: [pkg:npm/%40acme/internal]
comment-summary-in-pr: on-failure
retry-on-snapshot-warnings: true
new-packages:
  require-license: direct
)",
                                "p.yml");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->fail_on_severity, 2);
    EXPECT_EQ(p->fail_on_scopes, (std::set<std::string>{"runtime", "development"}));
    EXPECT_TRUE(p->licenses.allow.count("Apache-2.0"));
    EXPECT_TRUE(p->licenses.allow.count("Classpath-exception-2.0"));
    EXPECT_EQ(p->licenses.allow_categories.size(), 1u);
    EXPECT_EQ(p->allowed_advisories.size(), 2u);
    EXPECT_EQ(p->ignored_keys.size(), 2u);
    EXPECT_EQ(p->require_license, "direct");
    EXPECT_EQ(denied_by(*p, "pkg:npm/lodash@4.17.20", "4.17.20"),
              "pkg:npm/lodash@vers:npm/<4.17.21");
    EXPECT_EQ(denied_by(*p, "pkg:npm/lodash@4.17.21", "4.17.21"), "");
    EXPECT_NE(denied_by(*p, "pkg:maven/org.example/bad@1.0", "1.0"), "");
    EXPECT_EQ(denied_by(*p, "pkg:maven/org.example/bad@1.1", "1.1"), "");
    EXPECT_EQ(denied_by(*p, "pkg:maven/com.evil/x@1", "1"), "pkg:maven/com.evil");
    EXPECT_EQ(denied_by(*p, "pkg:maven/com.evil.not/x@1", "1"), "");
    EXPECT_EQ(denied_by(*p, "pkg:npm/%40evil/pkg@1.0.0", "1.0.0"), "pkg:npm/@evil");
    EXPECT_TRUE(is_license_exempt(*p, "pkg:npm/%40acme/internal@2.0.0"));
}

TEST(Policy, ErrorsNameFileAndLine) {
    auto expect_error = [](const std::string& text, const std::string& needle) {
        auto p = read_review_policy(text, "policy.yml");
        ASSERT_FALSE(p) << text;
        EXPECT_NE(p.error().message.find(needle), std::string::npos) << p.error().message;
    };
    expect_error("fail-on-severity: severe\n", "policy.yml:1: fail-on-severity");
    expect_error("warn-only: false\nfail-on-scopes: [runtime, prod]\n", "policy.yml:2: 'prod'");
    expect_error("deny-licenses: [MIT, NotALicense]\n", "NotALicense");
    expect_error("deny-packages: [lodash]\n", "not a purl");
    expect_error("deny-packages: [\"pkg:npm/x@vers:npm/>>1\"]\n", "pkg:npm/x@vers:npm/>>1");
    expect_error("deny-groups: [pkg:npm]\n", "not a purl type and namespace");
    expect_error("license-check: maybe\n", "true or false");
    expect_error("allow-advisories:\n  - reason: x\n", "needs its id");
    expect_error("allow-advisories:\n  - id: X\n    expires: 2026-13-01\n", "policy.yml:3:");
    expect_error("new-packages:\n  require-license: some\n", "none, direct or all");
    expect_error("[1, 2]\n", "mapping");
    expect_error("fail-on-severity: [high\n", "policy.yml");
}

class Judged : public ::testing::Test {
protected:
    model::Sbom base = sbom({npm("a", "1.0.0")}, {}, {0});
    model::Sbom head = sbom({npm("a", "1.0.0"), npm("agpl", "1.0.0", "AGPL-3.0-only"),
                             npm("none", "1.0.0", ""), npm("lodash", "4.17.20")},
                            {{1, 2}}, {0, 1, 3});
    ReviewResult run(const std::string& policy_text) {
        auto p = read_review_policy(policy_text, "p.yml");
        EXPECT_TRUE(p) << p.error().message;
        auto r = run_review({base, head, nullptr, &*p, "2026-12-03"});
        EXPECT_TRUE(r);
        return *r;
    }
    static std::vector<std::string> rules(const ReviewResult& r) {
        std::vector<std::string> out;
        for (const auto& v : r.violations)
            out.push_back(v.rule + (v.error ? "" : "?") + ":" +
                          (v.component ? v.component->name : ""));
        return out;
    }
};

TEST_F(Judged, LicensesAndPackages) {
    EXPECT_EQ(rules(run("deny-licenses: [network-copyleft]\n")),
              (std::vector<std::string>{"license:agpl", "unknown-license?:none"}));
    EXPECT_EQ(rules(run("allow-licenses: [MIT]\nnew-packages: {require-license: all}\n")),
              (std::vector<std::string>{"license:agpl", "unknown-license:none"}));
    // "none" is transitive: require-license: direct does not apply, and with no license rule
    // a missing license is no news.
    EXPECT_TRUE(rules(run("new-packages: {require-license: direct}\n")).empty());
    EXPECT_EQ(rules(run("new-packages: {require-license: all}\n")),
              (std::vector<std::string>{"unknown-license:none"}));
    EXPECT_EQ(rules(run("license-check: false\ndeny-packages: [pkg:npm/lodash]\n")),
              (std::vector<std::string>{"denied-package:lodash"}));
    EXPECT_EQ(rules(run("warn-only: true\ndeny-packages: [pkg:npm/lodash]\nlicense-check: no\n")),
              (std::vector<std::string>{"denied-package?:lodash"}));
    EXPECT_FALSE(run("warn-only: true\ndeny-packages: [pkg:npm/lodash]\n").failed());
    EXPECT_TRUE(run("deny-packages: [pkg:npm/lodash]\n").failed());
}

TEST_F(Judged, Reports) {
    auto r = run("deny-licenses: [AGPL-3.0-only]\n");
    ReviewReport report{base, head, r, true, 100};
    auto json = nlohmann::json::parse(write_review(report, ReviewFormat::json));
    EXPECT_EQ(json["summary"]["added"], 3);
    EXPECT_EQ(json["summary"]["result"], "fail");
    EXPECT_EQ(json["licenses"]["introduced"][0]["license"], "AGPL-3.0-only");
    EXPECT_EQ(json["violations"][0]["location"], "package-lock.json:10");
    auto md = write_review(report, ReviewFormat::markdown);
    EXPECT_EQ(md.rfind("### kaiyuan review: fail: 1 violation", 0), 0u) << md;
    auto gh = write_review(report, ReviewFormat::github);
    EXPECT_NE(gh.find("::error file=package-lock.json,line=10,"), std::string::npos) << gh;
    auto sarif = nlohmann::json::parse(write_review(report, ReviewFormat::sarif));
    EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "kaiyuan/review/license");
    auto table = write_review(report, ReviewFormat::table);
    for (const auto& line : kaiyuan::util::split(table, '\n'))
        EXPECT_LE(line.size(), 110u) << line; // fits (UTF-8 arrows count as one column)
    EXPECT_FALSE(parse_review_format("html"));
}

} // namespace
