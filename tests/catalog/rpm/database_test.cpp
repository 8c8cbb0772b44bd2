#include "kaiyuan/catalog/rpm/database.hpp"
#include "kaiyuan/catalog/rpm/header.hpp"
#include "kaiyuan/catalog/rpm/sqlite_wal.hpp"
#include "kaiyuan/util/files.hpp"

#include "../../source/test_archives.hpp"
#include "header_builder.hpp"
#include "sqlite_rpmdb.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

using namespace kaiyuan;
using test::HeaderBuilder;
namespace rpm = catalog::rpm;

namespace {

std::vector<std::string> sample_blobs() {
    return {HeaderBuilder::package("bash", "5.2.15", "1.oe2403", "GPLv3+"),
            HeaderBuilder::package("glibc", "2.38", "29.oe2403", "LGPLv2+ and GPLv2+"),
            HeaderBuilder::package("zlib", "1.2.13", "2.oe2403", "zlib")};
}

std::string make_sqlite(const test::TempDir& dir, const std::vector<std::string>& blobs,
                        bool wal = false) {
    return test::make_sqlite_rpmdb(dir.path + "/rpmdb.sqlite", blobs, wal);
}

// rpm's ndb Packages.db layout (lib/backend/ndb/rpmpkg.c), written from the format description.
std::string make_ndb(const std::vector<std::string>& blobs) {
    auto le = [](std::uint32_t v) {
        std::string s(4, '\0');
        for (int i = 0; i < 4; ++i)
            s[static_cast<std::size_t>(i)] = static_cast<char>(v >> (8 * i));
        return s;
    };
    std::string file = "RpmP" + le(0) + le(1) + le(1) + std::string(16, '\0');
    std::string data;
    std::vector<std::string> slots;
    std::uint32_t next_block = 4096 / 16;
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        std::uint32_t idx = static_cast<std::uint32_t>(i + 1);
        std::string blob =
            "BlbS" + le(idx) + le(0) + le(static_cast<std::uint32_t>(blobs[i].size())) + blobs[i];
        blob.resize((blob.size() + 15) / 16 * 16 + 16, '\0');
        slots.push_back("Slot" + le(idx) + le(next_block) +
                        le(static_cast<std::uint32_t>(blob.size() / 16)));
        next_block += static_cast<std::uint32_t>(blob.size() / 16);
        data += blob;
    }
    for (auto& s : slots)
        file += s;
    while (file.size() < 4096)
        file += "Slot" + le(0) + le(0) + le(0);
    return file + data;
}

std::vector<std::string> names(const catalog::rpm::HeaderBlobs& b) {
    std::vector<std::string> out;
    for (const auto& blob : b.blobs)
        out.push_back(catalog::rpm::parse_header_blob(blob).value().name);
    std::sort(out.begin(), out.end());
    return out;
}

const std::vector<std::string> k_names = {"bash", "glibc", "zlib"};

} // namespace

TEST(RpmDatabase, sqlite_reads_every_header) {
    test::TempDir dir;
    auto r = rpm::read_sqlite_rpmdb(make_sqlite(dir, sample_blobs()));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(names(*r), k_names);
}

TEST(RpmDatabase, sqlite_in_wal_mode_is_read) {
    test::TempDir dir;
    auto r = rpm::read_sqlite_rpmdb(make_sqlite(dir, sample_blobs(), true));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(names(*r), k_names);
}

// rpm with the sqlite backend journals in WAL mode; until a checkpoint, committed packages live
// only in rpmdb.sqlite-wal. Copy both files while the writer still holds them open.
TEST(RpmDatabase, sqlite_pages_still_in_the_write_ahead_log_are_applied) {
    test::TempDir dir;
    std::string path = dir.path + "/rpmdb.sqlite";
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;", nullptr, nullptr,
                 nullptr);
    test::create_packages_table(db);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr,
                 nullptr); // the table is in the main file
    test::insert_headers(db, sample_blobs());
    std::string main_file = util::read_file(path).value();
    std::string wal = util::read_file(path + "-wal").value();
    sqlite3_close(db);
    ASSERT_FALSE(wal.empty());

    auto without = rpm::read_sqlite_rpmdb(main_file);
    ASSERT_TRUE(without);
    EXPECT_TRUE(without->blobs.empty()); // the main file alone has the table, not the packages
    auto applied = rpm::apply_wal(main_file, wal);
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_GT(applied->frames, 0u);
    EXPECT_FALSE(applied->ignored_tail);
    auto with = rpm::read_sqlite_rpmdb(applied->database);
    ASSERT_TRUE(with);
    EXPECT_EQ(names(*with), k_names);

    // A torn last frame: the transactions before it still apply.
    auto torn = rpm::apply_wal(main_file, wal.substr(0, wal.size() - 100));
    ASSERT_TRUE(torn);
    EXPECT_TRUE(torn->ignored_tail);
    EXPECT_FALSE(rpm::apply_wal(main_file, "not a wal"));
    std::string bad_header = wal;
    bad_header[25] ^= 1;
    EXPECT_FALSE(rpm::apply_wal(main_file, bad_header));
}

TEST(RpmDatabase, sqlite_truncated_or_garbage_fails_cleanly) {
    test::TempDir dir;
    std::string db = make_sqlite(dir, sample_blobs());
    for (std::size_t cut :
         {std::size_t{0}, std::size_t{50}, std::size_t{100}, db.size() / 2, db.size() - 1}) {
        auto r = rpm::read_sqlite_rpmdb(db.substr(0, cut));
        if (r) {
            EXPECT_LE(r->blobs.size(), 3u); // partial is fine; a crash is not
        }
    }
    EXPECT_FALSE(rpm::read_sqlite_rpmdb("not sqlite at all, but long enough to look at the header "
                                        "maybe............................................"));
}

TEST(RpmDatabase, ndb_reads_every_header_and_survives_damage) {
    std::string ndb = make_ndb(sample_blobs());
    auto r = rpm::read_ndb_rpmdb(ndb);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(names(*r), k_names);
    EXPECT_TRUE(r->problems.empty());
    std::string damaged = ndb;
    damaged[4096] = 'X'; // the first blob's magic
    auto d = rpm::read_ndb_rpmdb(damaged);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->blobs.size(), 2u);
    EXPECT_EQ(d->problems.size(), 1u);
    EXPECT_FALSE(rpm::read_ndb_rpmdb(ndb.substr(0, 100)));
    for (std::size_t cut = 4096; cut < ndb.size(); cut += 97)
        EXPECT_TRUE(rpm::read_ndb_rpmdb(ndb.substr(0, cut)));
}

TEST(RpmDatabase, bdb_rejects_what_is_not_a_hash_database) {
    EXPECT_FALSE(rpm::read_bdb_rpmdb(""));
    EXPECT_FALSE(rpm::read_bdb_rpmdb(std::string(4096, '\0')));
    std::string meta(4096, '\0');
    meta[12] = '\x61';
    meta[13] = '\x15';
    meta[14] = '\x06'; // hash magic, little-endian
    meta[20] = '\x01'; // page size 1: implausible
    auto r = rpm::read_bdb_rpmdb(meta);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("page size"), std::string::npos);
}
