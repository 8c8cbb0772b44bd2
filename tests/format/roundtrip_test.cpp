#include "kaiyuan/format/format.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;

namespace {

model::Sbom sample() {
    model::Sbom s;
    s.metadata.name = "rootfs";
    s.metadata.target = "rootfs";
    s.metadata.target_kind = "directory";
    s.metadata.created = "2026-11-21T00:00:00Z";
    s.metadata.tool_version = "0.1.0";
    s.metadata.distro = {"openeuler", "24.03", "openEuler", "openEuler 24.03 (LTS)", "", ""};
    model::Component a;
    a.package_type = "rpm";
    a.name = "openssl";
    a.version = "3.0.12-5.oe2403";
    a.arch = "x86_64";
    a.purl = "pkg:rpm/openeuler/openssl@3.0.12-5.oe2403?arch=x86_64&distro=openeuler-24.03&epoch=1";
    a.source_name = "openssl";
    a.source_version = "3.0.12-5.oe2403";
    a.supplier = "openEuler <security@openeuler.org>";
    a.description = "Utilities from the general purpose cryptography library";
    a.homepage = "https://www.openssl.org/";
    a.license_declared = "OpenSSL AND Apache-2.0";
    a.license_concluded = "Apache-2.0";
    a.hashes = {{"SHA256", std::string(64, 'a')}};
    a.locations = {{"var/lib/rpm/rpmdb.sqlite", "sha256:layer", 0}};
    a.properties["kaiyuan:rpm:epoch"] = "1";
    model::Component b;
    b.package_type = "rpm";
    b.name = "glibc";
    b.version = "2.38-29.oe2403";
    b.purl = "pkg:rpm/openeuler/glibc@2.38-29.oe2403?arch=x86_64&distro=openeuler-24.03";
    b.license_declared = "LGPL-2.1-or-later AND LicenseRef-Fedora-Public-Domain";
    b.supplier = "openEuler";
    model::Component c;
    c.package_type = "deb";
    c.name = "mulan";
    c.version = "1:2.0-1";
    c.purl = "pkg:deb/debian/mulan@1:2.0-1";
    c.license_declared = "MulanPSL-2.0";
    c.license_concluded = "MulanPSL-2.0 OR MIT";
    s.components = {a, b, c};
    s.normalize();
    s.relationships = {
        {s.components[2].id, s.components[0].id, model::RelationshipType::depends_on},
        {s.components[2].id, s.components[1].id, model::RelationshipType::depends_on}};
    s.normalize();
    return s;
}

} // namespace

class RoundTrip : public ::testing::TestWithParam<format::Format> {};

TEST_P(RoundTrip, keeps_components_purls_versions_licenses_hashes_suppliers_and_relationships) {
    model::Sbom in = sample();
    std::string text = format::write(in, GetParam());
    auto out = format::read(text, "test");
    ASSERT_TRUE(out) << out.error().message << "\n" << text.substr(0, 2000);
    ASSERT_EQ(out->components.size(), in.components.size());
    for (std::size_t i = 0; i < in.components.size(); ++i) {
        const auto& x = in.components[i];
        const auto& y = out->components[i];
        EXPECT_EQ(y.id, x.id);
        EXPECT_EQ(y.name, x.name);
        EXPECT_EQ(y.version, x.version);
        EXPECT_EQ(y.purl, x.purl);
        EXPECT_EQ(y.license_declared, x.license_declared) << x.name;
        EXPECT_EQ(y.license_concluded, x.license_concluded) << x.name;
        EXPECT_EQ(y.hashes, x.hashes);
        EXPECT_EQ(y.supplier, x.supplier);
        EXPECT_EQ(y.arch, x.arch);
        EXPECT_EQ(y.source_name, x.source_name);
        EXPECT_EQ(y.locations, x.locations);
        EXPECT_EQ(y.properties.count("kaiyuan:rpm:epoch"), x.properties.count("kaiyuan:rpm:epoch"));
    }
    EXPECT_EQ(out->relationships, in.relationships);
    EXPECT_EQ(out->metadata.distro.id, "openeuler");
    EXPECT_EQ(out->metadata.distro.version_id, "24.03");
    // Writing what was read gives the same document: nothing drifts on a second pass.
    out->metadata.target_kind = in.metadata.target_kind;
    EXPECT_EQ(format::write(*out, GetParam()), text);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTrip,
                         ::testing::Values(format::Format::json, format::Format::spdx_json,
                                           format::Format::spdx_tv, format::Format::spdx3_json,
                                           format::Format::cyclonedx_json,
                                           format::Format::cyclonedx_xml),
                         [](const auto& param_info) {
                             std::string n(format::name_of(param_info.param));
                             for (auto& ch : n)
                                 if (ch == '-') ch = '_';
                             return n;
                         });
