// openEuler-Advisor's upstream-info files, real ones (tests/upstream/testdata/README.md): kinds,
// tag rules, the misspellings real files hold, and kinds that cannot be checked, each with its
// diagnostic; then the tags those files recorded, cleaned as openEuler-Advisor cleans them;
// then tags listed from a git repository without cloning it.
#include "kaiyuan/upstream/description.hpp"
#include "kaiyuan/upstream/git_tags.hpp"
#include "kaiyuan/upstream/tags.hpp"
#include "kaiyuan/util/files.hpp"

#include "../run_command.hpp"
#include "../source/test_archives.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kaiyuan;
using namespace kaiyuan::upstream;

namespace {

struct Read {
    UpstreamDescription d;
    std::vector<model::Diagnostic> diagnostics;
};

Read read(const std::string& package) {
    std::string path =
        std::string(KAIYUAN_TEST_DATA) + "/upstream/testdata/upstream-info/" + package + ".yaml";
    auto text = util::read_file(path);
    EXPECT_TRUE(text) << path;
    Read r;
    auto d = read_upstream_info(text ? *text : "", path, r.diagnostics);
    EXPECT_TRUE(d) << (d ? "" : d.error().message);
    if (d) r.d = std::move(*d);
    return r;
}

bool says(const Read& r, std::string_view what) {
    for (const auto& d : r.diagnostics)
        if (d.message.find(what) != std::string::npos) return true;
    return false;
}

TEST(UpstreamInfo, ReadsRealFiles) {
    auto zlib = read("zlib");
    EXPECT_EQ(zlib.d.package, "zlib");
    EXPECT_EQ(zlib.d.kind, UpstreamKind::github);
    EXPECT_EQ(zlib.d.src_repo, "madler/zlib");
    EXPECT_EQ(zlib.d.tag_prefix, "^v");
    EXPECT_TRUE(zlib.diagnostics.empty());
    ASSERT_FALSE(zlib.d.recorded_tags.empty());
    EXPECT_EQ(zlib.d.recorded_tags.front().second, "v1.2.11");
    EXPECT_EQ(zlib.d.recorded_tags.front().first, "2017-01-15");

    auto bash = read("bash");
    EXPECT_EQ(bash.d.kind, UpstreamKind::git);
    EXPECT_EQ(bash.d.src_repo, "git://git.savannah.gnu.org/bash.git");
    EXPECT_EQ(read("bc").d.kind, UpstreamKind::gnu_ftp);
    EXPECT_EQ(read("acpica-tools").d.tag_neworder, "20\\3\\1\\2");
}

TEST(UpstreamInfo, MisspellingsAndUncheckableKindsAreSaid) {
    auto leptonica = read("leptonica");
    EXPECT_TRUE(says(leptonica, "'seperator' is misspelt: read as 'separator'"));
    EXPECT_EQ(leptonica.d.kind, UpstreamKind::github);
    auto certmonger = read("certmonger");
    EXPECT_TRUE(says(certmonger, "'version-control' is misspelt"));
    EXPECT_TRUE(says(certmonger, "no upstream is described"));
    EXPECT_EQ(certmonger.d.kind, UpstreamKind::none);
    EXPECT_TRUE(certmonger.d.separator.empty()) << "NA means none";
    EXPECT_TRUE(says(read("dcraw"), "'version-ctrl' is misspelt"));
    auto sqlite = read("sqlite");
    EXPECT_EQ(sqlite.d.kind, UpstreamKind::none);
    EXPECT_TRUE(says(sqlite, "version_control 'fossil' cannot be checked"));
    EXPECT_EQ(sqlite.diagnostics.front().location.line, 2u);
    EXPECT_TRUE(says(read("libev"), "'cvs' cannot be checked"));
}

TEST(UpstreamInfo, MalformedFilesAreErrorsOrDiagnostics) {
    std::vector<model::Diagnostic> diagnostics;
    EXPECT_FALSE(read_upstream_info("- a\n- b\n", "list.yaml", diagnostics));
    auto bad = read_upstream_info("version_control: [github]\nsrc_repo: x\nfoo: 1\n"
                                  "src_repo: y\ntag_reorder: \"(a)\"\n",
                                  "odd.yaml", diagnostics);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->src_repo, "y") << "the last, as PyYAML (openEuler-Advisor's reader) takes it";
    std::string all;
    for (const auto& d : diagnostics)
        all += d.location.to_string() + " " + d.message + "\n";
    EXPECT_NE(all.find("odd.yaml:1 'version_control' is not a single value"), std::string::npos)
        << all;
    EXPECT_NE(all.find("odd.yaml:3 unknown setting 'foo'"), std::string::npos) << all;
    EXPECT_NE(all.find("odd.yaml:4 'src_repo' given again (first on line 2): this one is used"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("tag_reorder without tag_neworder"), std::string::npos) << all;
    auto not_yaml = read_upstream_info("a: [b\n", "broken.yaml", diagnostics);
    ASSERT_FALSE(not_yaml);
    EXPECT_NE(not_yaml.error().message.find("broken.yaml"), std::string::npos);
}

TEST(UpstreamTags, CleanedAsOpenEulerAdvisorCleansThem) {
    auto clean_all = [](const std::string& package) {
        auto r = read(package);
        TagCleaner cleaner(r.d);
        EXPECT_EQ(cleaner.error(), "");
        std::vector<std::string> out;
        for (const auto& [date, tag] : r.d.recorded_tags)
            if (auto v = cleaner.clean(tag)) out.push_back(*v);
        return out;
    };
    auto zlib = clean_all("zlib");
    ASSERT_GE(zlib.size(), 3u);
    EXPECT_EQ(zlib[0], "1.2.11");
    auto curl = clean_all("curl");
    ASSERT_FALSE(curl.empty());
    EXPECT_EQ(curl[0], "7.71.1") << "prefix removed, '_' read as '.'";
    auto acpica = clean_all("acpica-tools");
    ASSERT_FALSE(acpica.empty());
    EXPECT_EQ(acpica[0], "20200717") << "R07_17_20 reordered to a date";
    auto bash = clean_all("bash");
    ASSERT_FALSE(bash.empty());
    EXPECT_EQ(bash[0], "5.0");

    UpstreamDescription bc;
    bc.tag_pattern = "bc-(.*).tar.gz(.sig)?";
    TagCleaner pattern(bc);
    EXPECT_EQ(pattern.clean("bc-1.07.1.tar.gz").value_or("?"), "1.07.1");
    EXPECT_EQ(pattern.clean("bc-1.07.1.tar.gz.sig").value_or("?"), "1.07.1");
    EXPECT_FALSE(pattern.clean("dc-1.0.tar.gz")) << "must match at the start, as re.match";
    UpstreamDescription bad;
    bad.tag_prefix = "v(";
    EXPECT_NE(TagCleaner(bad).error().find("tag_prefix 'v('"), std::string::npos);
    UpstreamDescription groupless;
    groupless.tag_pattern = "v.*";
    EXPECT_NE(TagCleaner(groupless).error().find("no group"), std::string::npos);
}

TEST(UpstreamTags, StableReleasesByWordsNotStrayLetters) {
    struct Case {
        const char* version;
        Stability ours;
        bool advisor;
    };
    // Where openEuler-Advisor's rule is wrong, the comment says why.
    for (const Case& c : std::initializer_list<Case>{
             {"1.2.11", Stability::release, true},
             {"1.0.2d", Stability::release, false},      // OpenSSL's letter release
             {"2.2pl2", Stability::release, false},      // a patch level (netperf)
             {"1.2.3.Final", Stability::release, false}, // JBoss's release marker
             {"20200717", Stability::release, true},
             {"2024.01.15", Stability::release, true},
             {"4.75.0-rc", Stability::prerelease, false},
             {"0.8.0-dev.1", Stability::prerelease, false},
             {"4.60.0-alpha", Stability::prerelease, false},
             {"1.0a1", Stability::prerelease, false},
             {"2.0b3", Stability::prerelease, false},
             {"1.0.0-M2", Stability::prerelease, true}, // a milestone the Advisor takes
             {"1.0.0.CR1", Stability::prerelease, false},
             {"1.3.pre1", Stability::prerelease, false},
             {"2.1.BP", Stability::prerelease, false},
             {"3.0.0-SNAPSHOT", Stability::prerelease, true}, // a snapshot the Advisor takes
             {"1.0+deb10u1", Stability::not_a_version, false},
             {"1.2-3.el8", Stability::not_a_version, true}, // a vendor build the Advisor takes
             {"v1.2", Stability::not_a_version, false},
             {"", Stability::not_a_version, false},
             // From openEuler-Advisor's own recorded tag sets (upstream describe, all files):
             {"2.82test1", Stability::prerelease, true},          // dnsmasq
             {"5.1.0-docs", Stability::not_a_version, false},     // gawk's documentation
             {"8.7.a3", Stability::prerelease, false},            // Tcl 8.7 alpha 3
             {"1.2.1-alt1", Stability::not_a_version, false},     // ALT Linux's build
             {"32-updates", Stability::not_a_version, false},     // crypto-policies
             {"3.6.release.20200429", Stability::release, false}, // nettle
             {"8u292", Stability::release, true},                 // a Java update
             {"2.2p1", Stability::release, true},
             {"1.2 beta", Stability::not_a_version, false},
         }) {
        EXPECT_EQ(stability(c.version), c.ours) << c.version;
        EXPECT_EQ(advisor_accepts(c.version), c.advisor) << c.version;
    }
}

TEST(UpstreamTags, NewestAndNewestInTheSeries) {
    std::vector<std::string> v{"1.2.9", "1.2.11", "1.2.10", "1.3", "1.3.1", "2.0"};
    EXPECT_EQ(newest(v), "2.0");
    EXPECT_EQ(newest_in_series(v, "1.2.8"), "1.2.11");
    EXPECT_EQ(newest_in_series(v, "1.3"), "1.3.1");
    EXPECT_EQ(newest_in_series(v, "3.0"), "");
    EXPECT_EQ(newest({}), "");
    EXPECT_EQ(newest({"1.0.2d", "1.0.2k", "1.0.2"}), "1.0.2k");
}

} // namespace

namespace {

// Tags listed without cloning, from a repository the test builds (a lightweight and an
// annotated tag, peeled to their commits), through insteadOf as git's config gives it.
TEST(UpstreamGit, ListsTagsWithoutCloningThroughInsteadOf) {
    if (test::run_command("git --version").rfind("git version", 0) != 0)
        GTEST_SKIP() << "git is not installed";
    test::TempDir dir;
    std::string g = "cd " + dir.path + " && GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x " +
                    "GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x ";
    ASSERT_EQ(test::run_command(g + "git -c init.defaultBranch=main init -q up && cd up && " +
                                "echo 1 > f && git add f && git commit -qm one && " +
                                "git tag v1.0 && echo 2 > f && git commit -qam two && " +
                                "git tag -a -m 'release' v1.1 && echo ok"),
              "ok");
    std::string head = test::run_command("cd " + dir.path + "/up && git rev-parse HEAD");
    dir.write("gitconfig", "[url \"" + dir.path + "/\"]\n\tinsteadOf = mirror:\n");
    auto rules = insteadof_rules(dir.path + "/gitconfig");
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(apply_insteadof("mirror:up", rules), dir.path + "/up");
    EXPECT_EQ(apply_insteadof("https://example.org/x", rules), "https://example.org/x");
    auto tags = list_tags("mirror:up", rules);
    ASSERT_TRUE(tags) << tags.error().message;
    ASSERT_EQ(tags->size(), 2u);
    std::map<std::string, std::string> by_name;
    for (const auto& t : *tags)
        by_name[t.name] = t.commit;
    EXPECT_EQ(by_name.at("v1.1"), head) << "the annotated tag peeled to its commit";
    EXPECT_NE(by_name.at("v1.0"), head);
    auto missing = list_tags(dir.path + "/nowhere", {});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("nowhere: cannot list its refs"), std::string::npos)
        << missing.error().message;
}

TEST(UpstreamGit, LongestInsteadOfWins) {
    InsteadOf rules{{"https://mirror.example/", "https://github.com/"},
                    {"https://fast.example/zlib/", "https://github.com/madler/"}};
    EXPECT_EQ(apply_insteadof("https://github.com/madler/zlib.git", rules),
              "https://fast.example/zlib/zlib.git");
    EXPECT_EQ(apply_insteadof("https://github.com/curl/curl.git", rules),
              "https://mirror.example/curl/curl.git");
}

} // namespace
