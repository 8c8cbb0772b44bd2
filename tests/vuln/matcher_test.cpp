// Matching an SBOM against a database made in the test: language packages, distribution
// packages by release and source package, VEX, and every report format's shape.
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/matcher.hpp"
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/severity.hpp"
#include "kaiyuan/vuln/vex.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>

using namespace kaiyuan;
using namespace kaiyuan::vuln;
using K = RangeEvent::Kind;

namespace {

Advisory make(std::string id, std::string eco, std::string name, std::string fixed,
              std::string vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") {
    Advisory a;
    a.id = std::move(id);
    a.modified = "2024-01-01T00:00:00Z";
    a.aliases = {"CVE-" + a.id};
    a.summary = "summary of " + a.id;
    if (!vector.empty()) a.severity.push_back({"CVSS_V3", vector});
    Affected af;
    af.ecosystem = std::move(eco);
    af.name = std::move(name);
    af.ranges.push_back({"ECOSYSTEM", {}, {{K::introduced, "0"}, {K::fixed, std::move(fixed)}}});
    a.affected.push_back(af);
    return a;
}

model::Component component(std::string purl, std::string name, std::string version,
                           std::string source = {}) {
    model::Component c;
    c.purl = std::move(purl);
    c.name = std::move(name);
    c.version = std::move(version);
    c.source_name = std::move(source);
    c.id = "ref-" + c.name;
    c.locations.push_back({"lock/file", {}, 3});
    return c;
}

class MatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        path = std::filesystem::temp_directory_path() /
               ("kaiyuan-match-" + std::to_string(::getpid()) + ".db");
        std::filesystem::remove(path);
        auto d = Database::open(path.string(), true);
        ASSERT_TRUE(d);
        db.emplace(std::move(*d));
        ASSERT_TRUE(db->import(
            {make("PY-1", "PyPI", "Django", "4.2.1"), make("PY-2", "PyPI", "django", "3.0"),
             make("DEB-12", "Debian:12", "openssl", "3.0.15-1~deb12u1"),
             make("DEB-11", "Debian:11", "openssl", "9.9"),
             make("OE-1", "openEuler:24.03-LTS-SP1", "vim", "9.0.2092-18.oe2403sp1", ""),
             make("OE-2", "openEuler:22.03-LTS", "vim", "9.9-1.oe2203"),
             make("ALMA-1", "AlmaLinux:9", "libtiff-devel", "4.4.0-8.el9_2")},
            {}));
        sbom.metadata.target = "test";
        sbom.components = {
            component("pkg:pypi/django@4.2", "Django", "4.2"),
            component("pkg:pypi/requests@2.0", "requests", "2.0"),
            component("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12", "libssl3",
                      "3.0.11-1~deb12u2", "openssl"),
            component("pkg:rpm/openeuler/vim-enhanced@9.0.2092-17.oe2403sp1?distro=openeuler-24.03",
                      "vim-enhanced", "9.0.2092-17.oe2403sp1", "vim"),
            component("pkg:generic/thing@1", "thing", "1"),
        };
        sbom.metadata.distro = {"openeuler", "24.03", "openEuler", "openEuler 24.03 (LTS-SP1)",
                                "",          ""};
    }
    void TearDown() override {
        db.reset();
        std::filesystem::remove(path);
    }
    std::filesystem::path path;
    std::optional<Database> db;
    model::Sbom sbom;
};

std::vector<std::string> ids(const MatchResult& r, const model::Sbom& s) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
        out.push_back(s.components[f.component].name + ":" + f.advisory->id);
    return out;
}

} // namespace

TEST_F(MatcherTest, language_and_distribution_packages) {
    auto r = match(sbom, *db);
    ASSERT_TRUE(r) << r.error().message;
    // Django 4.2 < 4.2.1 (PY-1) but not < 3.0 (PY-2); the Debian 12 openssl source package via
    // libssl3, not the Debian 11 record; openEuler vim-enhanced by its source package vim in
    // 24.03-LTS-SP1 (from the os-release name), not the 22.03 record.
    EXPECT_EQ(ids(*r, sbom),
              (std::vector<std::string>{"Django:PY-1", "libssl3:DEB-12", "vim-enhanced:OE-1"}));
    EXPECT_EQ(r->components_checked, 4u);
    EXPECT_EQ(r->components_without_ecosystem, 1u);
    EXPECT_EQ(r->findings[0].fixed, std::vector<std::string>{"4.2.1"});
    EXPECT_EQ(r->findings[1].version, "3.0.11-1~deb12u2");
}

TEST_F(MatcherTest, an_sbom_without_os_release_matches_releases_by_prefix) {
    sbom.metadata.distro = {};
    auto r = match(sbom, *db);
    ASSERT_TRUE(r);
    // distro=openeuler-24.03 in the purl: 24.03-LTS-SP1 applies, 22.03 does not.
    auto found = ids(*r, sbom);
    EXPECT_NE(std::find(found.begin(), found.end(), "vim-enhanced:OE-1"), found.end());
    EXPECT_EQ(std::find(found.begin(), found.end(), "vim-enhanced:OE-2"), found.end());
}

TEST_F(MatcherTest, vex_statements_change_the_status_in_every_report) {
    auto r = match(sbom, *db);
    ASSERT_TRUE(r);
    auto vex = read_vex(R"({"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
        {"vulnerability": {"name": "CVE-PY-1"}, "products": [{"@id": "pkg:pypi/django"}],
         "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
         "impact_statement": "admin disabled"}]})",
                        "v.json");
    ASSERT_TRUE(vex) << vex.error().message;
    EXPECT_EQ(apply_vex(*vex, sbom, *r), 1u);
    EXPECT_EQ(status_of(r->findings[0]), "not_affected");
    Report report{sbom, *r, "db", "2024-01-01T00:00:00Z"};
    auto cdx = nlohmann::json::parse(write_report(report, ReportFormat::cyclonedx_json));
    ASSERT_EQ(cdx["vulnerabilities"].size(), 3u);
    // In advisory id order: DEB-12, OE-1, PY-1.
    const auto& v = cdx["vulnerabilities"][1];
    EXPECT_EQ(v["id"], "OE-1");
    EXPECT_EQ(v["affects"][0]["ref"], "ref-vim-enhanced");
    EXPECT_FALSE(v.contains("ratings")); // no vector, no stated severity
    const auto& py = cdx["vulnerabilities"][2];
    EXPECT_EQ(py["analysis"]["state"], "not_affected");
    EXPECT_EQ(py["analysis"]["justification"], "code_not_reachable");
    EXPECT_EQ(py["ratings"][0]["score"], 9.8);
    EXPECT_EQ(py["ratings"][0]["method"], "CVSSv31");
    auto sarif = nlohmann::json::parse(write_report(report, ReportFormat::sarif));
    EXPECT_EQ(sarif["runs"][0]["results"].size(), 2u); // the not_affected one is left out
    EXPECT_EQ(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        3);
    auto openvex = nlohmann::json::parse(write_report(report, ReportFormat::openvex));
    bool carried = false;
    for (const auto& s : openvex["statements"])
        if (s["status"] == "not_affected") {
            carried = s["justification"] == "vulnerable_code_not_in_execute_path" &&
                      s["impact_statement"] == "admin disabled";
        } else {
            EXPECT_TRUE(s.contains("action_statement"));
        }
    EXPECT_TRUE(carried);
    auto json = nlohmann::json::parse(write_report(report, ReportFormat::json));
    EXPECT_EQ(json["summary"]["findings"], 3);
    EXPECT_EQ(json["findings"][0]["status"], "not_affected"); // in component order
}

// A database without advisories for an ecosystem (or a distribution release) cannot say that
// its packages are safe: they are unchecked, counted apart and named in every report.
TEST_F(MatcherTest, components_of_ecosystems_the_database_lacks_are_unchecked) {
    sbom.components.push_back(component("pkg:npm/left-pad@1.0.0", "left-pad", "1.0.0"));
    sbom.components.push_back(component("pkg:npm/%40babel/cli@7.0.0", "@babel/cli", "7.0.0"));
    sbom.components.push_back(
        component("pkg:deb/debian/bash@5.2.15-2?distro=debian-13", "bash", "5.2.15-2"));
    auto r = match(sbom, *db);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->components_checked, 4u); // django, requests, libssl3, vim-enhanced
    EXPECT_EQ(r->components_unchecked, 3u);
    EXPECT_EQ(r->unchecked_ecosystems,
              (std::map<std::string, std::uint64_t>{{"Debian:13", 1}, {"npm", 2}}));
    Report report{sbom, *r, "db", "2024-01-01T00:00:00Z"};
    auto json = nlohmann::json::parse(write_report(report, ReportFormat::json));
    EXPECT_EQ(json["summary"]["componentsUnchecked"], 3);
    EXPECT_EQ(json["summary"]["ecosystemsNotCovered"]["npm"], 2);
    auto sarif = nlohmann::json::parse(write_report(report, ReportFormat::sarif));
    EXPECT_EQ(sarif["runs"][0]["properties"]["componentsUnchecked"], 3);
    EXPECT_EQ(sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"].size(), 2u);
    auto cdx = nlohmann::json::parse(write_report(report, ReportFormat::cyclonedx_json));
    bool named = false;
    for (const auto& p : cdx["metadata"]["properties"])
        if (p["name"] == "kaiyuan:vuln:ecosystem-not-covered" &&
            p["value"] == "Debian:13 (1 components)")
            named = true;
    EXPECT_TRUE(named);
    auto table = write_report(report, ReportFormat::table);
    EXPECT_NE(table.find("3 components NOT checked"), std::string::npos) << table;
    // Once the release has advisories, its packages are checked.
    Advisory deb13 = make("DEB-13", "Debian:13", "zlib", "1.3");
    ASSERT_TRUE(db->import({deb13}, {}));
    r = match(sbom, *db);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->components_unchecked, 2u);
    // A database imported before coverage was recorded gets it on open.
    db.reset();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.string().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "DELETE FROM coverage", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    auto reopened = Database::open(path.string(), false);
    ASSERT_TRUE(reopened);
    auto covered = reopened->covered_ecosystems();
    ASSERT_TRUE(covered);
    EXPECT_NE(std::find(covered->begin(), covered->end(), "Debian:13"), covered->end());
    db.emplace(std::move(*reopened));
}

// An advisory that states no severity (Go's vulndb) takes that of a record it aliases.
TEST_F(MatcherTest, severity_from_an_aliased_record) {
    Advisory go = make("GO-2024-1", "Go", "example.com/m", "1.2.0", "");
    go.aliases = {"GHSA-aaaa-bbbb-cccc"};
    Advisory ghsa = make("GHSA-aaaa-bbbb-cccc", "Go", "example.com/m", "1.2.0",
                         "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
    ghsa.aliases = {"GO-2024-1"};
    ASSERT_TRUE(db->import({go, ghsa}, {}));
    sbom.components = {component("pkg:golang/example.com/m@v1.1.0", "example.com/m", "v1.1.0")};
    auto r = match(sbom, *db);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->findings.size(), 2u);
    EXPECT_EQ(r->findings[1].advisory->id, "GO-2024-1");
    EXPECT_EQ(severity_of(*r->findings[1].advisory), "high");
    EXPECT_EQ(r->findings[1].advisory->severity_from, "GHSA-aaaa-bbbb-cccc");
}

// A Python module that a deb installed is matched through the deb (whose advisories know the
// distribution's backports), unless asked to match it as a PyPI package too.
TEST_F(MatcherTest, language_packages_owned_by_an_os_package_are_matched_through_it) {
    sbom.components[0].properties[model::k_owned_by_property] = "pkg:deb/debian/python3-django";
    auto r = match(sbom, *db);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->components_owned_by_os, 1u);
    auto found = ids(*r, sbom);
    EXPECT_EQ(std::find(found.begin(), found.end(), "Django:PY-1"), found.end());
    r = match(sbom, *db, MatchOptions{nullptr, true});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->components_owned_by_os, 0u);
    found = ids(*r, sbom);
    EXPECT_NE(std::find(found.begin(), found.end(), "Django:PY-1"), found.end());
}

TEST(Vex, cyclonedx_vex_and_malformed_documents) {
    auto cdx = read_vex(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
        "components": [{"bom-ref": "c1", "purl": "pkg:npm/a@1.0.0", "name": "a"}],
        "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "resolved"},
                             "affects": [{"ref": "urn:cdx:abc/1#c1"}]},
                            {"id": "CVE-2", "affects": [{"ref": "c1"}]}]})",
                        "c.json");
    ASSERT_TRUE(cdx) << cdx.error().message;
    ASSERT_EQ(cdx->size(), 1u); // the entry without analysis states nothing
    EXPECT_EQ(cdx->at(0).status, "fixed");
    EXPECT_EQ(cdx->at(0).products, std::vector<std::string>{"pkg:npm/a@1.0.0"});
    EXPECT_FALSE(read_vex("{}", "x.json"));
    EXPECT_FALSE(read_vex("not json", "x.json"));
    auto bad = read_vex(R"({"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
        {"vulnerability": {"name": "X"}, "status": "maybe"}]})",
                        "v.json");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("maybe"), std::string::npos);
}

// Go's vulndb records carry the zero time before publication: no report states it as a date.
TEST_F(MatcherTest, zero_times_are_not_dates_in_reports) {
    Advisory go = make("GO-2024-0001", "PyPI", "requests", "3.0");
    go.modified = "0001-01-01T00:00:00Z";
    go.published = "0001-01-01T00:00:00Z";
    ASSERT_TRUE(db->import({go}, {}));
    auto r = match(sbom, *db);
    ASSERT_TRUE(r);
    Report report{sbom, *r, "db", "2024-01-01T00:00:00Z"};
    auto cdx = write_report(report, ReportFormat::cyclonedx_json);
    EXPECT_EQ(cdx.find("0001-01-01"), std::string::npos);
    auto json = write_report(report, ReportFormat::json);
    EXPECT_EQ(json.find("0001-01-01"), std::string::npos);
    EXPECT_FALSE(is_known_time("0001-01-01T00:00:00Z"));
    EXPECT_TRUE(is_known_time("2024-05-01T10:00:00Z"));
}
