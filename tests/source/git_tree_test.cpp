// A git revision as a file tree, straight from the object database: a repository git builds in
// the test (nested directories, an executable, a symlink, two branches), walked at two
// revisions with no checkout; merge bases; and the errors a bad path or revision gets.
#include "kaiyuan/source/git_tree.hpp"

#include "../run_command.hpp"
#include "test_archives.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kaiyuan;

namespace {

struct Collect final : source::Visitor {
    std::map<std::string, std::string> files;
    std::map<std::string, std::string> links;
    std::vector<std::string> others;
    bool wants(const source::Entry& e) override {
        if (e.type == source::EntryType::symlink) links[e.path] = e.link_target;
        if (e.type == source::EntryType::other) others.push_back(e.path);
        return e.type == source::EntryType::file && !e.path.ends_with(".bin");
    }
    void contents(const source::Entry& e, std::string&& d) override { files[e.path] = d; }
    bool sniff(const source::Entry&) override { return true; }
    std::uint64_t wants_head(const source::Entry&, std::string_view head,
                             const RangeReader&) override {
        return head.starts_with("\x7f"
                                "ELF")
                   ? k_whole_file
                   : 0;
    }
};

class GitTree : public ::testing::Test {
protected:
    void SetUp() override {
        if (test::run_command("git --version").rfind("git version", 0) != 0)
            GTEST_SKIP() << "git is not installed";
        git = "cd " + dir.path + " && git -c user.name=t -c user.email=t@example.org " +
              "-c init.defaultBranch=main ";
        dir.write("package.json", "{\"name\": \"a\"}");
        dir.write("deep/er/Cargo.lock", "v1");
        dir.write("tool.bin", std::string("\x7f"
                                          "ELF",
                                          4) +
                                  "exec");
        dir.write("data.bin", std::string("\x7f"
                                          "ELF",
                                          4) +
                                  "not executable");
        ASSERT_EQ(test::run_command("cd " + dir.path +
                                    " && chmod +x tool.bin && ln -s deep/er link && echo ok"),
                  "ok");
        ASSERT_EQ(test::run_command(git + "init -q . && " + git + "add -A && " + git +
                                    "commit -qm one && " + git + "branch topic && echo ok"),
                  "ok");
        dir.write("deep/er/Cargo.lock", "v2");
        ASSERT_EQ(test::run_command(git + "commit -qam two && " + git + "checkout -q topic && " +
                                    "echo t > " + dir.path + "/topic.txt && " + git +
                                    "add topic.txt && " + git + "commit -qm three && " + git +
                                    "checkout -q main && echo ok"),
                  "ok");
        // The work tree is changed, not committed: a walk must not see it.
        dir.write("package.json", "uncommitted");
    }
    Collect walk(const std::string& revision) {
        auto tree = source::open_git_tree(dir.path, revision);
        EXPECT_TRUE(tree) << (tree ? "" : tree.error().message);
        Collect c;
        std::vector<model::Diagnostic> diagnostics;
        if (tree) {
            EXPECT_EQ((*tree)->kind(), "git");
            EXPECT_TRUE((*tree)->walk(c, diagnostics));
        }
        EXPECT_TRUE(diagnostics.empty());
        return c;
    }
    test::TempDir dir;
    std::string git;
};

TEST_F(GitTree, WalksRevisionsWithoutCheckout) {
    auto head = walk("HEAD");
    EXPECT_EQ(head.files["package.json"], "{\"name\": \"a\"}");
    EXPECT_EQ(head.files["deep/er/Cargo.lock"], "v2");
    EXPECT_EQ(head.links["link"], "deep/er");
    // Sniffing looks only into executables.
    EXPECT_TRUE(head.files.count("tool.bin"));
    EXPECT_FALSE(head.files.count("data.bin"));
    EXPECT_FALSE(head.files.count("topic.txt"));
    auto first = walk("main~1");
    EXPECT_EQ(first.files["deep/er/Cargo.lock"], "v1");
    auto topic = walk("topic");
    EXPECT_EQ(topic.files["topic.txt"], "t\n");
    EXPECT_EQ(topic.files["deep/er/Cargo.lock"], "v1");
    auto tree = source::open_git_tree(dir.path + "/.git", "main");
    ASSERT_TRUE(tree);
    auto read = (*tree)->read("deep/er/Cargo.lock");
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, "v2");
    EXPECT_FALSE((*tree)->read("no/such/file"));
    EXPECT_EQ((*tree)->properties().at("git:commit").size(), 40u);
}

TEST_F(GitTree, MergeBase) {
    auto base = source::merge_base(dir.path, "main", "topic");
    ASSERT_TRUE(base) << base.error().message;
    EXPECT_EQ(*base, *source::resolve_commit(dir.path, "main~1"));
}

TEST_F(GitTree, Errors) {
    auto bad = source::open_git_tree(dir.path, "no-such-branch");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("unknown revision 'no-such-branch'"), std::string::npos);
    test::TempDir empty;
    auto none = source::open_git_tree(empty.path, "HEAD");
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("not a git repository"), std::string::npos);
    auto blob = source::resolve_commit(dir.path, "HEAD:package.json");
    EXPECT_FALSE(blob);
}

} // namespace
