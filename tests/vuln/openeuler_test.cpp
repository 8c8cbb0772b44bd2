// openEuler advisories in CSAF and CVRF form: small documents shaped as openEuler publishes them,
// the real samples of ../shared/data/osv/openeuler (one of them malformed upstream), and broken
// input.
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/importer.hpp"
#include "kaiyuan/vuln/openeuler.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace kaiyuan;
using namespace kaiyuan::vuln;

namespace {

const char* k_csaf = R"({
  "document": {"category": "csaf_security_advisory", "csaf_version": "2.0", "title": "vim update",
    "aggregate_severity": {"text": "Medium"},
    "tracking": {"id": "openEuler-SA-2025-1351", "initial_release_date": "2025-03-29T14:31:53+08:00",
                 "current_release_date": "2025-03-30T00:00:00+08:00"},
    "notes": [{"title": "Description", "text": "Vim is an editor."}]},
  "vulnerabilities": [{"cve": "CVE-2025-29768",
    "product_status": {"fixed": ["openEuler-24.03-LTS:vim-9.0.2092-18.oe2403.src",
                                 "openEuler-24.03-LTS:vim-enhanced-9.0.2092-18.oe2403.x86_64",
                                 "openEuler-24.03-LTS:vim-enhanced-9.0.2092-18.oe2403.aarch64",
                                 "openEuler-22.03-LTS-SP3:vim-9.0-33.oe2203sp3.src"],
                       "known_affected": ["openEuler-20.03-LTS-SP4:vim-9.0-1.oe2003sp4.src"]},
    "scores": [{"cvss_v3": {"vectorString": "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"}}]}]
})";

const char* k_cvrf = R"(<?xml version="1.0" encoding="UTF-8"?>
<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.1">
  <DocumentTitle>An update for golang</DocumentTitle>
  <DocumentTracking><Identification><ID>openEuler-SA-2024-1488</ID></Identification>
    <InitialReleaseDate>2024-04-19</InitialReleaseDate><CurrentReleaseDate>2024-04-20</CurrentReleaseDate>
  </DocumentTracking>
  <DocumentNotes><Note Title="Severity" Type="General">High</Note></DocumentNotes>
  <ProductTree xmlns="http://www.icasi.org/CVRF/schema/prod/1.1">
    <Branch Type="Product Name" Name="openEuler">
      <FullProductName ProductID="openEuler-22.03-LTS" CPE="cpe:/a:openEuler:openEuler:22.03-LTS">openEuler-22.03-LTS</FullProductName>
    </Branch>
    <Branch Type="Package Arch" Name="src">
      <FullProductName ProductID="golang-1.17.3-32" CPE="cpe:/a:openEuler:openEuler:22.03-LTS">golang-1.17.3-32.oe2203.src.rpm</FullProductName>
    </Branch>
    <Branch Type="Package Arch" Name="noarch">
      <FullProductName ProductID="golang-help-1.17.3-32" CPE="cpe:/a:openEuler:openEuler:22.03-LTS">golang-help-1.17.3-32.oe2203.noarch.rpm</FullProductName>
    </Branch>
  </ProductTree>
  <Vulnerability Ordinal="1" xmlns="http://www.icasi.org/CVRF/schema/vuln/1.1">
    <CVE>CVE-2023-45288</CVE>
    <CVSSScoreSets><ScoreSet><BaseScore>7.5</BaseScore><Vector>AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H</Vector></ScoreSet></CVSSScoreSets>
  </Vulnerability>
</cvrfdoc>)";

const Affected* find(const Advisory& a, std::string_view eco, std::string_view name) {
    for (const auto& x : a.affected)
        if (x.ecosystem == eco && x.name == name) return &x;
    return nullptr;
}

} // namespace

TEST(OpenEuler, csaf_products_become_ecosystems_and_packages_fixes) {
    auto a = read_openeuler_csaf(k_csaf);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->id, "openEuler-SA-2025-1351");
    EXPECT_EQ(a->aliases, std::vector<std::string>{"CVE-2025-29768"});
    EXPECT_EQ(a->modified, "2025-03-30T00:00:00+08:00");
    EXPECT_EQ(a->stated_severity, "MEDIUM");
    EXPECT_EQ(a->details, "Vim is an editor.");
    const Affected* vim = find(*a, "openEuler:24.03-LTS", "vim");
    ASSERT_NE(vim, nullptr);
    EXPECT_EQ(vim->ranges.at(0).events.at(1).version, "9.0.2092-18.oe2403");
    // Both arches of a binary package: one affected entry with one fix.
    const Affected* enhanced = find(*a, "openEuler:24.03-LTS", "vim-enhanced");
    ASSERT_NE(enhanced, nullptr);
    EXPECT_EQ(enhanced->ranges.at(0).events.size(), 2u);
    EXPECT_NE(find(*a, "openEuler:22.03-LTS-SP3", "vim"), nullptr);
    // known_affected: every version, no fix.
    const Affected* old = find(*a, "openEuler:20.03-LTS-SP4", "vim");
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->ranges.at(0).events.size(), 1u);
    EXPECT_EQ(a->severity.at(0).score, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N");
}

TEST(OpenEuler, cvrf_product_tree_gives_the_fixes) {
    auto a = read_openeuler_cvrf(k_cvrf);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->id, "openEuler-SA-2024-1488");
    EXPECT_EQ(a->aliases, std::vector<std::string>{"CVE-2023-45288"});
    EXPECT_EQ(a->stated_severity, "HIGH");
    const Affected* go = find(*a, "openEuler:22.03-LTS", "golang");
    ASSERT_NE(go, nullptr);
    EXPECT_EQ(go->ranges.at(0).events.at(1).version, "1.17.3-32.oe2203");
    EXPECT_NE(find(*a, "openEuler:22.03-LTS", "golang-help"), nullptr);
    EXPECT_EQ(a->severity.at(0).score, "AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
}

TEST(OpenEuler, malformed_documents_say_why) {
    EXPECT_FALSE(read_openeuler_csaf("{\"document\": {}}"));
    EXPECT_FALSE(read_openeuler_csaf("{\"document\": {\"tracking\": {\"id\": \"X\"}}, "
                                     "\"vulnerabilities\": []}"));
    auto broken = read_openeuler_csaf(std::string(k_csaf).substr(0, 200));
    ASSERT_FALSE(broken);
    EXPECT_NE(broken.error().message.find("invalid JSON"), std::string::npos);
    auto xml = read_openeuler_cvrf(std::string(k_cvrf).substr(0, 300));
    ASSERT_FALSE(xml);
    EXPECT_NE(xml.error().message.find("invalid XML"), std::string::npos);
    EXPECT_FALSE(read_openeuler_cvrf("<other/>"));
    EXPECT_FALSE(read_advisory_file("x.json", "{\"csaf_version\": \"2.0\"}"));
}

TEST(OpenEuler, dates_fall_back_to_the_revision_history_and_are_required) {
    // Found by the openeuler_csaf fuzz target: with no tracking dates the advisory had no OSV
    // 'modified' time, so it could not be stored and read back.
    auto replaced = [](std::string text, std::string_view from, std::string_view to) {
        util::replace_all(text, from, to);
        return text;
    };
    std::string csaf =
        replaced(replaced(k_csaf, "initial_release_date", "x"), "current_release_date", "y");
    auto none = read_openeuler_csaf(csaf);
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("openEuler-SA-2025-1351: no document.tracking"),
              std::string::npos);
    std::string history = replaced(csaf, "\"y\"", R"("revision_history": [
        {"date": "2025-03-29T14:31:53+08:00"}, {"date": "2025-04-02T09:00:00+08:00"}], "y")");
    auto revised = read_openeuler_csaf(history);
    ASSERT_TRUE(revised) << revised.error().message;
    EXPECT_EQ(revised->modified, "2025-04-02T09:00:00+08:00");

    std::string cvrf =
        replaced(replaced(k_cvrf, "InitialReleaseDate", "X"), "CurrentReleaseDate", "Y");
    auto xml = read_openeuler_cvrf(cvrf);
    ASSERT_FALSE(xml);
    EXPECT_NE(xml.error().message.find("no DocumentTracking"), std::string::npos);
    auto xml_revised = read_openeuler_cvrf(replaced(
        cvrf, "</DocumentTracking>",
        "<RevisionHistory><Revision><Date>2024-04-21</Date></Revision>"
        "<Revision><Date>2024-04-23</Date></Revision></RevisionHistory></DocumentTracking>"));
    ASSERT_TRUE(xml_revised) << xml_revised.error().message;
    EXPECT_EQ(xml_revised->modified, "2024-04-23");
}

TEST(OpenEuler, real_samples_read_except_the_one_malformed_upstream) {
    std::string root = std::string(KAIYUAN_SHARED_DATA) + "/osv/openeuler";
    if (!std::filesystem::exists(root))
        GTEST_SKIP() << root << " absent (../shared/data not present)";
    std::size_t ok = 0, bad = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        std::string p = e.path().string();
        if (!is_advisory_file_name(p)) continue;
        auto r = read_advisory_file(p, util::read_file(p).value());
        if (r) {
            ++ok;
            for (const auto& a : *r)
                EXPECT_FALSE(a.affected.empty()) << p;
        } else {
            ++bad;
            // vuls-data-update names this file as the example of a JSON error it skips.
            EXPECT_TRUE(p.ends_with("csaf-openeuler-cve-2024-50187.json"))
                << p << ": " << r.error().message;
        }
    }
    EXPECT_EQ(bad, 1u);
    EXPECT_EQ(ok, 20u);
}
