// GIT ranges: evaluated by commit ancestry in a repository that git itself builds in the test,
// matched through the database by repository URL, and undecided (not dropped) without history.
#include "kaiyuan/vuln/affected.hpp"
#include "kaiyuan/vuln/commit_history.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/matcher.hpp"
#include "kaiyuan/vuln/package_key.hpp"

#include "../run_command.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>

using namespace kaiyuan;
using namespace kaiyuan::vuln;
using K = RangeEvent::Kind;
using V = Evaluation::Verdict;

namespace {

std::string run(const std::string& command) {
    return test::run_command(command);
}

const char* k_repo = "https://github.com/example/lib.git";

/// History: c0 - c1 (introduces the bug) - c2 - c3 (fixes it) - c4 on main, and a branch
/// "stable" from c2 where the fix is cherry-picked as p3.
class GitHistoryTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (run("git --version").rfind("git version", 0) != 0)
            GTEST_SKIP() << "git is not installed";
        dir = std::filesystem::temp_directory_path() /
              ("kaiyuan-commits-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::string git = "cd " + dir.string() +
                          " && git -c user.name=t -c user.email=t@example.org "
                          "-c init.defaultBranch=main ";
        ASSERT_EQ(run(git + "init -q . && echo ok"), "ok");
        for (int i = 0; i <= 4; ++i) {
            if (i == 3) {
                ASSERT_EQ(run(git + "branch stable && echo ok"), "ok");
            }
            ASSERT_EQ(run("cd " + dir.string() + " && echo " + std::to_string(i) + " > f" +
                          std::to_string(i) + " && " + git + "add . && " + git + "commit -qm c" +
                          std::to_string(i) + " && echo ok"),
                      "ok");
            c[i] = run("cd " + dir.string() + " && git rev-parse HEAD");
        }
        // A commit of its own on the branch first, or the cherry-pick would be c3 again.
        ASSERT_EQ(run(git + "checkout -q stable && echo s > s && " + git + "add s && " + git +
                      "commit -qm s && " + git + "cherry-pick " + c[3] + " >/dev/null && echo ok"),
                  "ok");
        p3 = run("cd " + dir.string() + " && git rev-parse HEAD");
        history = std::make_unique<GitRepositories>(std::vector<std::string>{dir / ".git"});
        ASSERT_TRUE(history->problems().empty()) << history->problems()[0];
    }
    void TearDown() override {
        history.reset();
        if (!dir.empty()) std::filesystem::remove_all(dir);
    }

    V verdict(const std::vector<RangeEvent>& events, const std::string& commit,
              CommitHistory* h) const {
        Affected af;
        af.ranges.push_back({"GIT", k_repo, events});
        return evaluate_commit(prepare(af, version::Scheme::generic),
                               normalize_repository_url(k_repo), commit, h)
            .verdict;
    }

    std::filesystem::path dir;
    std::array<std::string, 5> c;
    std::string p3;
    std::unique_ptr<GitRepositories> history;
};

} // namespace

TEST(RepositoryUrl, the_spellings_of_one_repository_agree) {
    for (const char* url :
         {"https://github.com/Example/Lib.git", "http://github.com/example/lib/",
          "git+https://github.com/example/lib", "git@github.com:example/lib.git",
          "ssh://git@github.com:22/example/lib.git", "https://bot:token@github.com/example/lib"})
        EXPECT_EQ(normalize_repository_url(url), "github.com/example/lib") << url;
    EXPECT_EQ(normalize_repository_url("https://gitlab.com/a/b"), "gitlab.com/a/b");
    EXPECT_NE(normalize_repository_url("https://github.com/example/lib2"),
              normalize_repository_url(k_repo));
}

TEST_F(GitHistoryTest, ancestry_decides_introduced_fixed_and_cherry_picks) {
    std::vector<RangeEvent> range{{K::introduced, c[1]}, {K::fixed, c[3]}, {K::fixed, p3}};
    EXPECT_EQ(verdict(range, c[0], history.get()), V::not_affected); // before the bug
    EXPECT_EQ(verdict(range, c[1], history.get()), V::affected);
    EXPECT_EQ(verdict(range, c[2], history.get()), V::affected);
    EXPECT_EQ(verdict(range, c[3], history.get()), V::not_affected);
    EXPECT_EQ(verdict(range, c[4], history.get()), V::not_affected); // the fix in its history
    EXPECT_EQ(verdict(range, p3, history.get()), V::not_affected);   // fixed on the branch too
    // Without the cherry-pick listed, the stable branch stays affected.
    EXPECT_EQ(verdict({{K::introduced, c[1]}, {K::fixed, c[3]}}, p3, history.get()), V::affected);
}

TEST_F(GitHistoryTest, zero_last_affected_and_limit) {
    EXPECT_EQ(verdict({{K::introduced, "0"}, {K::fixed, c[3]}}, c[0], history.get()), V::affected);
    std::vector<RangeEvent> last{{K::introduced, c[1]}, {K::last_affected, c[2]}};
    EXPECT_EQ(verdict(last, c[2], history.get()), V::affected);
    EXPECT_EQ(verdict(last, c[3], history.get()), V::not_affected);
    std::vector<RangeEvent> limited{{K::introduced, c[0]}, {K::limit, c[2]}};
    EXPECT_EQ(verdict(limited, c[1], history.get()), V::affected);
    EXPECT_EQ(verdict(limited, c[4], history.get()), V::not_affected); // past the limit
}

TEST_F(GitHistoryTest, without_history_only_the_events_themselves_decide) {
    std::vector<RangeEvent> range{{K::introduced, c[1]}, {K::fixed, c[3]}};
    EXPECT_EQ(verdict(range, c[1], nullptr), V::affected);
    EXPECT_EQ(verdict(range, c[3], nullptr), V::not_affected);
    EXPECT_EQ(verdict(range, c[2], nullptr), V::unknown);
    // A commit no repository here holds is undecided even with history.
    EXPECT_EQ(verdict(range, std::string(40, 'e'), history.get()), V::unknown);
    // Another repository's ranges do not apply.
    Affected other;
    other.ranges.push_back({"GIT", "https://github.com/example/other", range});
    EXPECT_EQ(evaluate_commit(prepare(other, version::Scheme::generic),
                              normalize_repository_url(k_repo), c[1], history.get())
                  .verdict,
              V::not_affected);
}

TEST_F(GitHistoryTest, matcher_finds_a_checkout_by_repository_and_commit) {
    auto path = dir / "advisories.db";
    auto db = Database::open(path.string(), true);
    ASSERT_TRUE(db) << db.error().message;
    Advisory a;
    a.id = "OSV-2026-1";
    a.modified = "2026-01-01T00:00:00Z";
    Affected af; // a PSF-style entry: no package, only the repository
    af.ranges.push_back(
        {"GIT", "https://github.com/EXAMPLE/lib", {{K::introduced, c[1]}, {K::fixed, c[3]}}});
    a.affected.push_back(af);
    ASSERT_TRUE(db->import({a}, {}));

    model::Sbom sbom;
    for (const std::string& commit : {c[0], c[2], c[4], std::string(40, 'e')}) {
        model::Component comp;
        comp.name = "lib";
        comp.version = commit;
        comp.purl = "pkg:generic/lib@" + commit;
        comp.properties[model::k_commit_property] = commit;
        comp.properties[model::k_repository_property] = "git@github.com:example/lib.git";
        sbom.components.push_back(comp);
    }
    auto r = match(sbom, *db, history.get());
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->findings.size(), 1u);
    EXPECT_EQ(r->findings[0].component, 1u);
    EXPECT_EQ(r->findings[0].ecosystem, "GIT");
    EXPECT_EQ(r->findings[0].fixed, std::vector<std::string>{c[3]});
    ASSERT_EQ(r->diagnostics.size(), 1u); // the commit nobody holds: said, not dropped
    EXPECT_NE(r->diagnostics[0].message.find("OSV-2026-1 not decided"), std::string::npos);
}
