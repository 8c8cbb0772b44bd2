// The history walk against git itself: per-author commits as `git shortlog -sne` counts them
// (with the .mailmap) and lines added and removed as `git log --numstat` counts them, on a
// history git builds in the test (renames, a binary file, a merge, a root commit, a .mailmap)
// and on this source tree's own repository when the checkout has one.
#include "kaiyuan/community/history.hpp"
#include "kaiyuan/community/raw_commit.hpp"

#include "../run_command.hpp"
#include "../source/test_archives.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

using namespace kaiyuan;
using namespace kaiyuan::community;

namespace {

struct Totals {
    std::uint64_t commits = 0, added = 0, removed = 0;
    bool operator==(const Totals&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Totals& t) {
    return os << t.commits << " commits, +" << t.added << " -" << t.removed;
}

/// What kaiyuan counts per "Name <email>" after the mailmap.
std::map<std::string, Totals> ours(const History& h) {
    std::map<std::string, Totals> out;
    for (const auto& c : h.commits) {
        Identity who = h.mailmap.resolve(c.author);
        auto& t = out[who.name + " <" + who.email + ">"];
        ++t.commits;
        t.added += c.added;
        t.removed += c.removed;
    }
    return out;
}

/// What git counts: shortlog for commits, log --numstat for lines (binary files show "-").
std::map<std::string, Totals> gits(const std::string& dir) {
    std::map<std::string, Totals> out;
    std::istringstream shortlog(test::run_command("cd " + dir + " && git shortlog -sne HEAD"));
    for (std::string line; std::getline(shortlog, line);) {
        auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        out[line.substr(tab + 1)].commits = std::stoull(line.substr(0, tab));
    }
    std::istringstream log(test::run_command(
        "cd " + dir + " && git log --numstat --no-renames --format='@@%aN <%aE>' HEAD"));
    std::string who;
    for (std::string line; std::getline(log, line);) {
        if (line.starts_with("@@")) {
            who = line.substr(2);
            continue;
        }
        if (line.empty() || line[0] == '-') continue;
        std::istringstream fields(line);
        std::uint64_t added = 0, removed = 0;
        if (fields >> added >> removed) {
            out[who].added += added;
            out[who].removed += removed;
        }
    }
    return out;
}

bool have_git() {
    return test::run_command("git --version").rfind("git version", 0) == 0;
}

TEST(History, AgreesWithGitOnABuiltHistory) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    test::TempDir dir;
    std::string g = "cd " + dir.path + " && git -c init.defaultBranch=main ";
    auto as = [&](const std::string& who, const std::string& email) {
        return "cd " + dir.path + " && GIT_AUTHOR_NAME='" + who + "' GIT_AUTHOR_EMAIL='" + email +
               "' GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@example.org git ";
    };
    ASSERT_EQ(test::run_command(g + "init -q . && echo ok"), "ok");
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "line " + std::to_string(i) + "\n";
    dir.write("a.txt", text);
    dir.write(".mailmap", "Jane Doe <jane@example.org> <jane@old.example>\n");
    ASSERT_EQ(test::run_command(as("jane", "jane@old.example") + "add -A && " +
                                as("jane", "jane@old.example") + "commit -qm root && echo ok"),
              "ok");
    dir.write("a.txt", text + "one more\n");
    dir.write("bin.dat", std::string("\0\1\2binary\0", 10));
    ASSERT_EQ(test::run_command(as("Joe", "joe@example.org") + "add -A && " +
                                as("Joe", "joe@example.org") + "commit -qm two && echo ok"),
              "ok");
    // A rename with a small change: a deletion and an addition, as git log --no-renames has it.
    ASSERT_EQ(test::run_command(g + "branch side && " + as("Joe", "joe@example.org") +
                                "mv a.txt b.txt && echo tail >> " + dir.path + "/b.txt && " +
                                as("Joe", "joe@example.org") + "commit -qam rename && echo ok"),
              "ok");
    ASSERT_EQ(test::run_command(g + "checkout -q side && echo side > " + dir.path +
                                "/side.txt && " + as("Jane Doe", "jane@example.org") +
                                "add side.txt && " + as("Jane Doe", "jane@example.org") +
                                "commit -qm side && " + g + "checkout -q main && " +
                                as("Joe", "joe@example.org") +
                                "merge -q --no-ff -m merge side && echo ok"),
              "ok");
    // A symlink that becomes a text file: git diffs the link's target against the text.
    ASSERT_EQ(test::run_command("cd " + dir.path + " && ln -s b.txt link && " +
                                as("Joe", "joe@example.org") + "add link && " +
                                as("Joe", "joe@example.org") + "commit -qm link && rm link && " +
                                "printf 'x\\ny\\n' > link && " + as("Joe", "joe@example.org") +
                                "commit -qam typechange && echo ok"),
              "ok");
    // A submodule added then moved on ("Subproject commit <id>", one line each side), a file
    // marked "-diff" in .gitattributes (binary to git whatever its content), a mode change (no
    // lines), and a file replaced by a directory of the same name (a deletion and an addition).
    std::string commit_id = test::run_command("cd " + dir.path + " && git rev-parse HEAD");
    std::string root_id = test::run_command("cd " + dir.path + " && git rev-parse HEAD~2");
    ASSERT_EQ(test::run_command(
                  "cd " + dir.path + " && git update-index --add --cacheinfo 160000," + root_id +
                  ",sub && printf 'x\\ny\\n' > lock.txt && echo 'lock.txt -diff' > .gitattributes" +
                  " && git add lock.txt .gitattributes && " + as("Joe", "joe@example.org") +
                  "commit -qm submodule && echo ok"),
              "ok");
    ASSERT_EQ(test::run_command(
                  "cd " + dir.path + " && git update-index --cacheinfo 160000," + commit_id +
                  ",sub && printf 'z\\n' >> lock.txt && chmod +x b.txt && rm link && mkdir link" +
                  " && printf 'in\\ndir\\n' > link/inner && git add -A lock.txt b.txt link && " +
                  as("Joe", "joe@example.org") + "commit -qm moves && echo ok"),
              "ok");
    WalkOptions keep;
    keep.keep_files = true;
    auto h = walk_history(dir.path, keep);
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->commits.size(), 9u);
    // Lines by author and path, summed over the history: Joe's a.txt line, the rename (41 out,
    // 42 in), the symlink (1) and its type change (2 in, 1 out), the submodule (1, then 1 in
    // and 1 out), .gitattributes (1), the file replaced by a directory (2 out, 2 in the
    // directory); the binary files count none.
    EXPECT_EQ(h->lines.by_directory.at(".").at(author_key({"Joe", "joe@example.org"})),
              1u + 41u + 42u + 1u + 3u + 1u + 2u + 1u + 2u);
    EXPECT_EQ(h->lines.by_directory.at("link/").at(author_key({"Joe", "joe@example.org"})), 2u);
    EXPECT_EQ(h->commits.front().added, 1u + 2u);
    EXPECT_EQ(h->commits.front().removed, 1u + 2u);
    EXPECT_EQ(ours(*h), gits(dir.path));
    const Commit* rename = nullptr;
    for (const auto& c : h->commits)
        if (c.files.size() == 2 && c.files[1].path == "b.txt") rename = &c;
    ASSERT_NE(rename, nullptr);
    EXPECT_EQ(rename->added, 42u);
    EXPECT_EQ(rename->removed, 41u);
    // The binary file has no line counts.
    bool binary = false;
    for (const auto& c : h->commits)
        for (const auto& f : c.files)
            binary |= f.path == "bin.dat" && f.binary;
    EXPECT_TRUE(binary);

    std::map<std::string, const FileChange*> last;
    for (const auto& f : h->commits.front().files)
        last[f.path] = &f;
    ASSERT_EQ(last.size(), 5u); // sub, lock.txt, b.txt (mode), link (gone), link/inner
    EXPECT_TRUE(last.at("lock.txt")->binary);
    EXPECT_EQ(last.at("b.txt")->added + last.at("b.txt")->removed, 0u);
    EXPECT_EQ(last.at("sub")->added, 1u);

    auto single = walk_history(dir.path, {{"main~5"}, false, 0, 0, 1, true});
    ASSERT_TRUE(single);
    EXPECT_EQ(single->commits.size(), 3u);
    auto bad = walk_history(dir.path, {{"no-such-ref"}, false, 0, 0, 0, true});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("unknown revision 'no-such-ref'"), std::string::npos);
    test::TempDir empty;
    EXPECT_FALSE(walk_history(empty.path, {}));

    // A shallow clone: its boundary commit counts as a root, as git counts it, and nothing fails.
    test::TempDir shallow;
    ASSERT_EQ(test::run_command("git clone -q --depth 2 file://" + dir.path + " " + shallow.path +
                                "/c 2>&1 && echo ok"),
              "ok");
    auto cut = walk_history(shallow.path + "/c", {});
    ASSERT_TRUE(cut) << cut.error().message;
    EXPECT_EQ(cut->commits.size(), 2u);
    EXPECT_TRUE(cut->diagnostics.empty());
    EXPECT_EQ(ours(*cut), gits(shallow.path + "/c"));
}

TEST(History, AgreesWithGitOnThisRepository) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    std::string root = std::filesystem::path(KAIYUAN_TEST_DATA).parent_path().string();
    if (!std::filesystem::exists(root + "/.git")) GTEST_SKIP() << "no .git in " << root;
    if (test::run_command("cd " + root + " && git rev-parse --is-shallow-repository") == "true")
        GTEST_SKIP() << "a shallow clone: git and kaiyuan would agree on a truncated history";
    auto h = walk_history(root, {});
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_GT(h->commits.size(), 10u);
    EXPECT_EQ(ours(*h), gits(root));
}

} // namespace

namespace {

/// A repository with a.txt ("one") written but not committed: the shell prefix that runs git
/// in it as committer "c", or "" when git failed.
std::string new_repository(const test::TempDir& dir) {
    std::string g = "cd " + dir.path + " && GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x ";
    if (test::run_command(g + "git -c init.defaultBranch=main init -q . && echo ok") != "ok")
        return {};
    dir.write("a.txt", "one\n");
    return g;
}

// Real histories are not all clean: an author with no email and a name that is not UTF-8, an
// octopus merge, and a blob whose object file is damaged. The damaged blob is a diagnostic
// naming the commit, that commit's lines are left out, and the walk goes on.
TEST(History, DamagedObjectsAndOddAuthorsDoNotStopTheWalk) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    test::TempDir dir;
    std::string g = new_repository(dir);
    ASSERT_FALSE(g.empty());
    // The root commit written by hand: git itself would re-encode a Latin-1 name.
    ASSERT_EQ(test::run_command(
                  g + "git add a.txt && tree=$(git write-tree) && printf 'tree %s\\nauthor " +
                  "Jos\\351 <> 1700000000 +0000\\ncommitter c <c@x> 1700000000 +0000\\n\\n" +
                  "latin1\\n' $tree > c.txt && git update-ref refs/heads/main $(git hash-object " +
                  "-t commit -w c.txt) && rm c.txt && echo ok"),
              "ok");
    for (const char* branch : {"x", "y"})
        ASSERT_EQ(test::run_command(g + "git checkout -qb " + branch + " main && echo " + branch +
                                    " > " + branch + ".txt && git add . && GIT_AUTHOR_NAME=a " +
                                    "GIT_AUTHOR_EMAIL=a@x git commit -qm " + branch +
                                    " && echo ok"),
                  "ok");
    ASSERT_EQ(test::run_command(g +
                                "git checkout -q main && GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x " +
                                "git merge -q --no-ff -m octopus x y >/dev/null && echo ok"),
              "ok");
    dir.write("a.txt", "one\ntwo\n");
    ASSERT_EQ(test::run_command(g + "GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x git commit -qam two " +
                                "&& echo ok"),
              "ok");
    // Damage the first version of a.txt (a loose object): the last commit diffs against it.
    std::string blob = test::run_command("cd " + dir.path + " && git rev-parse main~1:a.txt");
    std::string object = dir.path + "/.git/objects/" + blob.substr(0, 2) + "/" + blob.substr(2);
    ASSERT_EQ(test::run_command("chmod u+w " + object + " && printf 'garbage' > " + object +
                                " && echo ok"),
              "ok");
    std::string two = test::run_command("cd " + dir.path + " && git rev-parse main");
    auto h = walk_history(dir.path, {});
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->commits.size(), 5u);
    EXPECT_EQ(std::count_if(h->commits.begin(), h->commits.end(),
                            [](const Commit& c) { return c.parents == 3; }),
              1)
        << "the octopus merge";
    // Commits made in the same second have no order by time: find the root by its parents.
    auto root = std::find_if(h->commits.begin(), h->commits.end(),
                             [](const Commit& c) { return c.parents == 0; });
    ASSERT_NE(root, h->commits.end());
    EXPECT_EQ(root->author.email, "");
    EXPECT_EQ(root->author.name, "Jos\xe9") << "kept as the commit has it";
    bool named = false;
    for (const auto& d : h->diagnostics)
        named |= d.message.find(two) != std::string::npos &&
                 d.message.find("not counted") != std::string::npos;
    EXPECT_TRUE(named) << "the damaged blob is reported with its commit";
    for (const auto& c : h->commits) {
        if (c.id == two) {
            EXPECT_EQ(c.added, 0u);
        }
    }
}

// Commits libgit2 refuses but git shows: an author date that is not a number, and one that
// overflows. They are read from the object's text, counted as git counts them (per-person
// commits and lines equal git's), and dated by their commit time.
TEST(History, CommitsWithBrokenDatesAreReadAsGitReadsThem) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    test::TempDir dir;
    std::string g = new_repository(dir);
    ASSERT_FALSE(g.empty());
    ASSERT_EQ(test::run_command(g + "git add a.txt && GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=a@x " +
                                "git commit -qm root && echo ok"),
              "ok");
    auto raw = [&](const std::string& author, const std::string& content) {
        dir.write("a.txt", content);
        return test::run_command(
            g + "git add a.txt && printf 'tree %s\\nparent %s\\nauthor " + author +
            "\\ncommitter c <c@x> 1700000000 +0000\\n\\nraw\\n' $(git write-tree) " +
            "$(git rev-parse HEAD) > c.txt && git update-ref refs/heads/main $(git hash-object " +
            "--literally -t commit -w c.txt) && rm c.txt && echo ok");
    };
    ASSERT_EQ(raw("Bad Date <b@x> notadate", "one\ntwo\n"), "ok");
    ASSERT_EQ(raw("Big Date <b@x> 99999999999999999999 +0000", "one\ntwo\nthree\n"), "ok");
    auto h = walk_history(dir.path, {});
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_EQ(h->commits.size(), 3u);
    EXPECT_EQ(ours(*h), gits(dir.path));
    for (const auto& c : h->commits)
        if (c.author.name != "Ann") {
            EXPECT_EQ(c.time, 1700000000) << c.author.name;
            EXPECT_EQ(c.added, 1u) << c.author.name;
        }
}

TEST(History, RawCommitText) {
    std::string tree(40, 'a'), parent(40, 'b');
    auto c = parse_raw_commit("tree " + tree + "\nparent " + parent + "\nparent " + parent +
                              "\nauthor Jane Doe <jane@x> 1700000000 -0130\ncommitter c <c@x> "
                              "1700000100 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n "
                              "tree " +
                              std::string(40, 'c') + "\n -----END PGP SIGNATURE-----\n\nmsg\n");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->parents.size(), 2u);
    EXPECT_EQ(c->author.name, "Jane Doe");
    EXPECT_EQ(c->author.email, "jane@x");
    EXPECT_EQ(c->time, 1700000000);
    EXPECT_EQ(c->offset, -90);
    EXPECT_EQ(c->commit_time, 1700000100);
    EXPECT_FALSE(c->date_broken);
    auto no_email = parse_raw_commit("tree " + tree + "\nauthor root 12\n\n");
    ASSERT_TRUE(no_email);
    EXPECT_EQ(no_email->author.name, "root 12");
    EXPECT_TRUE(no_email->date_broken);
    EXPECT_FALSE(parse_raw_commit("author a <b> 1 +0000\n\n")) << "no tree: no commit";
    EXPECT_FALSE(parse_raw_commit("tree xyz\n"));
    EXPECT_FALSE(parse_raw_commit("tree " + tree + "\nparent 123\n"));
}

} // namespace
