#include "kaiyuan/model/purl.hpp"

#include <gtest/gtest.h>

using kaiyuan::model::Purl;

// Cases from the purl specification's examples and test-suite-data.json.
TEST(Purl, canonical_rpm_with_epoch_and_distro) {
    Purl p{"rpm",
           "openeuler",
           "openssl",
           "3.0.12-5.oe2403",
           {{"arch", "x86_64"}, {"epoch", "1"}, {"distro", "openeuler-24.03"}},
           ""};
    EXPECT_EQ(
        p.to_string(),
        "pkg:rpm/openeuler/openssl@3.0.12-5.oe2403?arch=x86_64&distro=openeuler-24.03&epoch=1");
}

TEST(Purl, deb_epoch_stays_in_version_and_plus_is_encoded) {
    Purl p{"deb", "debian", "zlib1g", "1:1.2.13.dfsg-1", {{"arch", "amd64"}}, ""};
    EXPECT_EQ(p.to_string(), "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64");
    Purl q{"deb", "debian", "libc6", "2.36-9+deb12u4", {}, ""};
    EXPECT_EQ(q.to_string(), "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4");
}

TEST(Purl, npm_scope_is_encoded_and_parses_back) {
    Purl p{"npm", "@angular", "core", "16.0.0", {}, ""};
    EXPECT_EQ(p.to_string(), "pkg:npm/%40angular/core@16.0.0");
    auto back = Purl::parse(p.to_string());
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, p);
}

TEST(Purl, parse_round_trips_qualifiers_and_subpath) {
    auto p = Purl::parse(
        "pkg:maven/org.apache.commons/io@1.3.4?classifier=sources&repository_url=repo.invalid#a/b");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->type, "maven");
    EXPECT_EQ(p->namespace_, "org.apache.commons");
    EXPECT_EQ(p->qualifiers.at("classifier"), "sources");
    EXPECT_EQ(p->subpath, "a/b");
    EXPECT_EQ(Purl::parse(p->to_string()).value(), *p);
}

TEST(Purl, malformed_inputs_fail_with_reason) {
    EXPECT_FALSE(Purl::parse("npm/foo@1"));
    EXPECT_FALSE(Purl::parse("pkg:foo"));
    EXPECT_FALSE(Purl::parse("pkg:/name"));
    EXPECT_FALSE(Purl::parse("pkg:npm/"));
}
