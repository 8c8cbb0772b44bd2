#include "kaiyuan/format/format.hpp"
#include "kaiyuan/format/validate.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;

TEST(Format, names_and_did_you_mean) {
    EXPECT_EQ(format::parse_format("cyclonedx-json").value(), format::Format::cyclonedx_json);
    auto bad = format::parse_format("cyclonedx-jsn");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("did you mean 'cyclonedx-json'"), std::string::npos);
}

TEST(Format, malformed_documents_fail_with_the_reason) {
    const char* cases[] = {
        "",
        "{\"bomFormat\": \"CycloneDX\", \"components\": [",
        "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{\"type\": "
        "\"library\"}]}",
        "{\"spdxVersion\": \"SPDX-3.0\"}",
        "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"SPDXRef-x\"}]}",
        "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component",
        "SPDXVersion: SPDX-2.3\nPackageName: x\nPackageComment: <text>never closed\n",
        "SPDXVersion: SPDX-2.3\nthis line has no colon\n",
        "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}",
        "{\"something\": \"else\"}",
        "just text",
    };
    for (const char* c : cases) {
        auto r = format::read(c, "in.json");
        EXPECT_FALSE(r) << c;
        if (!r) {
            EXPECT_EQ(r.error().message.rfind("in.json: ", 0), 0u) << r.error().message;
        }
    }
}

TEST(Format, validate_reports_bad_purls_and_licenses) {
    const char* doc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "name": "a", "purl": "not-a-purl"},
        {"type": "library", "name": "b", "licenses": [{"expression": "GPLv2+ AND MIT"}]}]})";
    auto report = format::validate(doc);
    EXPECT_EQ(report.format, "cyclonedx-json");
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(report.components, 2u);
}

// A real CycloneDX document from another tool: trivy 0.74 (CycloneDX 1.7) on the make-fixtures
// rpm root (21 packages, Rocky 9.3).
TEST(Format, reads_trivy_cyclonedx) {
    auto text = util::read_file(std::string(KAIYUAN_TEST_DATA) +
                                "/format/testdata/trivy-0.74-rootfs-rpm.cdx.json");
    ASSERT_TRUE(text);
    auto sbom = format::read(*text, "trivy.cdx.json");
    ASSERT_TRUE(sbom) << sbom.error().message;
    EXPECT_EQ(sbom->components.size(), 21u);
    EXPECT_EQ(sbom->metadata.distro.id, "rocky");
    EXPECT_EQ(sbom->metadata.distro.version_id, "9.3");
    bool uniform = false;
    for (const auto& c : sbom->components) {
        EXPECT_EQ(c.package_type, "rpm");
        EXPECT_TRUE(c.purl.starts_with("pkg:rpm/rocky/")) << c.purl;
        if (c.name == "fx-november") {
            EXPECT_EQ(c.license_declared, "MIT OR Apache-2.0");
        }
        uniform |= c.name == "fx-uniform";
    }
    EXPECT_TRUE(uniform);
}
