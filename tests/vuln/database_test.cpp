// The advisory database: import rules (newer `modified` replaces, withdrawn removes), lookups by
// normalised name and by alias, all-or-nothing imports.
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/importer.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace kaiyuan;
using namespace kaiyuan::vuln;

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("kaiyuan-db-test-" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

Advisory advisory(std::string id, std::string modified, std::string name,
                  std::string fixed = "2.0") {
    Advisory a;
    a.id = std::move(id);
    a.modified = std::move(modified);
    a.aliases = {"CVE-2024-" + a.id};
    Affected af;
    af.ecosystem = "PyPI";
    af.name = std::move(name);
    af.ranges.push_back(
        {"ECOSYSTEM", {}, {{RangeEvent::Kind::introduced, "0"}, {RangeEvent::Kind::fixed, fixed}}});
    a.affected.push_back(af);
    return a;
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

} // namespace

TEST(Database, newer_records_replace_older_and_withdrawn_ones_leave) {
    TempDir dir;
    auto db = Database::open((dir.path / "a.db").string(), true);
    ASSERT_TRUE(db) << db.error().message;
    auto s1 = db->import({advisory("A", "2024-01-01T00:00:00Z", "Foo_Bar"),
                          advisory("B", "2024-01-01T00:00:00Z", "other")},
                         {{"first", {}, {}, {}, 2}});
    ASSERT_TRUE(s1) << s1.error().message;
    EXPECT_EQ(s1->added, 2u);
    // Indexed by PEP 503 name: any spelling finds it.
    EXPECT_EQ(db->lookup("PyPI", normalize_package_name("PyPI", "foo.bar"))->size(), 1u);
    EXPECT_EQ(db->lookup("PyPI", "foo-bar")->at(0).advisory_id, "A");

    Advisory older = advisory("A", "2023-01-01T00:00:00Z", "foo-bar", "9.9");
    Advisory newer = advisory("B", "2025-01-01T00:00:00Z", "other", "3.0");
    Advisory gone = advisory("C", "2024-01-01T00:00:00Z", "x");
    auto s2 = db->import({older, newer, gone}, {});
    ASSERT_TRUE(s2);
    EXPECT_EQ(s2->unchanged, 1u);
    EXPECT_EQ(s2->replaced, 1u);
    EXPECT_EQ(s2->added, 1u);
    EXPECT_EQ(db->advisory("A")->affected[0].ranges[0].events[1].version, "2.0"); // kept
    EXPECT_EQ(db->advisory("B")->affected[0].ranges[0].events[1].version, "3.0"); // replaced
    gone.withdrawn = "2024-06-01T00:00:00Z";
    gone.modified = "2024-06-01T00:00:00Z";
    auto s3 = db->import({gone}, {});
    EXPECT_EQ(s3->withdrawn, 1u);
    EXPECT_FALSE(db->advisory("C"));
    EXPECT_TRUE(db->lookup("PyPI", "x")->empty());
    // Aliases find their advisory.
    EXPECT_EQ(db->advisory("CVE-2024-A")->id, "A");
    EXPECT_EQ(*db->advisory_count(), 2u);
    auto ecos = db->ecosystems();
    ASSERT_EQ(ecos->size(), 1u);
    EXPECT_EQ(ecos->at(0).ecosystem, "PyPI");
    EXPECT_EQ(ecos->at(0).advisories, 2u);
}

TEST(Database, import_reads_directories_yaml_and_reports_malformed_files) {
    TempDir dir;
    write(dir.path / "in/a.json", to_osv_json(advisory("A", "2024-01-01T00:00:00Z", "a")));
    write(dir.path / "in/sub/b.yaml",
          "id: B\nmodified: 2024-01-01T00:00:00Z\naffected:\n- package:\n    ecosystem: PyPI\n"
          "    name: b\n  versions:\n  - '1.0'\n");
    write(dir.path / "in/broken.json", "{\"id\": ");
    write(dir.path / "in/README.md", "not an advisory");
    auto db = Database::open((dir.path / "x.db").string(), true);
    auto report = import_paths(*db, {(dir.path / "in").string()}, util::null_progress());
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->files, 3u);
    EXPECT_EQ(report->records, 2u);
    EXPECT_EQ(report->skipped_files, 1u);
    ASSERT_EQ(report->diagnostics.size(), 1u);
    EXPECT_NE(report->diagnostics[0].location.path.find("broken.json"), std::string::npos);
    EXPECT_EQ(*db->advisory_count(), 2u);
}

TEST(Database, an_import_that_fails_stores_nothing) {
    TempDir dir;
    write(dir.path / "in/a.json", to_osv_json(advisory("A", "2024-01-01T00:00:00Z", "a")));
    auto db = Database::open((dir.path / "x.db").string(), true);
    ASSERT_TRUE(import_paths(*db, {(dir.path / "in").string()}, util::null_progress()));
    write(dir.path / "in2/b.json", to_osv_json(advisory("B", "2024-01-01T00:00:00Z", "b")));
    // The second input cannot be read: nothing of the first is stored either.
    auto r = import_paths(*db, {(dir.path / "in2").string(), (dir.path / "missing").string()},
                          util::null_progress());
    EXPECT_FALSE(r);
    EXPECT_EQ(*db->advisory_count(), 1u);
    EXPECT_FALSE(db->advisory("B"));
}

TEST(Database, opening_a_missing_database_says_how_to_make_one) {
    auto db = Database::open("/nonexistent-dir/kaiyuan.db", false);
    ASSERT_FALSE(db);
    EXPECT_NE(db.error().message.find("db import"), std::string::npos);
}
