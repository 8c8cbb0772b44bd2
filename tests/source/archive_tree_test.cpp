#include "kaiyuan/source/archive_tree.hpp"

#include "test_archives.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kaiyuan;
using test::Member;

namespace {
struct Collect final : source::Visitor {
    std::map<std::string, std::string> files;
    std::vector<std::string> seen;
    bool wants(const source::Entry& e) override {
        seen.push_back(e.path);
        return true;
    }
    void contents(const source::Entry& e, std::string&& d) override {
        files[e.path] = std::move(d);
    }
};

bool has_diagnostic(const std::vector<model::Diagnostic>& ds, std::string_view text) {
    for (const auto& d : ds)
        if (d.message.find(text) != std::string::npos) return true;
    return false;
}
} // namespace

TEST(ArchiveTree, reads_every_compression_and_zip) {
    test::TempDir dir;
    for (auto [format, filter] : std::vector<std::pair<std::string, std::string>>{
             {"tar", ""}, {"tar", "gzip"}, {"tar", "xz"}, {"tar", "zstd"}, {"zip", ""}}) {
        auto path =
            dir.write("a." + format + filter,
                      test::make_archive({{"etc/os-release", "ID=debian\n"}}, format, filter));
        source::ArchiveTree tree(path);
        Collect c;
        std::vector<model::Diagnostic> diags;
        ASSERT_TRUE(tree.walk(c, diags)) << format << filter;
        EXPECT_EQ(c.files["etc/os-release"], "ID=debian\n") << format << filter;
    }
}

TEST(ArchiveTree, escaping_and_absolute_paths_are_reported) {
    test::TempDir dir;
    auto path = dir.write(
        "evil.tar",
        test::make_archive({{"../../etc/passwd", "x"}, {"/abs/file", "y"}, {"ok/./file", "z"}}));
    source::ArchiveTree tree(path);
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE(tree.walk(c, diags));
    EXPECT_FALSE(c.files.contains("etc/passwd"));
    EXPECT_EQ(c.files["abs/file"], "y");
    EXPECT_EQ(c.files["ok/file"], "z");
    EXPECT_TRUE(has_diagnostic(diags, "escapes the archive root"));
    EXPECT_TRUE(has_diagnostic(diags, "absolute path"));
}

TEST(ArchiveTree, decompression_bomb_is_stopped) {
    test::TempDir dir;
    std::string zeros(8u << 20, '\0');
    auto path =
        dir.write("bomb.tar.gz",
                  test::make_archive({{"a", zeros}, {"b", zeros}, {"c", "after"}}, "tar", "gzip"));
    source::WalkLimits limits;
    limits.max_total_bytes = 4u << 20;
    source::ArchiveTree tree(path, limits);
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE(tree.walk(c, diags));
    EXPECT_FALSE(c.files.contains("c"));
    EXPECT_TRUE(has_diagnostic(diags, "decompression bomb"));
}

TEST(ArchiveTree, truncated_archive_keeps_what_was_read) {
    test::TempDir dir;
    std::string big(100000, 'x');
    std::string tar = test::make_archive({{"first", "1"}, {"second", big}, {"third", "3"}});
    auto path = dir.write("cut.tar", tar.substr(0, 5000));
    source::ArchiveTree tree(path);
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE(tree.walk(c, diags));
    EXPECT_EQ(c.files["first"], "1");
    EXPECT_FALSE(c.files.contains("third"));
    EXPECT_FALSE(diags.empty());
}

TEST(ArchiveTree, garbage_is_an_error_naming_the_file) {
    test::TempDir dir;
    auto path = dir.write("garbage.tar", std::string(3000, '\x07'));
    source::ArchiveTree tree(path);
    Collect c;
    std::vector<model::Diagnostic> diags;
    auto r = tree.walk(c, diags);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("garbage.tar"), std::string::npos);
}
