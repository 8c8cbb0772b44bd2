#include "kaiyuan/util/glob.hpp"

#include <gtest/gtest.h>

using kaiyuan::util::glob_match;

TEST(Glob, double_star_matches_any_depth_including_none) {
    EXPECT_TRUE(glob_match("**/var/lib/dpkg/status", "var/lib/dpkg/status"));
    EXPECT_TRUE(glob_match("**/var/lib/dpkg/status", "rootfs/var/lib/dpkg/status"));
    EXPECT_FALSE(glob_match("**/var/lib/dpkg/status", "rootfs/var/lib/dpkg/status.old"));
    EXPECT_FALSE(glob_match("**/var/lib/dpkg/status", "xvar/lib/dpkg/status"));
}

TEST(Glob, star_stays_in_one_segment) {
    EXPECT_TRUE(glob_match("**/var/lib/dpkg/info/*.list", "var/lib/dpkg/info/bash.list"));
    EXPECT_FALSE(glob_match("**/var/lib/dpkg/info/*.list", "var/lib/dpkg/info/x/bash.list"));
    EXPECT_TRUE(glob_match("*.rpm", "a.rpm"));
    EXPECT_FALSE(glob_match("*.rpm", "d/a.rpm"));
}

TEST(Glob, classes_and_question_mark) {
    EXPECT_TRUE(glob_match("a[0-9]?", "a1x"));
    EXPECT_FALSE(glob_match("a[!0-9]?", "a1x"));
    EXPECT_FALSE(glob_match("a?", "a/"));
}
