#include "kaiyuan/util/strings.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::util;

TEST(Strings, trim_and_split) {
    EXPECT_EQ(trim("  a b \n"), "a b");
    EXPECT_EQ(split("a,b,,c", ',').size(), 4u);
    EXPECT_EQ(split_ws("  a \t b\n").size(), 2u);
}

TEST(Strings, sanitize_replaces_invalid_utf8_and_controls) {
    EXPECT_TRUE(is_valid_utf8("héllo 开源"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));     // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80")); // surrogate
    EXPECT_EQ(sanitize_text("a\xFF"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(sanitize_text(std::string("a\0b", 3)), "a\xEF\xBF\xBD"
                                                     "b");
    EXPECT_EQ(sanitize_text("tab\tnl\n"), "tab\tnl\n");
}

TEST(Strings, parse_uint_rejects_garbage) {
    std::uint64_t v = 0;
    EXPECT_TRUE(parse_uint("42", v));
    EXPECT_EQ(v, 42u);
    EXPECT_FALSE(parse_uint("4x", v));
    EXPECT_FALSE(parse_uint("", v));
    EXPECT_FALSE(parse_uint("99999999999999999999999", v));
}
