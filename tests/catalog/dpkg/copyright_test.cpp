#include "kaiyuan/catalog/dpkg/control.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::catalog::dpkg;

TEST(DpkgControl, continuation_lines_and_crlf) {
    auto c = parse_control(
        "Package: a\r\nDescription: short\r\n long line\r\n .\r\n\r\nPackage: b\r\n", {});
    ASSERT_EQ(c.paragraphs.size(), 2u);
    EXPECT_EQ(c.paragraphs[0].get("description"), "short\nlong line\n.");
    EXPECT_EQ(c.paragraphs[1].line, 6u);
}

TEST(DpkgControl, continuation_before_any_field_is_reported) {
    auto c = parse_control(" orphan\nPackage: a\n", {"f", "", 0});
    ASSERT_EQ(c.diagnostics.size(), 1u);
    EXPECT_EQ(c.diagnostics[0].location.line, 1u);
    EXPECT_EQ(c.paragraphs.size(), 1u);
}
