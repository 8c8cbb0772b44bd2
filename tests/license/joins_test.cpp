// Joining findings after detection, on findings built here: which exception joins which license,
// and when two licenses become one "A OR B" and when they must stay two.
#include "kaiyuan/license/joins.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::license;

namespace {

LicenseMatch finding(LicenseMatch::Kind kind, std::string expression, std::uint32_t start,
                     std::uint32_t end) {
    LicenseMatch m;
    m.kind = kind;
    m.expression = std::move(expression);
    m.start_line = start;
    m.end_line = end;
    m.score = kind == LicenseMatch::Kind::clue ? 50 : 100;
    return m;
}

/// `n` lines of text, with `cue` as line `at` (1-based).
std::string lines_with(std::size_t n, std::size_t at, std::string_view cue) {
    std::string out;
    for (std::size_t i = 1; i <= n; ++i)
        out += (i == at ? std::string(cue) : "line " + std::to_string(i)) + "\n";
    return out;
}

std::vector<std::string> ids(const std::vector<LicenseMatch>& matches) {
    std::vector<std::string> out;
    for (const auto& m : matches)
        out.push_back(m.expression);
    return out;
}

using Kind = LicenseMatch::Kind;

} // namespace

TEST(JoinExceptions, the_nearest_license_within_forty_lines_takes_the_exception) {
    std::vector<LicenseMatch> m = {finding(Kind::text, "MIT", 1, 20),
                                   finding(Kind::notice, "Apache-2.0 OR MIT", 60, 70),
                                   finding(Kind::exception, "LLVM-exception", 72, 80)};
    join_exceptions(m);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[1].expression, "(Apache-2.0 OR MIT) WITH LLVM-exception");
    EXPECT_EQ(m[1].start_line, 60u);
    EXPECT_EQ(m[1].end_line, 80u);
    EXPECT_EQ(m[0].expression, "MIT");

    // Farther than 40 lines from any license: reported alone.
    m = {finding(Kind::notice, "GPL-2.0-or-later", 1, 5),
         finding(Kind::exception, "Classpath-exception-2.0", 50, 60)};
    join_exceptions(m);
    EXPECT_EQ(ids(m), (std::vector<std::string>{"GPL-2.0-or-later", "Classpath-exception-2.0"}));

    // A clue is no license to attach to.
    m = {finding(Kind::clue, "GPL-2.0-or-later", 1, 1),
         finding(Kind::exception, "Classpath-exception-2.0", 2, 9)};
    join_exceptions(m);
    EXPECT_EQ(m.size(), 2u);
}

TEST(JoinDualLicenses, a_cue_joins_exactly_two_licenses_into_one_or) {
    std::string text = lines_with(30, 12, "Alternatively, you may use it under the GPL.");
    std::vector<LicenseMatch> m = {finding(Kind::text, "BSD-3-Clause", 2, 10),
                                   finding(Kind::notice, "GPL-2.0-or-later", 13, 15)};
    m[1].score = 90;
    join_dual_licenses(m, {}, text);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].expression, "BSD-3-Clause OR GPL-2.0-or-later");
    EXPECT_EQ(m[0].start_line, 2u);
    EXPECT_EQ(m[0].end_line, 15u);
    EXPECT_EQ(m[0].score, 90); // the weaker of the two

    // A clue hidden inside the text's lines is the other half; the text carries the finding.
    m = {finding(Kind::text, "MIT", 5, 25)};
    join_dual_licenses(m, {finding(Kind::clue, "Apache-2.0", 12, 12)}, text);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].expression, "MIT OR Apache-2.0");
    EXPECT_EQ(m[0].kind, Kind::text);
}

TEST(JoinDualLicenses, no_choice_is_invented) {
    std::string cue = lines_with(30, 12, "This file is dual-licensed.");
    auto unchanged = [&](std::vector<LicenseMatch> m, std::string_view text) {
        std::vector<std::string> before = ids(m);
        join_dual_licenses(m, {}, text);
        return ids(m) == before;
    };
    // No cue.
    EXPECT_TRUE(unchanged({finding(Kind::text, "MIT", 1, 10), finding(Kind::notice, "ISC", 14, 16)},
                          lines_with(30, 0, "")));
    // Three licenses: which two are the choice is not known.
    EXPECT_TRUE(unchanged({finding(Kind::notice, "MIT", 1, 3), finding(Kind::notice, "ISC", 13, 14),
                           finding(Kind::notice, "Zlib", 15, 16)},
                          cue));
    // Two whole texts are both binding, whatever the words around them.
    EXPECT_TRUE(
        unchanged({finding(Kind::text, "MIT", 1, 10), finding(Kind::text, "ISC", 13, 20)}, cue));
    // One license's two grants.
    EXPECT_TRUE(unchanged({finding(Kind::text, "LGPL-2.1-only", 1, 10),
                           finding(Kind::notice, "LGPL-2.1-or-later", 13, 16)},
                          cue));
    // Two clues.
    EXPECT_TRUE(
        unchanged({finding(Kind::clue, "MIT", 11, 11), finding(Kind::clue, "ISC", 13, 13)}, cue));
    // A cue the licenses' own texts hold: MPL-2.0 says "terms of either" itself, the LGPL
    // "alternatively". The same cue does join a license whose text lacks it.
    EXPECT_TRUE(unchanged(
        {finding(Kind::text, "MPL-2.0", 1, 10), finding(Kind::notice, "GPL-2.0-only", 13, 16)},
        lines_with(30, 11, "under the terms of either license")));
    EXPECT_TRUE(unchanged(
        {finding(Kind::text, "LGPL-2.1-only", 1, 10), finding(Kind::notice, "MIT", 13, 16)},
        lines_with(30, 11, "Alternatively, MIT.")));
    EXPECT_FALSE(unchanged(
        {finding(Kind::text, "Apache-2.0", 1, 10), finding(Kind::notice, "GPL-2.0-only", 13, 16)},
        lines_with(30, 11, "under the terms of either license")));
}
