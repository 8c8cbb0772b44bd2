// License detection on texts built from the compiled-in SPDX list, reformatted the way files
// carry them (comment markers, re-wrapped lines, copyright lines, small edits), and on the
// standard notices.
#include "kaiyuan/license/detector.hpp"
#include "kaiyuan/license/file_scan.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/license/notices.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace kaiyuan::license;

namespace {

std::string text_of(std::string_view id) {
    const LicenseInfo* l = find_license(id);
    return l ? std::string(l->text) : std::string();
}

/// The text as a C comment, words re-wrapped at `width` columns, each line " * "-prefixed.
std::string as_comment(std::string_view text, std::size_t width = 60) {
    std::string out = "/*\n * Copyright (c) 2021-2024 Example Corp. <legal@example.org>\n *\n";
    std::string line;
    auto flush = [&] {
        out += " * " + line + "\n";
        line.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
            if (!line.empty()) flush();
            out += " *\n";
            i += 2;
            continue;
        }
        std::size_t end = text.find_first_of(" \n", i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(i, end - i);
        if (!word.empty()) {
            if (line.size() + word.size() + 1 > width) flush();
            if (!line.empty()) line += ' ';
            line += word;
        }
        i = end + 1;
    }
    if (!line.empty()) flush();
    return out + " */\nint main(void) { return 0; }\n";
}

std::vector<std::string> ids(const std::vector<LicenseMatch>& matches) {
    std::vector<std::string> out;
    for (const auto& m : matches)
        out.push_back(m.expression);
    return out;
}

} // namespace

TEST(LicenseList, compiled_in_with_texts_and_categories) {
    const auto& list = spdx_licenses();
    ASSERT_GT(list.size(), 700u);
    for (std::string_view id :
         {"MIT", "Apache-2.0", "MulanPSL-1.0", "MulanPSL-2.0", "GPL-2.0-only"})
        ASSERT_NE(find_license(id), nullptr) << id;
    EXPECT_NE(find_license("MulanPSL-2.0")->text.find("木兰宽松许可证"), std::string_view::npos);
    EXPECT_EQ(find_license("mit")->id, "MIT");
    EXPECT_TRUE(find_license("GPL-2.0+")->deprecated);
    EXPECT_EQ(find_license("GPL-3.0-or-later")->category, Category::strong_copyleft);
    EXPECT_EQ(find_license("AGPL-3.0-only")->category, Category::network_copyleft);
    EXPECT_EQ(find_license("LGPL-2.1-only")->category, Category::weak_copyleft);
    EXPECT_EQ(find_license("MPL-2.0")->category, Category::weak_copyleft);
    EXPECT_EQ(find_license("MulanPSL-2.0")->category, Category::permissive);
    EXPECT_EQ(find_license("0BSD")->category, Category::permissive);
    EXPECT_EQ(find_license("CC0-1.0")->category, Category::public_domain);
    EXPECT_EQ(find_license("CC-BY-NC-4.0")->category, Category::unknown);
    EXPECT_EQ(category_of("LicenseRef-acme", false), Category::unknown);
}

TEST(Detector, full_texts_survive_comment_markers_rewrapping_and_copyright_lines) {
    for (std::string_view id : {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Zlib",
                                "MPL-2.0", "MulanPSL-2.0", "MIT-0", "0BSD", "GPL-2.0-only"}) {
        auto found = detect_licenses(as_comment(text_of(id)));
        ASSERT_EQ(found.size(), 1u) << id << ": " << ::testing::PrintToString(ids(found));
        EXPECT_EQ(found[0].expression, id);
        EXPECT_EQ(found[0].kind, LicenseMatch::Kind::text);
        EXPECT_GE(found[0].score, 95) << id;
        EXPECT_GE(found[0].start_line, 4u) << id; // after the comment opener and copyright line
    }
}

TEST(Detector, licenses_that_differ_by_a_clause_are_told_apart) {
    // BSD-3-Clause without its third clause is BSD-2-Clause.
    std::string bsd3 = text_of("BSD-3-Clause");
    auto clause3 = bsd3.find("3. Neither");
    ASSERT_NE(clause3, std::string::npos);
    auto end3 = bsd3.find("\n", clause3);
    std::string bsd2 = bsd3.substr(0, clause3) + bsd3.substr(end3 + 1);
    auto found = detect_licenses(as_comment(bsd2, 72));
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].expression, "BSD-2-Clause");
    // MIT without "The above copyright notice ... shall be included" is not MIT.
    std::string mit = text_of("MIT");
    auto included = mit.find("The above copyright notice");
    ASSERT_NE(included, std::string::npos);
    std::string cut = mit.substr(0, included) + mit.substr(mit.find("THE SOFTWARE IS"));
    found = detect_licenses(cut);
    EXPECT_TRUE(std::none_of(found.begin(), found.end(), [](const LicenseMatch& m) {
        return m.expression == "MIT";
    })) << ::testing::PrintToString(ids(found));
    // ... but with that paragraph moved after the warranty (as in Linux's DRM drivers) it is.
    std::string paragraph = mit.substr(included, mit.find("THE SOFTWARE IS") - included);
    found = detect_licenses(as_comment(cut + "\n\n" + paragraph));
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].expression, "MIT");
}

TEST(Detector, small_edits_lower_the_score_but_keep_the_license) {
    std::string apache = text_of("Apache-2.0");
    // A handful of words changed, as in a copy someone "tidied".
    for (auto [from, to] : {std::pair{"Licensor", "Owner"}, {"perpetual", "everlasting"}}) {
        for (std::size_t at = apache.find(from); at != std::string::npos;
             at = apache.find(from, at + 1))
            apache.replace(at, std::string_view(from).size(), to);
    }
    auto found = detect_licenses(apache);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].expression, "Apache-2.0");
    EXPECT_LT(found[0].score, 100);
    EXPECT_GT(found[0].score, 90);
}

TEST(Detector, gpl_notices_say_only_or_later_by_their_wording) {
    std::string header = "# Copyright (C) 2020 Jane Doe\n#\n";
    auto one = [&](std::string notice) {
        auto found = detect_licenses(header + notice);
        return found.size() == 1 ? found[0].expression : ::testing::PrintToString(ids(found));
    };
    EXPECT_EQ(one("# This program is free software; you can redistribute it and/or modify\n"
                  "# it under the terms of the GNU General Public License as published by\n"
                  "# the Free Software Foundation; either version 2 of the License, or\n"
                  "# (at your option) any later version.\n"),
              "GPL-2.0-or-later");
    EXPECT_EQ(one("# This program is free software; you can redistribute it and/or modify\n"
                  "# it under the terms of the GNU General Public License version 2 as\n"
                  "# published by the Free Software Foundation.\n"),
              "GPL-2.0-only");
    EXPECT_EQ(one("# This program is free software: you can redistribute it and/or modify\n"
                  "# it under the terms of the GNU Affero General Public License as published\n"
                  "# by the Free Software Foundation, either version 3 of the License, or\n"
                  "# (at your option) any later version.\n"),
              "AGPL-3.0-or-later");
    EXPECT_EQ(one("// This library is free software; you can redistribute it and/or modify it\n"
                  "// under the terms of the GNU Lesser General Public License as published by\n"
                  "// the Free Software Foundation; either version 2.1 of the License, or (at\n"
                  "// your option) any later version.\n"),
              "LGPL-2.1-or-later");
    EXPECT_EQ(one(" * Licensed under the Apache License, Version 2.0 (the \"License\");\n"
                  " * you may not use this file except in compliance with the License.\n"
                  " * You may obtain a copy of the License at\n"
                  " *\n *      http://www.apache.org/licenses/LICENSE-2.0\n *\n"
                  " * Unless required by applicable law or agreed to in writing, software\n"
                  " * distributed under the License is distributed on an \"AS IS\" BASIS,\n"
                  " * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n"
                  " * See the License for the specific language governing permissions and\n"
                  " * limitations under the License.\n"),
              "Apache-2.0");
    EXPECT_EQ(one("# kaiyuan is licensed under Mulan PSL v2.\n"
                  "# You can use this software according to the terms and conditions of the "
                  "Mulan PSL v2.\n# You may obtain a copy of Mulan PSL v2 at:\n"
                  "#          http://license.coscl.org.cn/MulanPSL2\n"
                  "# THIS SOFTWARE IS PROVIDED ON AN \"AS IS\" BASIS, WITHOUT WARRANTIES OF ANY "
                  "KIND,\n# EITHER EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO "
                  "NON-INFRINGEMENT,\n# MERCHANTABILITY OR FIT FOR A PARTICULAR PURPOSE.\n"
                  "# See the Mulan PSL v2 for more details.\n"),
              "MulanPSL-2.0");
}

// A third-party notices file (axe-core 4.10's LICENSE-3RD-PARTY.txt, its first two sections):
// the MIT text, then the ISC text. Clips, whose words resemble both, matched across them at 92%
// and must not be reported.
TEST(Detector, two_texts_in_a_row_are_not_a_third_across_them) {
    const std::string text =
        R"AXE(-----------------------------------------------------------------------------
                              MIT License
  Applies to: 
  - colorjs.io; Copyright (c) 2021 Lea Verou, Chris Lilley
  - core-js-pure; Copyright (c) 2014-2023 Denis Pushkarev
  - css-selector-parser; Copyright (c) 2013 Dulin Marat
  - doT.js; Copyright (c) 2011 Laura Doktorova
      Software includes portions from jQote2 Copyright (c) 2010 aefxx,
      http://aefxx.com/ licensed under the MIT license.
  - emoji-regex; Copyright (c) Mathias Bynens <https://mathiasbynens.be/>
  - es6-iterator; Copyright (c) 2013-2017 Mariusz Nowak (www.medikoo.com)
  - es6-promise;
      Copyright (c) 2014 Yehuda Katz, Tom Dale, Stefan Penner and contributors
  - event-emitter; Copyright (C) 2012-2015 Mariusz Nowak (www.medikoo.com)
  - is-promise; Copyright (c) 2014 Forbes Lindesay
  - lru-queue; Copyright (C) 2014 Mariusz Nowak (www.medikoo.com)
  - typedarray;
      Copyright (c) 2010, Linden Research, Inc.
      Copyright (c) 2012, Joshua Bell
  - weakmap-polyfill; Copyright (c) 2015-2021 polygonplanet
-----------------------------------------------------------------------------

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.


-----------------------------------------------------------------------------
                              ISC License
  Applies to: 
  - d; Copyright (c) 2013-2019, Mariusz Nowak, @medikoo, medikoo.com
  - es5-ext; Copyright (c) 2011-2022, Mariusz Nowak, @medikoo, medikoo.com
  - es6-symbol; Copyright (c) 2013-2019, Mariusz Nowak, @medikoo, medikoo.com
  - es6-weak-map; Copyright (c) 2013-2018, Mariusz Nowak, @medikoo, medikoo.com
  - ext; Copyright (c) 2011-2022, Mariusz Nowak, @medikoo, medikoo.com
  - memoizee; Copyright (c) 2012-2018, Mariusz Nowak, @medikoo, medikoo.com
  - next-tick; Copyright (c) 2012-2020, Mariusz Nowak, @medikoo, medikoo.com
  - timers-ext; Copyright (c) 2013-2018, Mariusz Nowak, @medikoo, medikoo.com
  - type; Copyright (c) 2019, Mariusz Nowak, @medikoo, medikoo.com
-----------------------------------------------------------------------------

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY
AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM
LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE
OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
PERFORMANCE OF THIS SOFTWARE.

)AXE";
    std::vector<std::string> texts;
    for (const auto& m : detect_licenses(text))
        if (m.kind == LicenseMatch::Kind::text) texts.push_back(m.expression);
    EXPECT_EQ(texts, (std::vector<std::string>{"MIT", "ISC"}));
}

// libev's ev.c: its BSD-2-Clause text "Alternatively" the GPL, the boilerplate naming "the BSD
// license" after it, and further down libecb's header with the same words. The choice stands;
// "the BSD license" is the text's, not a 3-clause license beside it.
TEST(Detector, a_header_offering_a_choice_among_other_headers) {
    std::string bsd2(find_license("BSD-2-Clause")->text);
    bsd2 = bsd2.substr(bsd2.find("Redistribution"));
    const std::string header =
        "/*\n * Copyright (c) 2007-2019 Marc Alexander Lehmann <libev@schmorp.de>\n *\n" + bsd2 +
        "\n *\n * Alternatively, the contents of this file may be used under the terms of\n"
        " * the GNU General Public License (\"GPL\") version 2 or any later version,\n"
        " * in which case the provisions of the GPL are applicable instead of\n"
        " * the above. If you wish to allow the use of your version of this file\n"
        " * only under the terms of the GPL and not to allow others to use your\n"
        " * version of this file under the BSD license, indicate your decision\n"
        " * by deleting the provisions above and replace them with the notice\n"
        " * and other provisions required by the GPL.\n */\n";
    std::string code;
    for (int i = 0; i < 60; ++i)
        code +=
            "static int f" + std::to_string(i) + "(void) { return " + std::to_string(i) + "; }\n";
    std::vector<std::string> ids_found;
    for (const auto& m : detect_licenses(header + code + header))
        if (m.is_statement()) ids_found.push_back(m.expression);
    ASSERT_FALSE(ids_found.empty());
    EXPECT_EQ(ids_found[0], "BSD-2-Clause OR GPL-2.0-or-later");
    for (const auto& e : ids_found)
        EXPECT_EQ(e.find("BSD-3-Clause"), std::string::npos) << e;
}

// REUSE projects (KDE's LICENSES/LGPL-2.0-or-later.txt): the text the -only and -or-later ids
// share is named by its file; elsewhere it is the -only text.
TEST(FileScan, a_reuse_license_file_is_named_by_its_file) {
    const std::string text(find_license("LGPL-2.0-only")->text);
    auto named = analyze_file("LICENSES/LGPL-2.0-or-later.txt", text);
    ASSERT_EQ(named.licenses.size(), 1u);
    EXPECT_EQ(named.licenses[0].expression, "LGPL-2.0-or-later");
    auto plain = analyze_file("COPYING.LIB", text);
    ASSERT_EQ(plain.licenses.size(), 1u);
    EXPECT_EQ(plain.licenses[0].expression, "LGPL-2.0-only");
    // A file name that is not one of the text's ids changes nothing.
    auto other = analyze_file("LICENSES/MIT.txt", text);
    ASSERT_EQ(other.licenses.size(), 1u);
    EXPECT_EQ(other.licenses[0].expression, "LGPL-2.0-only");
}

TEST(Detector, several_licenses_each_with_its_lines) {
    std::string text = text_of("MIT") + "\n\n---- bundled code ----\n\n" + text_of("ISC") + "\n";
    auto found = detect_licenses(text);
    ASSERT_EQ(ids(found), (std::vector<std::string>{"MIT", "ISC"}));
    EXPECT_LT(found[0].end_line, found[1].start_line);
}

TEST(Detector, licenses_offered_as_a_choice_are_one_or_finding) {
    // Linux's dual BSD/GPL form: a BSD text, then "ALTERNATIVELY" and the GPL named in prose.
    std::string bsd = text_of("BSD-3-Clause");
    auto warranty = bsd.find("THIS SOFTWARE IS PROVIDED");
    ASSERT_NE(warranty, std::string::npos);
    std::string dual = bsd.substr(0, warranty) +
                       "ALTERNATIVELY, this software may be distributed under the terms of the\n"
                       "GNU General Public License (\"GPL\") as published by the Free Software\n"
                       "Foundation; either version 2 of the License, or (at your option) any\n"
                       "later version.\n\n" +
                       bsd.substr(warranty);
    auto found = detect_licenses(as_comment(dual, 72));
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].expression, "BSD-3-Clause OR GPL-2.0-or-later");
    // Without the cue, two licenses in one file are both there: no choice is invented.
    found = detect_licenses(as_comment(text_of("MIT") + "\n\n" + text_of("ISC")));
    EXPECT_EQ(ids(found), (std::vector<std::string>{"MIT", "ISC"}));
    // Nor from a cue inside a license's own text: MPL-2.0 says "terms of either" itself.
    found = detect_licenses(
        as_comment(text_of("MPL-2.0") + "\n\n" +
                   "This program is free software; you can redistribute it and/or modify it "
                   "under the terms of the GNU General Public License version 2 as published by "
                   "the Free Software Foundation.\n"));
    EXPECT_EQ(ids(found), (std::vector<std::string>{"MPL-2.0", "GPL-2.0-only"}));
}

TEST(Detector, an_exception_joins_the_license_beside_it) {
    std::string notice =
        "This program is free software; you can redistribute it and/or modify it under the terms "
        "of the GNU General Public License as published by the Free Software Foundation; either "
        "version 2 of the License, or (at your option) any later version.\n\n";
    std::string classpath = text_of("GPL-2.0-with-classpath-exception");
    classpath = classpath.substr(classpath.find('\n') + 1); // without "insert GPL v2 text here"
    auto found = detect_licenses(notice + classpath);
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].expression, "GPL-2.0-or-later WITH Classpath-exception-2.0");
    // Alone, the exception is reported as one.
    found = detect_licenses(classpath);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].kind, LicenseMatch::Kind::exception);
    EXPECT_EQ(found[0].expression, "Classpath-exception-2.0");
}

TEST(Detector, autotools_headers_carry_their_exceptions) {
    auto found = detect_licenses(
        "# This program is free software: you can redistribute it and/or modify it\n"
        "# under the terms of the GNU General Public License as published by\n"
        "# the Free Software Foundation, either version 3 of the License, or\n"
        "# (at your option) any later version.\n#\n"
        "# As a special exception to the GNU General Public License, if you\n"
        "# distribute this file as part of a program that contains a\n"
        "# configuration script generated by Autoconf, you may include it under\n"
        "# the same distribution terms that you use for the rest of that\n"
        "# program.  This Exception is an additional permission under section 7\n"
        "# of the GNU General Public License, version 3 (\"GPLv3\").\n");
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].expression, "GPL-3.0-or-later WITH Autoconf-exception-generic-3.0");
    EXPECT_EQ(found[0].end_line, 11u);
    found =
        detect_licenses("# GNU Libtool is free software; you can redistribute it and/or modify\n"
                        "# it under the terms of the GNU General Public License as published by\n"
                        "# the Free Software Foundation; either version 2 of the License, or\n"
                        "# (at your option) any later version.\n#\n"
                        "# As a special exception to the GNU General Public License,\n"
                        "# if you distribute this file as part of a program or library that\n"
                        "# is built using GNU Libtool, you may include this file under the\n"
                        "# same distribution terms that you use for the rest of that program.\n");
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].expression, "GPL-2.0-or-later WITH Libtool-exception");
}

TEST(Detector, tags_parse_as_expressions_and_bad_ones_say_why) {
    auto found = detect_licenses("// SPDX-License-Identifier: (mit OR apache-2.0)\n"
                                 "/* SPDX-License-Identifier: GPL-2.0-or-later WITH "
                                 "Linux-syscall-note */\n"
                                 "# SPDX-License-Identifier: Acme-Proprietary\n");
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].expression, "MIT OR Apache-2.0");
    EXPECT_EQ(found[0].kind, LicenseMatch::Kind::tag);
    EXPECT_EQ(found[1].expression, "GPL-2.0-or-later WITH Linux-syscall-note");
    EXPECT_EQ(found[2].expression, "Acme-Proprietary");
    EXPECT_FALSE(found[2].detail.empty());
    EXPECT_EQ(found[2].start_line, 3u);
    // Deprecated ids as SPDX now writes them (Linux's "GPL-2.0+" tags).
    auto deprecated = detect_licenses("/* SPDX-License-Identifier: (GPL-2.0+ OR MIT) */\n"
                                      "// SPDX-License-Identifier: LGPL-2.1\n");
    ASSERT_EQ(deprecated.size(), 2u);
    EXPECT_EQ(deprecated[0].expression, "GPL-2.0-or-later OR MIT");
    EXPECT_EQ(deprecated[1].expression, "LGPL-2.1-only");
}

TEST(Detector, references_name_a_license_and_clues_point_to_a_file) {
    auto found = detect_licenses("This package is released under the MIT License.\n"
                                 "For the terms, see the LICENSE file.\n"
                                 "Nothing to see here.\n");
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].kind, LicenseMatch::Kind::reference);
    EXPECT_EQ(found[0].expression, "MIT");
    EXPECT_EQ(found[0].score, 70);
    EXPECT_TRUE(found[0].is_statement());
    EXPECT_EQ(found[1].kind, LicenseMatch::Kind::clue);
    EXPECT_EQ(found[1].expression, "");
    EXPECT_FALSE(found[1].is_statement());
    EXPECT_EQ(found[1].start_line, 2u);
}

TEST(Detector, references_read_gnu_license_names_with_their_versions) {
    const std::pair<std::string, std::string> cases[] = {
        {" * License: GNU GPL, version 2 or later.", "GPL-2.0-or-later"},
        {" * This code is available under the LGPL v2.1 or later.", "LGPL-2.1-or-later"},
        {"# Released under the GPLv2+.", "GPL-2.0-or-later"},
        {"// Distributed under the GNU Lesser General Public License version 3.", "LGPL-3.0-only"},
        {"released under the terms of the GNU Affero General Public License v3 or any later "
         "version",
         "AGPL-3.0-or-later"},
        {"licensed under the GNU General Public License as published by the Free Software "
         "Foundation, either version 3 of the License",
         "GPL-3.0-only"},
        {"Licensed under GPL-2.0.", "GPL-2.0-only"},
        // No version: any version, as the GPL's own section 9 says (references_test.cpp).
        {"This file is distributed under the GNU General Public License.", "GPL-1.0-or-later"},
        // Not a GNU license version.
        {"licensed under the GPL v7", ""},
    };
    for (const auto& [line, want] : cases) {
        auto found = detect_licenses(line + "\n");
        std::vector<std::string> got;
        for (const auto& m : found)
            if (m.kind == LicenseMatch::Kind::reference && !m.expression.empty())
                got.push_back(m.expression);
        EXPECT_EQ(got, want.empty() ? std::vector<std::string>{} : std::vector<std::string>{want})
            << line;
    }
}

TEST(Detector, license_fields_name_licenses_in_their_short_names) {
    auto found = detect_licenses("Files: *\nCopyright: 2002 Colin Watson\nLicense: GPL-2+\n\n"
                                 "Files: debian/*\nLicense: public-domain-ish\n");
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(ids(found));
    EXPECT_EQ(found[0].kind, LicenseMatch::Kind::reference);
    EXPECT_EQ(found[0].expression, "GPL-2.0-or-later");
    EXPECT_EQ(found[0].detail, "License: GPL-2+");
    EXPECT_EQ(found[0].start_line, 3u);
}

TEST(Detector, no_license_in_ordinary_code_and_hostile_bytes_are_safe) {
    EXPECT_TRUE(detect_licenses("int main(void) {\n  return license_count(0);\n}\n").empty());
    std::string junk;
    for (int i = 0; i < 200000; ++i)
        junk.push_back(static_cast<char>((i * 7919) % 251 + 1));
    (void)detect_licenses(junk); // invalid UTF-8, no newlines for long stretches: no crash
    std::string repeated;
    for (int i = 0; i < 2000; ++i)
        repeated += "Permission is hereby granted, free of charge, to any person\n";
    (void)detect_licenses(repeated);
}

TEST(Notices, every_cut_is_found_in_the_compiled_texts) {
    std::vector<std::string> got;
    for (const auto& n : standard_notices())
        got.push_back(n.id);
    for (std::string id : {"GPL-2.0-or-later", "GPL-3.0-or-later", "LGPL-2.1-or-later",
                           "LGPL-2.0-or-later", "AGPL-3.0-or-later", "Apache-2.0", "MPL-2.0",
                           "MulanPSL-2.0", "MulanPSL-1.0", "LGPL-3.0-only"})
        EXPECT_NE(std::find(got.begin(), got.end(), id), got.end()) << id;
    // 14 cut from the license texts, 21 written out and 20 short GNU forms: all there.
    EXPECT_EQ(got.size(), 14u + 21u + 20u);
}

// Headers that name no GNU license, as projects carry them.
TEST(Detector, headers_of_other_licenses_are_notices) {
    const std::pair<std::string, std::string> cases[] = {
        // illumos and OpenZFS (usr/src/uts/common/fs/zfs/*.c).
        {"/*\n * CDDL HEADER START\n *\n * The contents of this file are subject to the terms "
         "of the\n * Common Development and Distribution License (the \"License\").\n * You may "
         "not use this file except in compliance with the License.\n *\n * You can obtain a "
         "copy of the license at usr/src/OPENSOLARIS.LICENSE\n * or "
         "http://www.opensolaris.org/os/licensing.\n *\n * CDDL HEADER END\n */\n",
         "CDDL-1.0"},
        // Firefox's sources.
        {"/* This Source Code Form is subject to the terms of the Mozilla Public\n * License, v. "
         "2.0. If a copy of the MPL was not distributed with this\n * file, You can obtain one "
         "at http://mozilla.org/MPL/2.0/. */\n",
         "MPL-2.0"},
        // Exhibit A with Exhibit B (SPDX's standard header of MPL-2.0-no-copyleft-exception).
        {"/* This Source Code Form is subject to the terms of the Mozilla Public\n * License, v. "
         "2.0. If a copy of the MPL was not distributed with this\n * file, You can obtain one "
         "at https://mozilla.org/MPL/2.0/.\n *\n * This Source Code Form is \"Incompatible With "
         "Secondary Licenses\", as\n * defined by the Mozilla Public License, v. 2.0. */\n",
         "MPL-2.0-no-copyleft-exception"},
        // The notice wtfpl.net suggests, as Ruby gems and shell scripts carry it.
        {"# This program is free software. It comes without any warranty, to\n# the extent "
         "permitted by applicable law. You can redistribute it\n# and/or modify it under the "
         "terms of the Do What The Fuck You Want\n# To Public License, Version 2, as published "
         "by Sam Hocevar. See\n# http://www.wtfpl.net/ for more details.\n",
         "WTFPL"},
    };
    for (const auto& [text, want] : cases) {
        auto found = detect_licenses(text);
        ASSERT_EQ(ids(found), std::vector<std::string>{want}) << text;
        EXPECT_EQ(found[0].kind, LicenseMatch::Kind::notice) << text;
    }
}

// Wordings met in GLib, QEMU and util-linux files whose SPDX tags label them (the corpus of
// bench/license_tag_corpus.py).
TEST(Detector, gnu_notices_in_the_wordings_projects_use) {
    const std::pair<std::string, std::string> cases[] = {
        // "Lesser" at version 2 is not the GPL with a word added.
        {"This library is free software; you can redistribute it and/or\n"
         "modify it under the terms of the GNU Lesser General Public\n"
         "License as published by the Free Software Foundation; either\n"
         "version 2 of the License, or (at your option) any later version.\n",
         "LGPL-2.0-or-later"},
        // The work called a program in an LGPL notice.
        {"This program is free software; you can redistribute it and/or\n"
         "modify it under the terms of the GNU Lesser General Public\n"
         "License as published by the Free Software Foundation; either\n"
         "version 2.1 of the License, or (at your option) any later version.\n",
         "LGPL-2.1-or-later"},
        // "or later" said after the version instead of "any later version".
        {"This program is free software; you can redistribute it and/or modify it\n"
         "under the terms and conditions of the GNU General Public License,\n"
         "version 2 or later, as published by the Free Software Foundation.\n",
         "GPL-2.0-or-later"},
        {"This work is licensed under the terms of the GNU GPL, version 2 or later.\n"
         "See the COPYING file in the top-level directory.\n",
         "GPL-2.0-or-later"},
        {"This work is licensed under the terms of the GNU GPL, version 2.\n"
         "See the COPYING file in the top-level directory.\n",
         "GPL-2.0-only"},
        {"This work is licensed under the terms of the GNU LGPL, version 2.1 or later.\n",
         "LGPL-2.1-or-later"},
        {"This work is licensed under the terms of the GNU GPLv2 or later.\n", "GPL-2.0-or-later"},
        {"This code is licensed under the GNU GPL v2 or later.\n", "GPL-2.0-or-later"},
        {"This code is licensed under the GNU GPL v3.\n", "GPL-3.0-only"},
        // The version's key word outside every run of six matched words.
        {"This code is licensed under the LGPL v2.1 or later.\n", "LGPL-2.1-or-later"},
        // "v2" is one word and a key: another version is another notice (the GPL-2.0 one
        // took this line with one word missing).
        {"This program is licensed under the GNU GPL version 3 or later.\n", "GPL-3.0-or-later"},
        {"This code is licensed under the GNU GPL version 3 or later.\n", "GPL-3.0-or-later"},
        // lz4's programs: a title naming the version over the notice that says "or later".
        {"  GPL v2 License\n\n  This program is free software; you can redistribute it and/or "
         "modify\n  it under the terms of the GNU General Public License as published by\n  the "
         "Free Software Foundation; either version 2 of the License, or\n  (at your option) any "
         "later version.\n",
         "GPL-2.0-or-later"},
        // Qt's headers: later versions only "approved by the KDE Free Qt Foundation" are not
        // granted (Qt's own SPDX tags say GPL-3.0-only); the page's address after it is that
        // grant's, not a second license.
        {"** GNU General Public License Usage\n** Alternatively, this file may be used under the "
         "terms of the GNU\n** General Public License version 3 or (at your option) any later "
         "version\n** approved by the KDE Free Qt Foundation. The licenses are as published by\n"
         "** the Free Software Foundation and appearing in the file LICENSE.GPL3\n** included in "
         "the packaging of this file. Please review the following\n** information to ensure the "
         "GNU General Public License requirements will\n** be met: "
         "https://www.gnu.org/licenses/gpl-3.0.html.\n",
         "GPL-3.0-only"},
    };
    for (const auto& [text, want] : cases) {
        auto found = detect_licenses("/*\n * Copyright (c) 2020 Example\n *\n" + text + " */\n");
        EXPECT_EQ(ids(found), std::vector<std::string>{want}) << text;
    }
}

TEST(LicenseIndex, the_embedded_index_is_the_one_the_list_gives_and_survives_a_round_trip) {
    LicenseIndex built = LicenseIndex::build_default();
    const LicenseIndex& embedded = LicenseIndex::get();
    ASSERT_EQ(embedded.rules().size(), built.rules().size());
    for (std::size_t i = 0; i < built.rules().size(); ++i) {
        EXPECT_EQ(embedded.rules()[i].id, built.rules()[i].id);
        EXPECT_EQ(embedded.rules()[i].words, built.rules()[i].words);
        EXPECT_EQ(embedded.rules()[i].equivalents, built.rules()[i].equivalents);
    }
    std::string bytes = built.serialize();
    auto back = LicenseIndex::deserialize(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->serialize(), bytes);
    for (std::size_t cut : {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 1})
        EXPECT_FALSE(LicenseIndex::deserialize(std::string_view(bytes).substr(0, cut))) << cut;
    std::string damaged = bytes;
    damaged[damaged.size() - 5] ^= 0x7f;      // a posting pointing past its rule
    (void)LicenseIndex::deserialize(damaged); // an error or an index, never a crash
}
