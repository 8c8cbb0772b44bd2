#include "kaiyuan/util/text_table.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace kaiyuan::util;

namespace {
std::size_t widest_line(const std::string& text) {
    std::istringstream in(text);
    std::size_t widest = 0;
    for (std::string line; std::getline(in, line);)
        widest = std::max(widest, display_width(line));
    return widest;
}
} // namespace

TEST(TextTable, fits_the_width_cutting_the_widest_columns_with_an_ellipsis) {
    TextTable t{{"NAME", "VERSION", "LICENSE"},
                {{"bash", "5.2.15-2+b13",
                  "GPL-3.0-or-later AND GPL-3.0-or-later WITH Bison-exception-2.2 AND "
                  "Latex2e-translated-notice AND BSD-3-Clause AND ISC"},
                 {"华为-工具", "1.0", "MulanPSL-2.0"}}};
    std::string wide = render(t, 400);
    EXPECT_NE(wide.find("Latex2e-translated-notice AND BSD-3-Clause AND ISC"), std::string::npos);
    std::string narrow = render(t, 60);
    EXPECT_LE(widest_line(narrow), 60u) << narrow;
    EXPECT_NE(narrow.find("\u2026"), std::string::npos);
    EXPECT_NE(narrow.find("5.2.15-2+b13"), std::string::npos); // short columns keep their text
    EXPECT_NE(narrow.find("华为-工具"), std::string::npos);    // widths count characters
    // Columns never shrink below their floor: a very narrow terminal gets long lines.
    std::string tiny = render(t, 5);
    EXPECT_NE(tiny.find("NAME"), std::string::npos);
}
