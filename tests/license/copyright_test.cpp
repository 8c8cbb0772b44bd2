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

// Statements inside code and other comment syntaxes, as curl's tree has them: the holder is
// the name, never the code around it.
TEST(Copyright, holders_without_the_code_around_them) {
    auto holders = [](const char* text) {
        std::vector<std::string> out;
        for (const auto& c : find_copyrights(text))
            out.push_back(c.holder);
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(holders("      VALUE \"LegalCopyright\",   \"Copyright (C) \" LIBCURL_COPYRIGHT "
                      "\"\\0\"\n"),
              V{""});
    EXPECT_EQ(holders(".\\\" * Copyright (C) Daniel Stenberg, <daniel@haxx.se>, et al.\n"),
              V{"Daniel Stenberg"});
    EXPECT_EQ(holders("$! Copyright (C) John Malmberg\n"), V{"John Malmberg"});
    EXPECT_EQ(holders("echo '#pragma comment(copyright, \"Copyright (C) Daniel Stenberg et al. "
                      "OS/400 version by P. Monnerat\")' >> os400.c\n"),
              V{"Daniel Stenberg et al. OS/400 version by P. Monnerat"});
    EXPECT_EQ(holders(" * Copyright (c) 2001 Alexander Peslyak and it is hereby released to the\n"
                      " * general public under the following terms:\n"),
              V{"Alexander Peslyak"});
    // Continued on the next line, in lower case, after a word that needs what follows.
    EXPECT_EQ(holders(" * Copyright (C) 1998 - 2022, Daniel Stenberg, and many\n"
                      " * contributors, see the THANKS file.\n"),
              V{"Daniel Stenberg, and many contributors"});
}
