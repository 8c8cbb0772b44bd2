// .mailmap as git reads it: every form, case-insensitive matching, later lines winning, comments
// and malformed lines; checked against `git check-mailmap` on the same file.
#include "kaiyuan/community/mailmap.hpp"

#include "../run_command.hpp"
#include "../source/test_archives.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using namespace kaiyuan::community;

namespace {

const char* k_mailmap = R"(# The four forms, and what git does at their edges.
Jane Doe <jane@example.org>
<jane@example.org> <jane.doe@old.example>
Joe Developer <joe@example.org> <joe@laptop.local>
Joe Developer <joe@example.org> joe <joe@shared.example>
Other Joe <other@example.org> OTHER JOE <joe@shared.example>
Jane Doe <jane@example.org> <JANE@CAPS.example> # text after the last address is a comment
Renamed Later <jane@example.org>
   <only-email@example.org>   <x@example.org>
no address on this line
)";

TEST(Mailmap, Forms) {
    Mailmap m;
    std::vector<model::Diagnostic> diagnostics;
    m.read(k_mailmap, ".mailmap", diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].location.line, 10u);
    // A later simple line replaces the name.
    EXPECT_EQ(m.resolve({"J", "jane@example.org"}),
              (Identity{"Renamed Later", "jane@example.org"}));
    EXPECT_EQ(m.resolve({"Jane", "Jane.Doe@OLD.example"}), (Identity{"Jane", "jane@example.org"}));
    EXPECT_EQ(m.resolve({"joe", "joe@laptop.local"}),
              (Identity{"Joe Developer", "joe@example.org"}));
    EXPECT_EQ(m.resolve({"Joe", "joe@shared.example"}),
              (Identity{"Joe Developer", "joe@example.org"}));
    EXPECT_EQ(m.resolve({"Other Joe", "joe@shared.example"}),
              (Identity{"Other Joe", "other@example.org"}));
    EXPECT_EQ(m.resolve({"someone", "joe@shared.example"}),
              (Identity{"someone", "joe@shared.example"}));
    EXPECT_EQ(m.resolve({"x", "nobody@example.org"}), (Identity{"x", "nobody@example.org"}));
}

TEST(Mailmap, AgreesWithGitCheckMailmap) {
    if (test::run_command("git --version").rfind("git version", 0) != 0)
        GTEST_SKIP() << "git is not installed";
    test::TempDir dir;
    dir.write(".mailmap", k_mailmap);
    ASSERT_EQ(test::run_command("cd " + dir.path + " && git init -q . && echo ok"), "ok");
    Mailmap m;
    std::vector<model::Diagnostic> diagnostics;
    m.read(k_mailmap, ".mailmap", diagnostics);
    const std::vector<Identity> who{
        {"J", "jane@example.org"},          {"Jane", "jane.doe@old.example"},
        {"Jane", "JANE.DOE@old.example"},   {"joe", "joe@laptop.local"},
        {"Joe", "joe@shared.example"},      {"other joe", "joe@shared.example"},
        {"someone", "joe@shared.example"},  {"x", "nobody@example.org"},
        {"Caps", "jane@caps.example"},      {"Only", "x@example.org"},
        {"Only", "only-email@example.org"},
    };
    for (const auto& w : who) {
        std::string git = test::run_command("cd " + dir.path + " && git check-mailmap '" + w.name +
                                            " <" + w.email + ">'");
        Identity ours = m.resolve(w);
        EXPECT_EQ(ours.name + " <" + ours.email + ">", git) << w.name << " <" << w.email << ">";
    }
}

} // namespace
