#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/catalog/git/repository.hpp"
#include "kaiyuan/source/directory_tree.hpp"
#include "kaiyuan/source/memory_tree.hpp"

#include "../../run_command.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>

using namespace kaiyuan;
using catalog::git::GitDirFiles;
using catalog::git::k_commit_property;
using catalog::git::k_repository_property;

namespace {

const std::string k_commit = "4190558bdd2881cb048ce0531bd052dc5e4469e3";

std::string run(const std::string& command) {
    return test::run_command(command);
}

} // namespace

TEST(GitRemote, origin_first_then_any_remote_without_credentials) {
    EXPECT_EQ(catalog::git::remote_url("[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = "
                                       "https://example.org/u.git\n[remote \"origin\"]\n\turl = "
                                       "https://bot:s3cret@github.com/apache/thrift.git\n"),
              "https://github.com/apache/thrift.git");
    EXPECT_EQ(catalog::git::remote_url("[Remote \"fork\"]\nURL = git@github.com:me/zlib.git\n"),
              "git@github.com:me/zlib.git");
    EXPECT_EQ(catalog::git::remote_url("[core]\n\turl = not-a-remote\n"), "");
}

TEST(GitDir, symbolic_head_resolves_through_loose_then_packed_refs) {
    GitDirFiles files{"web/.git",
                      "ref: refs/heads/main\n",
                      "[remote \"origin\"]\n\turl = https://github.com/apache/thrift.git\n",
                      "# pack-refs with: peeled fully-peeled sorted\n" + k_commit +
                          " refs/heads/main\n^0000000000000000000000000000000000000000\n",
                      {}};
    auto r = catalog::git::parse_git_dir(files, {"web/.git/HEAD", "", 0});
    ASSERT_EQ(r.components.size(), 1u) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    const auto& c = r.components[0];
    EXPECT_EQ(c.name, "thrift");
    EXPECT_EQ(c.version, k_commit);
    EXPECT_EQ(c.properties.at(k_commit_property), k_commit);
    EXPECT_EQ(c.properties.at(k_repository_property), "https://github.com/apache/thrift.git");
    EXPECT_NE(c.purl.find("vcs_url=git%2Bhttps"), std::string::npos) << c.purl;

    // A loose ref wins over a stale packed one.
    std::string newer(40, 'a');
    files.loose_refs.push_back({"refs/heads/main", newer + "\n"});
    r = catalog::git::parse_git_dir(files, {"web/.git/HEAD", "", 0});
    ASSERT_EQ(r.components.size(), 1u);
    EXPECT_EQ(r.components[0].version, newer);
}

TEST(GitDir, detached_head_without_remote_is_named_by_its_directory) {
    auto r = catalog::git::parse_git_dir({"vendor/zlib/.git", k_commit + "\n", "", "", {}},
                                         {"vendor/zlib/.git/HEAD", "", 0});
    ASSERT_EQ(r.components.size(), 1u);
    EXPECT_EQ(r.components[0].name, "zlib");
    EXPECT_EQ(r.components[0].properties.count(k_repository_property), 0u);
}

TEST(GitDir, unborn_branch_and_malformed_head_are_reported_not_dropped) {
    auto unborn = catalog::git::parse_git_dir({".git", "ref: refs/heads/main\n", "", "", {}},
                                              {".git/HEAD", "", 0});
    EXPECT_TRUE(unborn.components.empty());
    ASSERT_EQ(unborn.diagnostics.size(), 1u);
    EXPECT_NE(unborn.diagnostics[0].message.find("without a commit"), std::string::npos);

    for (const std::string& head :
         std::vector<std::string>{"", "zzzz", std::string(40, 'g'), std::string(39, 'a'),
                                  std::string("\x01\xff garbage", 10)}) {
        auto bad = catalog::git::parse_git_dir({".git", head, "", "", {}}, {".git/HEAD", "", 0});
        EXPECT_TRUE(bad.components.empty()) << head;
        ASSERT_EQ(bad.diagnostics.size(), 1u) << head;
        EXPECT_EQ(bad.diagnostics[0].severity, model::Severity::warning);
    }
}

TEST(GitCataloger, only_directories_with_head_and_config_are_repositories) {
    source::MemoryTree tree({
        {".git/HEAD", k_commit + "\n"},
        {".git/config", "[remote \"origin\"]\nurl = https://github.com/python/cpython\n"},
        {".git/logs/HEAD", "0000 1111 someone <a@b> 1 +0000\tcommit: x\n"},
        {".git/refs/remotes/origin/HEAD", "ref: refs/remotes/origin/main\n"},
        {".git/modules/deps/zlib/HEAD", std::string(40, 'b') + "\n"},
        {".git/modules/deps/zlib/config",
         "[remote \"origin\"]\nurl = https://github.com/madler/zlib\n"},
    });
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(sbom);
    std::map<std::string, std::string> got;
    for (const auto& c : sbom->components)
        if (c.properties.count(k_commit_property)) got[c.name] = c.version;
    EXPECT_EQ(got, (std::map<std::string, std::string>{{"cpython", k_commit},
                                                       {"zlib", std::string(40, 'b')}}));
}

// A repository and a submodule made by git itself, read back from disk.
TEST(GitCataloger, reads_a_repository_and_its_submodule_made_by_git) {
    if (run("git --version").rfind("git version", 0) != 0) GTEST_SKIP() << "git is not installed";
    auto dir =
        std::filesystem::temp_directory_path() / ("kaiyuan-git-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string d = dir.string();
    std::string git = "git -c user.name=t -c user.email=t@example.org -c init.defaultBranch=main "
                      "-c protocol.file.allow=always ";
    ASSERT_EQ(run("cd " + d + " && " + git + "init -q lib && cd lib && echo a > a && " + git +
                  "add a && " + git + "commit -qm a && echo ok"),
              "ok");
    ASSERT_EQ(run("cd " + d + " && " + git + "init -q app && cd app && echo b > b && " + git +
                  "add b && " + git + "commit -qm b && " + git +
                  "remote add origin https://token:x@example.org/team/app.git && " + git +
                  "submodule -q add " + d + "/lib deps/lib && " + git + "commit -qm sub && " + git +
                  "pack-refs --all && echo ok"),
              "ok");
    std::string app_head = run("cd " + d + "/app && git rev-parse HEAD");
    std::string lib_head = run("cd " + d + "/app/deps/lib && git rev-parse HEAD");

    source::DirectoryTree tree(d + "/app");
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(sbom);
    std::map<std::string, std::string> got, repos;
    for (const auto& c : sbom->components) {
        if (!c.properties.count(k_commit_property)) continue;
        got[c.name] = c.version;
        if (c.properties.count(k_repository_property))
            repos[c.name] = c.properties.at(k_repository_property);
    }
    EXPECT_EQ(got, (std::map<std::string, std::string>{{"app", app_head}, {"lib", lib_head}}));
    EXPECT_EQ(repos["app"], "https://example.org/team/app.git");
}
