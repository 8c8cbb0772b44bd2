#include "kaiyuan/catalog/rpm/header.hpp"
#include "kaiyuan/catalog/rpm/package.hpp"
#include "kaiyuan/catalog/rpm/rpm_file.hpp"

#include "header_builder.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using test::HeaderBuilder;

TEST(RpmHeader, parses_the_tags_a_component_needs) {
    auto blob = test::HeaderBuilder()
                    .string(1000, "openssl")
                    .string(1001, "3.0.12")
                    .string(1002, "5.oe2403")
                    .string(1022, "x86_64")
                    .string(1014, "OpenSSL and ASL 2.0")
                    .string(1044, "openssl-3.0.12-5.oe2403.src.rpm")
                    .int32s(1003, {1})
                    .strings(1049, {"rpmlib(PayloadIsZstd)", "libc.so.6", "/bin/sh"})
                    .int32s(1048, {1u << 24, 0, 0})
                    .build();
    auto p = catalog::rpm::parse_header_blob(blob);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->name, "openssl");
    EXPECT_EQ(p->epoch, 1);
    EXPECT_EQ(p->requires_, (std::vector<std::string>{"libc.so.6", "/bin/sh"}));
    model::Distro oe{"openeuler", "24.03", "openEuler", "", "", ""};
    auto c = catalog::rpm::to_component(std::move(*p), oe, {"var/lib/rpm/rpmdb.sqlite", "", 0});
    EXPECT_EQ(c.purl,
              "pkg:rpm/openeuler/openssl@3.0.12-5.oe2403?arch=x86_64&distro=openeuler-24.03&epoch=1"
              "&upstream=openssl-3.0.12-5.oe2403.src.rpm");
    EXPECT_EQ(c.license_declared, "OpenSSL AND Apache-2.0");
    EXPECT_EQ(c.source_name, "openssl");
    EXPECT_EQ(c.source_version, "3.0.12-5.oe2403");
}

TEST(RpmHeader, files_from_dirnames_and_basenames) {
    auto p = catalog::rpm::parse_header_blob(HeaderBuilder::package("bash", "5.2", "1", "GPLv3+"));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->files, (std::vector<std::string>{"/usr/bin/bash", "/usr/share/doc/bash/README"}));
}

TEST(RpmHeader, every_truncation_fails_cleanly) {
    std::string blob = HeaderBuilder::package("bash", "5.2", "1", "GPLv3+");
    for (std::size_t n = 0; n < blob.size(); ++n)
        EXPECT_FALSE(catalog::rpm::parse_header_blob(blob.substr(0, n))) << n;
}

TEST(RpmHeader, inconsistent_entries_are_rejected) {
    // A string entry pointing past the data.
    std::string blob = HeaderBuilder::be(1) + HeaderBuilder::be(4) + HeaderBuilder::be(1000) +
                       HeaderBuilder::be(6) + HeaderBuilder::be(100) + HeaderBuilder::be(1) + "abc";
    EXPECT_FALSE(catalog::rpm::parse_header_blob(blob + '\0'));
    // DIRINDEXES pointing past DIRNAMES.
    auto bad = HeaderBuilder()
                   .string(1000, "x")
                   .strings(1118, {"/a/"})
                   .strings(1117, {"f"})
                   .int32s(1116, {7})
                   .build();
    auto r = catalog::rpm::parse_header_blob(bad);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("DIRINDEXES"), std::string::npos);
    // Unterminated string.
    std::string unterminated = HeaderBuilder::be(1) + HeaderBuilder::be(3) +
                               HeaderBuilder::be(1000) + HeaderBuilder::be(6) +
                               HeaderBuilder::be(0) + HeaderBuilder::be(1) + "abc";
    EXPECT_FALSE(catalog::rpm::parse_header_blob(unterminated));
}

TEST(RpmHeader, purl_namespace_is_the_vendor) {
    EXPECT_EQ(catalog::rpm::rpm_namespace({"rhel", "9.3", "", "", "", ""}), "redhat");
    EXPECT_EQ(catalog::rpm::rpm_namespace({"openeuler", "24.03", "", "", "", ""}), "openeuler");
    EXPECT_EQ(catalog::rpm::rpm_namespace({"rocky", "9.3", "", "", "", ""}), "rocky");
}

TEST(RpmHeader, rpm_file_cut_inside_the_signature_header_fails_cleanly) {
    // Found by the fuzzer: a lead and the signature magic, then fewer than 8 bytes.
    std::string file = std::string("\xED\xAB\xEE\xDB") + std::string(92, '\0') + "\x8E\xAD\xE8\x01";
    for (std::size_t n = 96; n <= file.size() + 3; ++n)
        EXPECT_FALSE(catalog::rpm::parse_rpm_file((file + "xxx").substr(0, n))) << n;
}

TEST(RpmHeader, source_rpm_names) {
    EXPECT_EQ(catalog::rpm::split_source_rpm("bash-5.1.8-6.el9.src.rpm"),
              std::make_pair(std::string("bash"), std::string("5.1.8-6.el9")));
    EXPECT_EQ(catalog::rpm::split_source_rpm("python3-foo-bar-1.0-1.nosrc.rpm").first,
              "python3-foo-bar");
    EXPECT_EQ(catalog::rpm::split_source_rpm("weird").first, "weird");
}
