// The pack reader put in front of libgit2's: every object of packs git writes (offset deltas,
// reference deltas, deep chains, two packs) read back exactly (its SHA-1 is its id) by the reader
// alone, with a small cache so that bases are evicted and rebuilt; a damaged pack never crashes
// it and never yields an object under a wrong id.
#include "kaiyuan/source/git_pack_backend.hpp"

#include "../run_command.hpp"

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kaiyuan;
namespace fs = std::filesystem;

namespace {

class GitPack : public ::testing::Test {
protected:
    std::string dir;
    void SetUp() override {
        if (test::run_command("git --version").rfind("git version", 0) != 0)
            GTEST_SKIP() << "git is not installed";
        git_libgit2_init();
        dir = (fs::temp_directory_path() / ("kaiyuan-pack-" + std::to_string(::getpid()))).string();
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::string g = "cd " + dir + " && git -c user.name=T -c user.email=t@e ";
        ASSERT_EQ(test::run_command(g + "init -q . && echo ok"), "ok");
        // Sixty versions of two growing files: git's repack stores them as long delta chains.
        std::string script =
            "cd " + dir +
            " && for i in $(seq 1 60); do "
            "seq 1 $((i*40)) | sed \"s/^/line $i /\" > a.txt; "
            "seq $i 3000 >> b.txt; "
            "git -c user.name=T -c user.email=t@e add a.txt b.txt && "
            "git -c user.name=T -c user.email=t@e commit -qm \"c$i\"; done; echo ok";
        ASSERT_EQ(test::run_command(script), "ok");
    }
    void TearDown() override {
        if (!dir.empty()) fs::remove_all(dir);
    }

    /// Every object git has, as "id type".
    std::vector<std::pair<std::string, std::string>> all_objects() {
        std::istringstream in(test::run_command(
            "cd " + dir +
            " && git cat-file --batch-all-objects --batch-check='%(objectname) %(objecttype)'"));
        std::vector<std::pair<std::string, std::string>> out;
        std::string id, type;
        while (in >> id >> type)
            out.emplace_back(id, type);
        return out;
    }

    /// Reads every object through the reader alone; counts reads that fail, and fails the test
    /// for any read whose content does not hash to its id.
    std::size_t read_all_through_reader(std::size_t cache_bytes) {
        git_odb* odb = nullptr;
        EXPECT_EQ(git_odb_new(&odb), 0);
        git_odb_backend* reader = source::git::pack_reader(dir + "/.git/objects/pack", cache_bytes);
        if (!reader) {
            ADD_FAILURE() << "no pack read in " << dir;
            git_odb_free(odb);
            return 0;
        }
        EXPECT_EQ(git_odb_add_backend(odb, reader, 10), 0);
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        std::size_t failed = 0;
        for (const auto& [hex, type] : all_objects()) {
            git_oid id{};
            git_oid_fromstr(&id, hex.c_str());
            git_odb_object* obj = nullptr;
            if (git_odb_read(&obj, odb, &id) != 0) {
                ++failed;
                continue;
            }
            git_oid again{};
            git_odb_hash(&again, git_odb_object_data(obj), git_odb_object_size(obj),
                         git_odb_object_type(obj));
            EXPECT_TRUE(git_oid_equal(&id, &again)) << hex << " read as other content";
            EXPECT_EQ(git_object_type2string(git_odb_object_type(obj)), type) << hex;
            git_odb_object_free(obj);
        }
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
        git_odb_free(odb);
        return failed;
    }

    std::size_t deltas() {
        std::string out = test::run_command(
            "cd " + dir +
            " && git verify-pack -v .git/objects/pack/*.idx | grep -c 'chain length'");
        return out.rfind("failed", 0) == 0 ? 0 : std::stoul(out);
    }
};

TEST_F(GitPack, OffsetDeltasAndDeepChainsReadExactly) {
    ASSERT_EQ(test::run_command("cd " + dir +
                                " && git repack -q -adf --depth=100 --window=100 && echo ok"),
              "ok");
    ASSERT_GT(deltas(), 0u) << "git stored no deltas; the test would prove nothing";
    EXPECT_EQ(read_all_through_reader(64u << 20), 0u);
    // A cache too small for any base: every chain rebuilt from its bottom.
    EXPECT_EQ(read_all_through_reader(1), 0u);
}

TEST_F(GitPack, ReferenceDeltasAndTwoPacksReadExactly) {
    ASSERT_EQ(test::run_command(
                  "cd " + dir +
                  " && git -c repack.useDeltaBaseOffset=false repack -q -adf && "
                  "echo more >> a.txt && git -c user.name=T -c user.email=t@e commit -qam more && "
                  "git repack -q -d && ls .git/objects/pack/*.idx | wc -l"),
              "2");
    EXPECT_EQ(read_all_through_reader(64u << 20), 0u);
}

TEST_F(GitPack, ADamagedPackIsPassedOnNeverMisread) {
    ASSERT_EQ(test::run_command("cd " + dir + " && git repack -q -adf && echo ok"), "ok");
    std::string pack;
    for (const auto& e : fs::directory_iterator(dir + "/.git/objects/pack"))
        if (e.path().extension() == ".pack") pack = e.path().string();
    ASSERT_FALSE(pack.empty());
    fs::permissions(pack, fs::perms::owner_write, fs::perm_options::add);
    std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
    auto size = static_cast<std::streamoff>(fs::file_size(pack));
    // Bytes overwritten all through the pack: headers, delta offsets and compressed data.
    for (std::streamoff at = 12; at < size - 20; at += 97) {
        f.seekp(at);
        f.put(static_cast<char>(0xA5 ^ (at & 0xff)));
    }
    f.close();
    EXPECT_GT(read_all_through_reader(1u << 20), 0u);
}

TEST_F(GitPack, NoPackMeansNoReader) {
    EXPECT_EQ(source::git::pack_reader(dir + "/.git/objects/pack", 1u << 20), nullptr);
    EXPECT_EQ(source::git::pack_reader(dir + "/does-not-exist", 1u << 20), nullptr);
}

} // namespace
