#include "kaiyuan/source/directory_tree.hpp"

#include "test_archives.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <unistd.h>

using namespace kaiyuan;

namespace {
struct Collect final : source::Visitor {
    std::map<std::string, std::string> files;
    std::vector<std::string> links;
    bool wants(const source::Entry& e) override {
        if (e.type == source::EntryType::symlink) links.push_back(e.path);
        return true;
    }
    void contents(const source::Entry& e, std::string&& d) override {
        files[e.path] = std::move(d);
    }
};
} // namespace

TEST(DirectoryTree, symlink_loops_are_not_followed) {
    test::TempDir dir;
    dir.write("a/file", "data");
    std::filesystem::create_directory_symlink("..", std::filesystem::path(dir.path) / "a" / "loop");
    std::filesystem::create_directory_symlink("../b", std::filesystem::path(dir.path) / "a" / "b");
    std::filesystem::create_directory_symlink("../a", std::filesystem::path(dir.path) / "b");
    source::DirectoryTree tree(dir.path);
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE(tree.walk(c, diags));
    EXPECT_EQ(c.files.size(), 1u);
    EXPECT_EQ(c.files["a/file"], "data");
    EXPECT_EQ(c.links.size(), 3u);
}

TEST(DirectoryTree, unreadable_file_is_a_diagnostic_not_a_failure) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
    test::TempDir dir;
    auto p = dir.write("secret", "x");
    dir.write("public", "y");
    std::filesystem::permissions(p, std::filesystem::perms::none);
    source::DirectoryTree tree(dir.path);
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE(tree.walk(c, diags));
    EXPECT_EQ(c.files["public"], "y");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].location.path, "secret");
}

TEST(DirectoryTree, missing_root_is_an_error) {
    source::DirectoryTree tree("/nonexistent/kaiyuan");
    Collect c;
    std::vector<model::Diagnostic> diags;
    EXPECT_FALSE(tree.walk(c, diags));
}
