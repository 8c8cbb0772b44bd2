// Merging SBOMs of one product from several tools: the same package under purls that differ
// only in qualifiers one tool leaves out is one component; every distribution is kept.
#include "kaiyuan/model/merge.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;

namespace {
model::Component package(std::string name, std::string purl, std::string found_by) {
    model::Component c;
    c.package_type = "rpm";
    c.name = std::move(name);
    c.version = "5.1-6";
    c.purl = std::move(purl);
    c.locations.push_back({found_by, {}, 0});
    model::assign_id(c);
    return c;
}
} // namespace

TEST(Merge, same_package_rule) {
    EXPECT_TRUE(model::same_package("pkg:rpm/rocky/bash@5.1-6?arch=x86_64&distro=rocky-9.3",
                                    "pkg:rpm/rocky/bash@5.1-6?arch=x86_64&distro=rocky-9.3&"
                                    "upstream=bash-5.1-6.src.rpm"));
    EXPECT_FALSE(model::same_package("pkg:rpm/rocky/bash@5.1-6?arch=x86_64",
                                     "pkg:rpm/rocky/bash@5.1-6?arch=aarch64"));
    EXPECT_FALSE(model::same_package("pkg:rpm/rocky/bash@5.1-6", "pkg:rpm/rocky/bash@5.1-7"));
    EXPECT_TRUE(model::same_package("pkg:npm/%40Babel/Cli@7.0.0", "pkg:npm/%40babel/cli@7.0.0"));
    EXPECT_FALSE(model::same_package("pkg:maven/G/A@1", "pkg:maven/g/a@1")); // case matters
    EXPECT_FALSE(model::same_package("not a purl", "not a purl"));
}

TEST(Merge, one_component_per_package_and_every_distribution_kept) {
    model::Sbom trivy, kaiyuan, other;
    trivy.metadata.distro = {"rocky", "9.3", "", "", "", ""};
    trivy.metadata.creators = {"Tool: trivy-0.74.0"};
    kaiyuan.metadata.distro = {"rocky", "9.3", "Rocky Linux", "Rocky Linux 9.3", "", ""};
    other.metadata.distro = {"debian", "12", "Debian GNU/Linux", "Debian 12", "", ""};
    auto t = package("bash", "pkg:rpm/rocky/bash@5.1-6?arch=x86_64&distro=rocky-9.3", "trivy");
    auto lib = package("glibc", "pkg:rpm/rocky/glibc@2.34-1?arch=x86_64&distro=rocky-9.3", "t");
    trivy.components = {t, lib};
    trivy.relationships = {{t.id, lib.id, model::RelationshipType::depends_on}};
    auto k = package("bash",
                     "pkg:rpm/rocky/bash@5.1-6?arch=x86_64&distro=rocky-9.3&upstream=bash-5.1-"
                     "6.src.rpm",
                     "var/lib/rpm/rpmdb.sqlite");
    kaiyuan.components = {k};
    auto arm = package("bash", "pkg:rpm/rocky/bash@5.1-6?arch=aarch64&distro=rocky-9.3", "x");
    other.components = {arm};
    auto all = model::merge({trivy, kaiyuan, other});
    std::size_t bashes = 0, os = 0;
    for (const auto& c : all.components) {
        if (c.name == "bash" && c.purl.find("x86_64") != std::string::npos) {
            ++bashes;
            EXPECT_EQ(c.id, k.id); // the purl with the most qualifiers stands
            EXPECT_EQ(c.locations.size(), 2u);
        }
        if (c.type == model::ComponentType::operating_system) {
            ++os;
            EXPECT_EQ(c.name, "debian");
        }
    }
    EXPECT_EQ(bashes, 1u);
    EXPECT_EQ(os, 1u); // rocky 9.3 is the merged SBOM's distribution; debian 12 a component
    EXPECT_EQ(all.components.size(), 4u); // bash x86_64, glibc, bash aarch64, debian
    ASSERT_EQ(all.relationships.size(), 1u);
    EXPECT_EQ(all.relationships[0].from, k.id); // the edge follows the kept id
    EXPECT_EQ(all.metadata.creators, std::vector<std::string>{"Tool: trivy-0.74.0"});
}
