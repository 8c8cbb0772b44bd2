// vers ranges (purl-spec VERSION-RANGE-SPEC) with each scheme's own order.
#include "kaiyuan/version/vers.hpp"

#include <gtest/gtest.h>

namespace kaiyuan::version {
namespace {

bool in(const std::string& range, const std::string& v) {
    auto r = VersRange::parse(range);
    EXPECT_TRUE(r) << range << ": " << r.error().message;
    if (!r) return false;
    auto c = r->contains(v);
    EXPECT_TRUE(c) << range << " ? " << v << ": " << c.error().message;
    return c && *c;
}

TEST(Vers, SpecExamples) {
    // From the specification's examples.
    EXPECT_TRUE(in("vers:npm/1.2.3", "1.2.3"));
    EXPECT_FALSE(in("vers:npm/1.2.3", "1.2.4"));
    EXPECT_TRUE(in("vers:npm/>=1.0.0|<2.0.0", "1.9.9"));
    EXPECT_FALSE(in("vers:npm/>=1.0.0|<2.0.0", "2.0.0"));
    EXPECT_TRUE(in("vers:pypi/0.0.0|0.0.1|0.0.2|0.0.3|1.0|2.0pre1", "2.0pre1"));
    EXPECT_TRUE(in("vers:tomee/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7", "7.0.7"));
    EXPECT_FALSE(in("vers:tomee/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7", "2.0"));
    EXPECT_TRUE(in("vers:gem/>=2.2.0|!=2.2.1|<2.3.0", "2.2.2"));
    EXPECT_FALSE(in("vers:gem/>=2.2.0|!=2.2.1|<2.3.0", "2.2.1"));
    EXPECT_TRUE(in("vers:deb/*", "anything"));
    // Unbounded ends, constraints in any order, spaces ignored.
    EXPECT_TRUE(in("vers:npm/<1.0.0", "0.9.0"));
    EXPECT_TRUE(in("vers:npm/ >3.0.0 ", "4.0.0"));
    EXPECT_TRUE(in("vers:npm/<2.0.0|>=1.0.0", "1.5.0"));
}

TEST(Vers, EachSchemesOrder) {
    // Maven: 2.0-beta9 < 2.0 (a qualifier sorts before the release).
    EXPECT_TRUE(in("vers:maven/>=2.0-beta9|<2.15.0", "2.0-beta9"));
    EXPECT_TRUE(in("vers:maven/>=2.0-beta9|<2.15.0", "2.14.1"));
    EXPECT_FALSE(in("vers:maven/>=2.0-beta9|<2.15.0", "2.15.0"));
    // Debian: ~ sorts before the release; epochs count.
    EXPECT_TRUE(in("vers:deb/<2.36-9", "2.36~rc1-1"));
    EXPECT_FALSE(in("vers:deb/<2.36-9", "1:2.0-1"));
    // RPM and PEP 440.
    EXPECT_TRUE(in("vers:rpm/>=1.1.1k-1|<1.1.1k-7", "1.1.1k-6.el8"));
    EXPECT_TRUE(in("vers:pypi/<2.0", "2.0rc1"));
    EXPECT_FALSE(in("vers:pypi/<2.0", "2.0.post1"));
}

TEST(Vers, RefusesWhatIsNotARange) {
    for (const char* bad : {"", "npm/1.0", "vers:", "vers:npm", "vers:npm/", "vers:npm/>=",
                            "vers:npm/1.0||2.0", "vers:npm/*|1.0", "vers:npm/>=not.a.version"}) {
        auto r = VersRange::parse(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_FALSE(r.error().message.empty());
        }
    }
}

} // namespace
} // namespace kaiyuan::version
