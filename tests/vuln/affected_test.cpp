// OSV's evaluation of affected ranges (https://ossf.github.io/osv-schema/#evaluation).
#include "kaiyuan/vuln/affected.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using namespace kaiyuan::vuln;
using K = RangeEvent::Kind;
using V = Evaluation::Verdict;

namespace {

Affected entry(std::string type, std::vector<RangeEvent> events) {
    Affected a;
    a.ecosystem = "PyPI";
    a.name = "x";
    a.ranges.push_back({std::move(type), {}, std::move(events)});
    return a;
}

V verdict(const Affected& a, std::string_view v, version::Scheme s = version::Scheme::pep440) {
    return evaluate(a, v, s).verdict;
}

} // namespace

TEST(Affected, introduced_fixed_and_several_intervals) {
    // Given out of order on purpose: events are walked in version order.
    Affected a = entry(
        "ECOSYSTEM",
        {{K::fixed, "1.5"}, {K::introduced, "2.0"}, {K::introduced, "1.0"}, {K::fixed, "2.3"}});
    EXPECT_EQ(verdict(a, "0.9"), V::not_affected);
    EXPECT_EQ(verdict(a, "1.0"), V::affected);
    EXPECT_EQ(verdict(a, "1.4.9"), V::affected);
    EXPECT_EQ(verdict(a, "1.5"), V::not_affected);
    EXPECT_EQ(verdict(a, "1.10"), V::not_affected); // 1.10 > 1.5 in PEP 440, not in text order
    EXPECT_EQ(verdict(a, "2.1"), V::affected);
    EXPECT_EQ(verdict(a, "2.3"), V::not_affected);
    EXPECT_EQ(evaluate(a, "2.1", version::Scheme::pep440).fixed,
              (std::vector<std::string>{"1.5", "2.3"}));
}

TEST(Affected, zero_last_affected_limit_and_versions) {
    Affected a = entry("ECOSYSTEM", {{K::introduced, "0"}, {K::last_affected, "3.0"}});
    EXPECT_EQ(verdict(a, "0.0.1"), V::affected);
    EXPECT_EQ(verdict(a, "3.0"), V::affected);
    EXPECT_EQ(verdict(a, "3.0.1"), V::not_affected);
    Affected open = entry("ECOSYSTEM", {{K::introduced, "0"}});
    EXPECT_EQ(verdict(open, "99"), V::affected);
    Affected limited = entry("ECOSYSTEM", {{K::introduced, "1.0"}, {K::limit, "2.0"}});
    EXPECT_EQ(verdict(limited, "1.5"), V::affected);
    EXPECT_EQ(verdict(limited, "2.0"), V::not_affected);
    Affected listed;
    listed.versions = {"1.0", "1.1"};
    EXPECT_EQ(verdict(listed, "1.1"), V::affected);
    EXPECT_EQ(verdict(listed, "1.2"), V::not_affected);
}

TEST(Affected, semver_ranges_git_ranges_and_bad_versions) {
    // SEMVER ranges compare by SemVer whatever the ecosystem; Go versions carry a "v".
    Affected go = entry("SEMVER", {{K::introduced, "0"}, {K::fixed, "0.23.0"}});
    EXPECT_EQ(verdict(go, "v0.22.0", version::Scheme::semver), V::affected);
    EXPECT_EQ(verdict(go, "v0.23.0", version::Scheme::semver), V::not_affected);
    EXPECT_EQ(verdict(go, "v0.0.0-20230101000000-abcdefabcdef", version::Scheme::semver),
              V::affected);
    // GIT ranges need a commit: not evaluated, never a match by themselves.
    Affected git = entry("GIT", {{K::introduced, "abc"}, {K::fixed, "def"}});
    EXPECT_EQ(verdict(git, "1.0"), V::not_affected);
    // A version the scheme refuses: undecided, with the reason.
    Affected a = entry("ECOSYSTEM", {{K::introduced, "1.0"}, {K::fixed, "2.0"}});
    auto e = evaluate(a, "not a version", version::Scheme::pep440);
    EXPECT_EQ(e.verdict, V::unknown);
    EXPECT_NE(e.why.find("PEP 440"), std::string::npos) << e.why;
    // rpm: epochs and dist tags.
    Affected rpm = entry("ECOSYSTEM", {{K::introduced, "0"}, {K::fixed, "1:2.0-3.el9"}});
    EXPECT_EQ(verdict(rpm, "2.5-1.el9", version::Scheme::rpm), V::affected); // epoch 0 < 1
    EXPECT_EQ(verdict(rpm, "1:2.0-3.el9_1", version::Scheme::rpm), V::not_affected);
}
