// OSV records (https://ossf.github.io/osv-schema/): hand-made ones for each field, real ones
// from ../shared/data/osv when present, and malformed ones.
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace kaiyuan;
using namespace kaiyuan::vuln;

namespace {

const char* k_record = R"({
  "schema_version": "1.6.0", "id": "GHSA-xxxx-yyyy-zzzz", "modified": "2024-01-02T00:00:00Z",
  "published": "2023-12-01T00:00:00Z", "aliases": ["CVE-2023-0001"], "summary": "bad thing",
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
  "affected": [{
    "package": {"ecosystem": "PyPI", "name": "Some_Package", "purl": "pkg:pypi/some-package"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.3"},
                                                {"introduced": "2.0"}, {"last_affected": "2.1"}]},
               {"type": "GIT", "repo": "https://example.invalid/r.git",
                "events": [{"introduced": "abc"}, {"limit": "def"}]}],
    "versions": ["1.0", "1.1"],
    "ecosystem_specific": {"anything": true}
  }],
  "references": [{"type": "ADVISORY", "url": "https://example.invalid/a"}],
  "database_specific": {"severity": "HIGH"}
})";

} // namespace

TEST(OsvJson, reads_every_field_kaiyuan_uses) {
    auto r = read_osv_json(k_record);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->size(), 1u);
    const Advisory& a = r->front();
    EXPECT_EQ(a.id, "GHSA-xxxx-yyyy-zzzz");
    EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2023-0001"});
    EXPECT_EQ(a.severity.at(0).type, "CVSS_V3");
    EXPECT_EQ(a.stated_severity, "HIGH");
    ASSERT_EQ(a.affected.size(), 1u);
    const Affected& af = a.affected[0];
    EXPECT_EQ(af.ecosystem, "PyPI");
    EXPECT_EQ(af.name, "Some_Package");
    ASSERT_EQ(af.ranges.size(), 2u);
    ASSERT_EQ(af.ranges[0].events.size(), 4u);
    EXPECT_EQ(af.ranges[0].events[3].kind, RangeEvent::Kind::last_affected);
    EXPECT_EQ(af.ranges[1].events[1].kind, RangeEvent::Kind::limit);
    EXPECT_EQ(af.ranges[1].repo, "https://example.invalid/r.git");
    EXPECT_EQ(af.versions.size(), 2u);
    // What the database stores reads back the same.
    auto again = read_osv_json(to_osv_json(a));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(to_osv_json(again->front()), to_osv_json(a));
}

TEST(OsvJson, arrays_and_yaml) {
    std::string array = std::string("[") + k_record + "," + k_record + "]";
    EXPECT_EQ(read_osv_json(array)->size(), 2u);
    auto y =
        read_osv_yaml("id: PYSEC-1\nmodified: 2024-01-01T00:00:00Z\ndetails: |\n  two\n  lines\n"
                      "affected:\n- package:\n    ecosystem: PyPI\n    name: x\n  versions:\n"
                      "  - 1.10\n  - '2.0'\n");
    ASSERT_TRUE(y) << y.error().message;
    EXPECT_EQ(y->front().details, "two\nlines\n");
    // A version written as a YAML number keeps its text.
    EXPECT_EQ(y->front().affected[0].versions, (std::vector<std::string>{"1.10", "2.0"}));
}

TEST(OsvJson, malformed_records_say_what_is_wrong) {
    struct Case {
        const char* text;
        const char* says;
    } cases[] = {
        {"{", "invalid JSON"},
        {"42", "not an OSV record"},
        {R"({"modified": "x"})", "no id"},
        {R"({"id": "A"})", "no 'modified'"},
        {R"({"id": "A", "modified": "m", "affected": [{"ranges": [{"type": "SEMVER"}]}]})",
         "no events"},
        {R"({"id": "A", "modified": "m", "affected": [{"ranges": [{"type": "SEMVER",
             "events": [{"fixed": 1}]}]}]})",
         "not a string"},
        {R"({"id": "A", "modified": "m", "affected": [{"ranges": [{"type": "SEMVER",
             "events": [{"bogus": "1"}]}]}]})",
         "none of introduced"},
    };
    for (const auto& c : cases) {
        auto r = read_osv_json(c.text);
        ASSERT_FALSE(r) << c.text;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    }
    EXPECT_FALSE(read_osv_yaml("- a list\n- not a record\n"));
    EXPECT_FALSE(read_osv_yaml("id: [unclosed\n"));
}

TEST(OsvJson, real_records_of_each_database) {
    std::string root = std::string(KAIYUAN_SHARED_DATA) + "/osv";
    if (!std::filesystem::exists(root))
        GTEST_SKIP() << root << " absent (../shared/data not present)";
    std::size_t read = 0;
    for (const char* dir : {"golang-vulndb", "rustsec", "psf", "almalinux", "pypa", "oss-fuzz"}) {
        std::size_t n = 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(root + "/" + dir)) {
            std::string p = e.path().string();
            bool yaml = p.ends_with(".yaml"), json = p.ends_with(".json");
            if (!yaml && !json) continue;
            std::string text = util::read_file(p).value();
            auto r = yaml ? read_osv_yaml(text) : read_osv_json(text);
            ASSERT_TRUE(r) << p << ": " << r.error().message;
            ASSERT_EQ(r->size(), 1u) << p;
            EXPECT_FALSE(r->front().id.empty()) << p;
            if (++n == 200) break; // a sample of each database; import reads them all
        }
        read += n;
    }
    EXPECT_GT(read, 1000u);
}

// OSS-Fuzz rates each affected package (ecosystem_specific.severity), some GHSA exports do so in
// affected[].database_specific: the highest stands for a record that states no severity itself.
TEST(OsvJson, severity_stated_per_affected_package) {
    auto r = read_osv_yaml(R"(id: OSV-2026-1
modified: '2026-04-28T14:18:36Z'
affected:
- ecosystem_specific:
    severity: LOW
  package: {ecosystem: OSS-Fuzz, name: a}
- database_specific:
    severity: HIGH
  package: {ecosystem: OSS-Fuzz, name: b}
- ecosystem_specific:
    severity: MEDIUM
  package: {ecosystem: OSS-Fuzz, name: c}
)");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->front().stated_severity, "HIGH");
    // The record's own statement wins over its packages'.
    auto own = read_osv_json(R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z",
        "database_specific": {"severity": "LOW"},
        "affected": [{"package": {"ecosystem": "npm", "name": "a"},
                      "ecosystem_specific": {"severity": "CRITICAL"}}]})");
    ASSERT_TRUE(own);
    EXPECT_EQ(own->front().stated_severity, "LOW");
}

TEST(OsvJson, real_oss_fuzz_record_is_rated) {
    std::string path =
        std::string(KAIYUAN_SHARED_DATA) + "/osv/oss-fuzz/vulns/thrift-java/OSV-2026-629.yaml";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs ../shared/data/osv";
    auto text = util::read_file(path);
    ASSERT_TRUE(text);
    auto r = read_osv_yaml(*text);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->front().stated_severity, "LOW");
}
