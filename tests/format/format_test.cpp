#include "kaiyuan/format/format.hpp"
#include "kaiyuan/format/validate.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

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
        ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{\"type\": "
         "\"library\"}]}"),
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

namespace {

/// `jq -S`: the same document with every object's keys in sorted order, re-indented.
std::string sorted_keys(const std::string& json) {
    return nlohmann::json::parse(json).dump(2); // nlohmann::json (not ordered) sorts keys
}

model::Sbom grouped_sample() {
    model::Sbom s;
    s.metadata.name = "app";
    s.metadata.created = "2026-12-01T00:00:00Z";
    auto add = [&](std::string type, std::string name, std::string version, std::string purl) {
        model::Component c;
        c.package_type = std::move(type);
        c.name = std::move(name);
        c.version = std::move(version);
        c.purl = std::move(purl);
        model::assign_id(c);
        s.components.push_back(c);
        return s.components.back().id;
    };
    auto app = add("npm", "app", "1.0.0", "pkg:npm/app@1.0.0");
    auto cli = add("npm", "@babel/cli", "7.23.0", "pkg:npm/%40babel/cli@7.23.0");
    auto api =
        add("maven", "apiguardian-api", "1.1.2", "pkg:maven/org.apiguardian/apiguardian-api@1.1.2");
    auto con = add("composer", "symfony/console", "6.4.0", "pkg:composer/symfony/console@6.4.0");
    add("golang", "github.com/spf13/cobra", "v1.8.0", "pkg:golang/github.com/spf13/cobra@v1.8.0");
    s.relationships = {{app, cli, model::RelationshipType::depends_on},
                       {cli, api, model::RelationshipType::depends_on},
                       {api, con, model::RelationshipType::depends_on},
                       {con, api, model::RelationshipType::depends_on}};
    s.normalize();
    return s;
}

} // namespace

// Detection reads what a document says wherever it says it: kaiyuan's own JSON, CycloneDX and
// SPDX with sorted keys (specVersion after a large components array) are what they were.
TEST(Format, detection_does_not_depend_on_key_order) {
    model::Sbom s = grouped_sample();
    // Enough components that the format's key falls far beyond the first 64 KiB once sorted.
    for (int i = 0; i < 800; ++i) {
        model::Component c;
        c.package_type = "npm";
        c.name = "pkg-" + std::to_string(i);
        c.version = "1.0.0";
        c.purl = "pkg:npm/pkg-" + std::to_string(i) + "@1.0.0";
        c.description = std::string(80, 'x');
        model::assign_id(c);
        s.components.push_back(c);
    }
    s.normalize();
    for (auto f : {format::Format::json, format::Format::cyclonedx_json, format::Format::spdx_json,
                   format::Format::spdx3_json}) {
        std::string sorted = sorted_keys(format::write(s, f));
        auto detected = format::detect(sorted);
        ASSERT_TRUE(detected) << format::name_of(f) << ": " << detected.error().message;
        EXPECT_EQ(*detected, f);
        auto back = format::read(sorted, "sorted.json");
        ASSERT_TRUE(back) << back.error().message;
        EXPECT_EQ(back->components.size(), s.components.size()) << format::name_of(f);
        auto report = format::validate(sorted);
        EXPECT_TRUE(report.problems.empty())
            << format::name_of(f) << ": " << (report.problems.empty() ? "" : report.problems[0]);
    }
}

TEST(Format, json_that_is_no_sbom_says_what_was_expected) {
    for (const char* text : {"{}", "[]", "{\"name\": \"x\"}", "{\"bomFormat\": \"SPDX\"}"}) {
        auto d = format::detect(text);
        ASSERT_FALSE(d) << text;
        EXPECT_TRUE(d.error().message.find("expected") != std::string::npos ||
                    d.error().message.find("bomFormat") != std::string::npos)
            << d.error().message;
    }
}

// CycloneDX versions 1.2 to 1.7 are read and accepted by validate; others are named.
TEST(Format, cyclonedx_spec_versions) {
    for (const char* v : {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}) {
        std::string doc = std::string("{\"components\": [{\"type\": \"library\", \"name\": "
                                      "\"a\", \"version\": \"1.0.0\"}], \"specVersion\": \"") +
                          v + "\", \"bomFormat\": \"CycloneDX\"}";
        auto report = format::validate(doc);
        EXPECT_TRUE(report.problems.empty()) << v << ": " << report.problems.front();
        EXPECT_EQ(report.version, v);
    }
#ifdef KAIYUAN_TEST_CYCLONEDX_SCHEMAS
    // Each version against its own schema: 1.2 and 1.3 require a component's version, 1.4 on
    // do not.
    for (const char* v : {"1.2", "1.3", "1.4", "1.6"}) {
        std::string doc = std::string(R"({"bomFormat": "CycloneDX", "specVersion": ")") + v +
                          R"(", "version": 1, "components": [{"type": "library", "name": "a"}]})";
        auto report = format::validate(doc);
        EXPECT_TRUE(report.schema_checked);
        bool needs_version = std::string(v) < "1.4";
        EXPECT_EQ(report.problems.size(), needs_version ? 1u : 0u) << v;
        if (needs_version && !report.problems.empty()) {
            EXPECT_EQ(report.problems[0],
                      std::string("schema ") + v + ": $.components[0]: 'version' is required");
        }
    }
    auto bad = format::validate(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
        "serialNumber": "urn:uuid:XYZ", "metadata": {"timestamp": "yesterday"},
        "components": [{"type": "librar", "name": "a", "scope": "sometimes"}]})");
    std::string all;
    for (const auto& p : bad.problems)
        all += p + "\n";
    EXPECT_NE(all.find("$.serialNumber: 'urn:uuid:XYZ' does not match"), std::string::npos) << all;
    EXPECT_NE(all.find("$.metadata.timestamp: 'yesterday' is not an RFC 3339 date-time"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("$.components[0].type: \"librar\" is not one of the allowed values"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("$.components[0].scope"), std::string::npos) << all;
#endif
    auto old = format::validate(R"({"bomFormat": "CycloneDX", "specVersion": "1.1"})");
    ASSERT_EQ(old.problems.size(), 1u);
    EXPECT_NE(old.problems[0].find("1.1"), std::string::npos);
}

// CycloneDX group as cyclonedx-maven-plugin, cyclonedx-node-npm and cyclonedx-php-composer write
// it, from the purl, and read back into the names those ecosystems use.
TEST(Format, cyclonedx_group_written_and_read) {
    model::Sbom s = grouped_sample();
    auto cdx = nlohmann::json::parse(format::write(s, format::Format::cyclonedx_json));
    std::map<std::string, std::pair<std::string, std::string>> by_purl;
    for (const auto& c : cdx["components"])
        by_purl[c["purl"]] = {c.value("group", ""), c["name"]};
    EXPECT_EQ(by_purl["pkg:npm/%40babel/cli@7.23.0"],
              (std::pair<std::string, std::string>{"@babel", "cli"}));
    EXPECT_EQ(by_purl["pkg:maven/org.apiguardian/apiguardian-api@1.1.2"],
              (std::pair<std::string, std::string>{"org.apiguardian", "apiguardian-api"}));
    EXPECT_EQ(by_purl["pkg:composer/symfony/console@6.4.0"],
              (std::pair<std::string, std::string>{"symfony", "console"}));
    EXPECT_EQ(by_purl["pkg:golang/github.com/spf13/cobra@v1.8.0"],
              (std::pair<std::string, std::string>{"", "github.com/spf13/cobra"}));
    for (auto f : {format::Format::cyclonedx_json, format::Format::cyclonedx_xml}) {
        auto back = format::read(format::write(s, f), "g");
        ASSERT_TRUE(back) << back.error().message;
        std::set<std::string> names;
        for (const auto& c : back->components)
            names.insert(c.name);
        EXPECT_TRUE(names.count("@babel/cli")) << format::name_of(f);
        EXPECT_TRUE(names.count("symfony/console"));
        EXPECT_TRUE(names.count("apiguardian-api"));
    }
    // cdxgen's shape: group and name, no purl.
    auto cdxgen = format::read(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "library", "group": "@babel", "name": "cli", "version": "7.23.0",
         "properties": [{"name": "kaiyuan:package-type", "value": "npm"}]},
        {"type": "library", "group": "org.example", "name": "thing", "version": "1"}]})",
                               "cdxgen.json");
    ASSERT_TRUE(cdxgen) << cdxgen.error().message;
    std::set<std::string> names;
    for (const auto& c : cdxgen->components)
        names.insert(c.name);
    EXPECT_TRUE(names.count("@babel/cli"));
    EXPECT_TRUE(names.count("thing"));
    auto again = nlohmann::json::parse(format::write(*cdxgen, format::Format::cyclonedx_json));
    std::set<std::string> groups;
    for (const auto& c : again["components"])
        groups.insert(c.value("group", ""));
    EXPECT_TRUE(groups.count("@babel"));
    EXPECT_TRUE(groups.count("org.example"));
}

// The root depends on what the target brings in itself, not on every component; cycles stay
// reachable.
TEST(Format, cyclonedx_root_depends_on_direct_dependencies_only) {
    model::Sbom s = grouped_sample();
    auto cdx = nlohmann::json::parse(format::write(s, format::Format::cyclonedx_json));
    const auto& root = cdx["dependencies"][0];
    ASSERT_EQ(root["ref"], "kaiyuan-root");
    std::set<std::string> names;
    for (const auto& ref : root["dependsOn"])
        for (const auto& c : cdx["components"])
            if (c["bom-ref"] == ref) names.insert(c["name"]);
    // app (the project) and cobra depend on nothing above them; @babel/cli, the maven and
    // composer packages are reached through app.
    EXPECT_EQ(names, (std::set<std::string>{"app", "github.com/spf13/cobra"}));
    // A cycle nothing else reaches keeps one member under the root.
    model::Sbom cyc = s;
    cyc.relationships = {{s.components[0].id, s.components[1].id},
                         {s.components[1].id, s.components[0].id}};
    auto top = cyc.top_level();
    EXPECT_EQ(top.size(), s.components.size() - 1);
}

// What schemas cannot check, each problem named with its JSON path; valid documents pass.
TEST(Format, validate_names_each_problem_with_its_path) {
    auto problems = [](const std::string& doc) { return format::validate(doc).problems; };
    auto has = [](const std::vector<std::string>& v, const std::string& needle) {
        for (const auto& p : v)
            if (p.find(needle) != std::string::npos) return true;
        return false;
    };
    auto cdx = problems(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
        "metadata": {"component": {"bom-ref": "root", "name": "app", "type": "application"}},
        "components": [
          {"type": "library", "bom-ref": "a", "name": "a", "purl": "pkg:npm/a@1.0.0",
           "hashes": [{"alg": "SHA-256", "content": "abc"}, {"alg": "SHA-1", "content": "zz"}]},
          {"type": "library", "bom-ref": "a", "name": "a2", "purl": "pkg:npm/a@1.0.0"},
          {"type": "library", "bom-ref": "b", "name": "b", "purl": "npm/b"}],
        "dependencies": [{"ref": "root", "dependsOn": ["a", "ghost"]}, {"ref": "nobody"}]})");
    EXPECT_TRUE(has(cdx, "$.components[1].bom-ref: duplicate bom-ref 'a'")) << cdx.size();
    EXPECT_TRUE(has(cdx, "$.components[1]: duplicate component: purl 'pkg:npm/a@1.0.0'"));
    EXPECT_TRUE(has(cdx, "$.components[2].purl: purl 'npm/b'"));
    EXPECT_TRUE(has(cdx, "$.components[0].hashes[0]: SHA-256 value has 3 hex digits, not 64"));
    EXPECT_TRUE(has(cdx, "$.components[0].hashes[1]: SHA-1 value is not hexadecimal"));
    EXPECT_TRUE(has(cdx, "$.dependencies[0].dependsOn[1]: 'ghost' is no bom-ref"));
    EXPECT_TRUE(has(cdx, "$.dependencies[1].ref: 'nobody' is no bom-ref"));

    auto spdx = problems(R"({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
        "name": "x", "packages": [
          {"name": "a", "SPDXID": "SPDXRef-a", "licenseConcluded": "LicenseRef-mine",
           "checksums": [{"algorithm": "SHA256", "checksumValue": "00"}]},
          {"name": "b"}],
        "relationships": [
          {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
           "relatedSpdxElement": "SPDXRef-a"},
          {"spdxElementId": "SPDXRef-a", "relationshipType": "USES",
           "relatedSpdxElement": "SPDXRef-gone"}]})");
    EXPECT_TRUE(has(spdx, "$.packages[1]: no SPDXID"));
    EXPECT_TRUE(has(spdx, "$.packages[0].licenseConcluded: LicenseRef-mine is not defined"));
    EXPECT_TRUE(has(spdx, "$.packages[0].checksums[0]: SHA256 value has 2 hex digits"));
    EXPECT_TRUE(has(spdx, "$.relationships[1].relationshipType: 'USES' is no SPDX 2.3 type"));
    EXPECT_TRUE(has(spdx, "$.relationships[1].relatedSpdxElement: 'SPDXRef-gone'"));

    auto spdx3 = problems(R"({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
        "@graph": [{"type": "software_Package", "name": "p", "spdxId": "urn:x#p",
                    "software_packageUrl": "pkg:"},
                   {"type": "software_Package", "name": "q"},
                   {"type": "Relationship", "spdxId": "urn:x#r", "from": "urn:x#p",
                    "relationshipType": "needs", "to": ["urn:x#missing"]}]})");
    EXPECT_TRUE(has(spdx3, "$.@graph[1]: software_Package without spdxId"));
    EXPECT_TRUE(has(spdx3, "$.@graph[2].relationshipType: 'needs' is no SPDX 3.0 type"));
    EXPECT_TRUE(has(spdx3, "$.@graph[2].to[0]: 'urn:x#missing' is no element"));
    EXPECT_TRUE(has(spdx3, "$.@graph[0].software_packageUrl"));

    // Every format kaiyuan writes passes, with another tool's documents.
    model::Sbom s = grouped_sample();
    for (auto f :
         {format::Format::cyclonedx_json, format::Format::spdx_json, format::Format::spdx3_json,
          format::Format::cyclonedx_xml, format::Format::spdx_tv, format::Format::json}) {
        auto report = format::validate(format::write(s, f));
        EXPECT_TRUE(report.problems.empty())
            << format::name_of(f) << ": " << (report.problems.empty() ? "" : report.problems[0]);
    }
    for (const char* name : {"trivy-0.74-rootfs-rpm.cdx.json", "cdxgen-12.8-axios.cdx.json",
                             "cdxgen-12.8-axios.spdx3.json"}) {
        auto text = util::read_file(std::string(KAIYUAN_TEST_DATA) + "/format/testdata/" + name);
        ASSERT_TRUE(text);
        auto report = format::validate(*text);
        EXPECT_TRUE(report.problems.empty())
            << name << ": " << (report.problems.empty() ? "" : report.problems[0]);
    }
}

// CycloneDX 1.6 holds either licenses or one expression: a compound concluded license (scan
// --licenses) takes licenses[] as an expression, the declared one travels as a property.
TEST(Format, cyclonedx_compound_concluded_license_is_the_expression) {
    model::Sbom s = grouped_sample();
    s.components[0].license_declared = "MIT";
    s.components[0].license_concluded = "MIT AND BSD-3-Clause";
    auto cdx = nlohmann::json::parse(format::write(s, format::Format::cyclonedx_json));
    const auto& c = cdx["components"][0];
    ASSERT_EQ(c["licenses"].size(), 1u);
    EXPECT_EQ(c["licenses"][0]["expression"], "MIT AND BSD-3-Clause");
    EXPECT_EQ(c["licenses"][0]["acknowledgement"], "concluded");
    auto back = format::read(cdx.dump(), "x.json");
    ASSERT_TRUE(back);
    for (const auto& comp : back->components)
        if (comp.id == s.components[0].id) {
            EXPECT_EQ(comp.license_declared, "MIT");
            EXPECT_EQ(comp.license_concluded, "MIT AND BSD-3-Clause");
        }
}

// Every CycloneDX version kaiyuan reads, in the shapes each version's schema gives: tools as an
// array (1.2 to 1.4) or an object (1.5+), licenses without acknowledgement, XML namespaces.
TEST(Format, reads_cyclonedx_1_2_to_1_7) {
    for (const char* v : {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}) {
        bool old_tools = std::string(v) < "1.5";
        std::string tools =
            old_tools
                ? R"([{"vendor": "CycloneDX", "name": "cyclonedx-npm", "version": "1.0.0"}])"
                : R"({"components": [{"type": "application", "name": "cyclonedx-npm", "version": "1.0.0"}]})";
        std::string doc = std::string(R"({"bomFormat": "CycloneDX", "specVersion": ")") + v +
                          R"(", "version": 1, "metadata": {"tools": )" + tools + R"(},
            "components": [
              {"type": "library", "bom-ref": "a", "group": "@scope", "name": "a", "version": "1.0.0",
               "purl": "pkg:npm/%40scope/a@1.0.0", "licenses": [{"license": {"id": "MIT"}}]},
              {"type": "library", "bom-ref": "b", "name": "b", "version": "2.0.0",
               "purl": "pkg:npm/b@2.0.0", "hashes": [{"alg": "SHA-256",
               "content": "0000000000000000000000000000000000000000000000000000000000000000"}]}],
            "dependencies": [{"ref": "a", "dependsOn": ["b"]}, {"ref": "b", "dependsOn": []}]})";
        auto sbom = format::read(doc, std::string("cdx-") + v + ".json");
        ASSERT_TRUE(sbom) << v << ": " << sbom.error().message;
        ASSERT_EQ(sbom->components.size(), 2u) << v;
        EXPECT_EQ(sbom->relationships.size(), 1u) << v;
        EXPECT_EQ(sbom->metadata.creators, std::vector<std::string>{"Tool: cyclonedx-npm-1.0.0"})
            << v;
        EXPECT_EQ(sbom->components[0].name, "@scope/a") << v;
        EXPECT_EQ(sbom->components[0].license_declared, "MIT") << v;
        EXPECT_TRUE(format::validate(doc).problems.empty()) << v;
        // The same in XML, in that version's namespace.
        std::string xml =
            std::string(R"(<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/)") +
            v +
            R"(" version="1"><components><component type="library" bom-ref="a">)"
            R"(<name>a</name><version>1</version><purl>pkg:npm/a@1</purl></component>)"
            R"(</components></bom>)";
        auto x = format::read(xml, "x.xml");
        ASSERT_TRUE(x) << v << ": " << x.error().message;
        EXPECT_EQ(x->components.size(), 1u);
        EXPECT_EQ(format::validate(xml).version, v);
    }
}

// Evidence is pasted into CycloneDX as JSON only when it is a JSON object: a document that says
// anything else there cannot break the output.
TEST(Format, evidence_that_is_not_json_travels_as_text) {
    model::Sbom s = grouped_sample();
    s.components[0].evidence = "}]} not json";
    s.components[1].evidence = R"({"identity":[{"field":"purl","confidence":1}]})";
    std::string out = format::write(s, format::Format::cyclonedx_json);
    auto cdx = nlohmann::json::parse(out); // throws when invalid
    bool as_property = false;
    for (const auto& c : cdx["components"]) {
        if (c.contains("evidence")) {
            EXPECT_EQ(c["evidence"]["identity"][0]["field"], "purl");
        }
        for (const auto& p : c.value("properties", nlohmann::json::array()))
            as_property |=
                p["name"] == "kaiyuan:cyclonedx:evidence" && p["value"] == "}]} not json";
    }
    EXPECT_TRUE(as_property);
}

// SPDX files and snippets (REUSE's `reuse spdx` writes only files) are not in kaiyuan's SBOM
// model: reading says so, and a file's tags never land on the package before it.
TEST(Format, spdx_files_and_snippets_are_named_not_dropped_silently) {
    const char* tv = "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
                     "DocumentName: main\nDocumentNamespace: http://example.invalid/x\n"
                     "Creator: Tool: reuse-1.1.2\nCreated: 2026-12-02T00:00:00Z\n\n"
                     "PackageName: lib\nSPDXID: SPDXRef-lib\nPackageVersion: 1.0\n"
                     "PackageDownloadLocation: NOASSERTION\n\n"
                     "FileName: ./src/a.c\nSPDXID: SPDXRef-file-a\nLicenseConcluded: MIT\n"
                     "FileCopyrightText: NONE\n\n"
                     "FileName: ./src/b.c\nSPDXID: SPDXRef-file-b\nFileCopyrightText: NONE\n";
    auto sbom = format::read(tv, "reuse.spdx");
    ASSERT_TRUE(sbom) << sbom.error().message;
    ASSERT_EQ(sbom->components.size(), 1u);
    EXPECT_EQ(sbom->components[0].ref, "SPDXRef-lib"); // not the last file's SPDXID
    EXPECT_EQ(sbom->metadata.creators, std::vector<std::string>{"Tool: reuse-1.1.2"});
    bool said = false;
    for (const auto& d : sbom->diagnostics)
        said |= d.message.find("2 files and 0 snippets of the document are not carried") == 0;
    EXPECT_TRUE(said);
    auto json = format::read(R"({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
        "name": "x", "packages": [{"name": "p", "SPDXID": "SPDXRef-p"}],
        "files": [{"fileName": "./a", "SPDXID": "SPDXRef-a"}],
        "snippets": [{"SPDXID": "SPDXRef-s", "snippetFromFile": "SPDXRef-a"}]})",
                             "x.spdx.json");
    ASSERT_TRUE(json) << json.error().message;
    said = false;
    for (const auto& d : json->diagnostics)
        said |= d.message.find("1 files and 1 snippets") == 0;
    EXPECT_TRUE(said);
}

TEST(Format, validate_checks_cyclonedx_xml_as_its_json) {
    const char* xml =
        R"(<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
      <components>
        <component type="library" bom-ref="a"><name>a</name><purl>pkg:npm/a@1</purl></component>
        <component type="library" bom-ref="a"><name>b</name><purl>pkg:npm/b@1</purl></component>
      </components>
      <dependencies><dependency ref="a"><dependency ref="ghost"/></dependency></dependencies>
    </bom>)";
    auto report = format::validate(xml);
    std::string all;
    for (const auto& p : report.problems)
        all += p + "\n";
    EXPECT_NE(all.find("$.components[1].bom-ref: duplicate bom-ref 'a'"), std::string::npos) << all;
    EXPECT_NE(all.find("'ghost' is no bom-ref"), std::string::npos) << all;
    // kaiyuan's own XML passes.
    EXPECT_TRUE(format::validate(format::write(grouped_sample(), format::Format::cyclonedx_xml))
                    .problems.empty());
}
