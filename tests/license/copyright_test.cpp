#include "kaiyuan/license/copyright.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::license;

TEST(Copyright, statements_and_holders) {
    auto found = find_copyrights(
        "/*\n"
        " * Copyright (c) 2019-2023 Jane Doe <jane@example.org>. All rights reserved.\n"
        " * Copyright (C) 1996 - 2023, Daniel Stenberg, <daniel@haxx.se>, et al.\n"
        " * Portions Copyright 2001 Acme, Inc.\n"
        " * © 2020 华为技术有限公司\n"
        " * The above copyright notice and this permission notice shall be included\n"
        " * copyright holders may not be named\n"
        "# Copyright 2010\n"
        " */\n");
    ASSERT_EQ(found.size(), 5u);
    EXPECT_EQ(found[0].holder, "Jane Doe");
    EXPECT_EQ(found[0].line, 2u);
    EXPECT_EQ(found[0].statement,
              "Copyright (c) 2019-2023 Jane Doe <jane@example.org>. All rights reserved.");
    EXPECT_EQ(found[1].holder, "Daniel Stenberg");
    EXPECT_EQ(found[2].holder, "Acme, Inc.");
    EXPECT_EQ(found[3].holder, "华为技术有限公司");
    EXPECT_EQ(found[4].holder, ""); // a year and no name
    EXPECT_EQ(found[4].line, 8u);
}

TEST(Copyright, a_holder_cut_by_the_line_end_goes_on_on_the_next_line) {
    auto found = find_copyrights("#   Copyright (C) 2004-2005, 2021-2022 Free Software\n"
                                 "#   Foundation, Inc.\n"
                                 "#\n"
                                 "# Copyright (C) 2020 Jane\n"
                                 "# This file is free software.\n");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].holder, "Free Software Foundation, Inc.");
    EXPECT_EQ(found[1].holder, "Jane"); // the next line is a sentence, not the rest of a name
}

TEST(Copyright, long_lines_and_bytes_are_not_statements) {
    EXPECT_TRUE(find_copyrights(std::string(5000, 'x') + " Copyright (c) 2020 A\n").empty());
    EXPECT_TRUE(find_copyrights("copyright\xff\xfe (c)\n").empty());
}
