// References: licenses named without their text, in the wording real files use (each case says
// where it was seen), and the near-misses that must stay unmatched.
#include "kaiyuan/license/detector.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/license/named_licenses.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::license;

namespace {

/// The statements found (expression and kind), in order.
std::vector<std::pair<std::string, std::string>> statements(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& m : detect_licenses(text))
        if (m.is_statement()) out.emplace_back(m.expression, to_string(m.kind));
    return out;
}

using Found = std::vector<std::pair<std::string, std::string>>;

} // namespace

TEST(References, fields_that_hold_a_license_name) {
    // JSDoc (js-cookie, many jQuery plugins).
    EXPECT_EQ(statements("/**\n * @license MIT\n */\n"), (Found{{"MIT", "reference"}}));
    // PHPDoc in Horde's packages (Horde_Util).
    EXPECT_EQ(statements(" * @license   http://www.horde.org/licenses/lgpl21 LGPL 2.1\n"),
              (Found{{"LGPL-2.1-only", "reference"}}));
    // phpseclib: the address and the name agree.
    EXPECT_EQ(statements(" * @license   http://www.opensource.org/licenses/mit-license.html  MIT "
                         "License\n"),
              (Found{{"MIT", "reference"}}));
    // Sphinx docstring fields (Flask 2.x, Pygments, Jinja).
    EXPECT_EQ(statements("    :license: BSD-3-Clause\n"), (Found{{"BSD-3-Clause", "reference"}}));
    EXPECT_EQ(statements("    :license: BSD, see LICENSE for details.\n"),
              (Found{{"BSD-3-Clause", "reference"}}));
    // Python module metadata, JSON manifests.
    EXPECT_EQ(statements("__license__ = \"GPL-2.0-or-later\"\n"),
              (Found{{"GPL-2.0-or-later", "reference"}}));
    EXPECT_EQ(statements("{\n  \"name\": \"left-pad\",\n  \"license\": \"WTFPL\"\n}\n"),
              (Found{{"WTFPL", "reference"}}));
    // CPAN META.json's license strings, on the key's line or the next (Moo's META.json).
    EXPECT_EQ(statements("   \"license\" : [\n      \"perl_5\"\n   ],\n"),
              (Found{{"Artistic-1.0-Perl OR GPL-1.0-or-later", "reference"}}));
    EXPECT_EQ(statements("   \"license\" : [ \"perl_5\" ],\n"),
              (Found{{"Artistic-1.0-Perl OR GPL-1.0-or-later", "reference"}}));
    // Minified banners (normalize.css, OK.css as bundled by Expat's docs).
    EXPECT_EQ(
        statements("/*! normalize.css v8.0.1 | MIT License | github.com/necolas/normalize.css "
                   "*/html{line-height:1.15}" +
                   std::string(500, ' ') + "\n"),
        (Found{{"MIT", "reference"}}));
}

TEST(References, sentences_that_grant_a_named_license) {
    const std::pair<std::string, std::string> cases[] = {
        // golang.org/x/net and Chromium.
        {"// Use of this source code is governed by a BSD-style\n// license that can be found in "
         "the LICENSE file.\n",
         "BSD-3-Clause"},
        // Lodash.
        {" * @license\n * Lodash <https://lodash.com/>\n * Released under MIT license "
         "<https://lodash.com/license>\n",
         "MIT"},
        // Bootstrap 3's CSS.
        {" * Licensed under MIT (https://github.com/twbs/bootstrap/blob/master/LICENSE)\n", "MIT"},
        // The regex crate and most of Rust's: a choice, with the files named in asides.
        {"// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or\n// "
         "http://www.apache.org/licenses/LICENSE-2.0> or the MIT license\n// <LICENSE-MIT or "
         "http://opensource.org/licenses/MIT>, at your\n// option.\n",
         "Apache-2.0 OR MIT"},
        // MariaDB MaxScale's sources: BUSL 1.1 named without its version.
        {" * Use of this software is governed by the Business Source License included\n * in the "
         "LICENSE.TXT file and at www.mariadb.com/bsl11.\n",
         "BUSL-1.1"},
        // The Mozilla-style headers of OCLC's and RealNetworks' licenses (SPDX's
        // standardLicenseHeader, as Helix DNA's sources carry the latter).
        {" * The contents of this file, as updated from time to time by the OCLC Office\n * of "
         "Research, are subject to OCLC Research Public License Version 2.0\n * (the "
         "\"License\"); you may not use this file except in compliance with the\n",
         "OCLC-2.0"},
        {" * The contents of this file, and the files included with this file, are\n * subject to "
         "the current version of the RealNetworks Public Source License\n * Version 1.0 (the "
         "\"RPSL\") available at\n",
         "RPSL-1.0"},
        // OpenUSD's headers: the Apache license with its trademark section replaced.
        {"// Licensed under the Apache License, Version 2.0 (the \"Apache License\")\n// with "
         "the following modification; you may not use this file except in\n// compliance with "
         "the Apache License and the following modification to it:\n// [...]\n// You may "
         "obtain a copy of the Apache License at\n//\n//     "
         "http://www.apache.org/licenses/LICENSE-2.0\n",
         "Pixar"},
        // JSZip's README.
        {"JSZip is dual-licensed. You may use it under the MIT license *or* the GPLv3 license.\n",
         "MIT OR GPL-3.0-only"},
        // libwww-perl and most of CPAN.
        {"This library is free software; you can redistribute it and/or modify\nit under the same "
         "terms as Perl itself.\n",
         "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        // Dist::Zilla's boilerplate (Text::Template, bundled by OpenSSL).
        {"This is free software; you can redistribute it and/or modify it under\nthe same terms "
         "as the Perl 5 programming language system itself.\n",
         "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        // Perl's core modules (AutoSplit.pm): a list with item markers.
        {"    This program is free software; you can redistribute it and/or modify\n    it under "
         "the terms of either:\n\n\ta) the GNU General Public License as published by the "
         "Free\n\tSoftware Foundation; either version 1, or (at your option) any\n\tlater "
         "version, or\n\n\tb) the \"Artistic License\" which comes with this Kit.\n",
         "GPL-1.0-or-later OR Artistic-1.0-Perl"},
        // perl's own C sources (perlio.c).
        {" * You may distribute under the terms of either the GNU General Public License\n * or "
         "the Artistic License, as specified in the README file.\n",
         "GPL-1.0-or-later OR Artistic-1.0-Perl"},
        // FreeType's headers.
        {"/* This file is part of the FreeType project, and may only be used,\n * modified, and "
         "distributed under the terms of the FreeType project\n * license, LICENSE.TXT. */\n",
         "FTL"},
        // OpenLDAP's headers.
        {" * Redistribution and use in source and binary forms, with or without\n * modification, "
         "are permitted only as authorized by the OpenLDAP\n * Public License.\n",
         "OLDAP-2.8"},
        // Expat's README.
        {"This license is the same as the MIT/X Consortium license.\n", "MIT"},
        // zlib's own sources (gzlib.c) and the many that copy them.
        {" * For conditions of distribution and use, see copyright notice in zlib.h\n", "Zlib"},
        {"/* This file is dual-licensed under LGPL 2.1 or later and Apache License 2.0 */\n",
         "LGPL-2.1-or-later OR Apache-2.0"},
        {" * released under the terms of the Creative Commons Attribution-ShareAlike 4.0 "
         "International license\n",
         "CC-BY-SA-4.0"},
        // LLVM's headers, and the University of Illinois license they carried before 2019.
        {"// Part of the LLVM Project, under the Apache License v2.0 with LLVM Exceptions.\n",
         "Apache-2.0 WITH LLVM-exception"},
        {"// This file is distributed under the University of Illinois Open Source\n// "
         "License.\n",
         "NCSA"},
        // The Unlicense's opening sentence, alone in a header.
        {"/* This is free and unencumbered software released into the public domain. */\n",
         "Unlicense"},
        // Banners of bundled JavaScript.
        {"/*! foo.js v1.2 | (c) 2015 Foo | Licensed MIT */\n", "MIT"},
        // CC0's own notice (its "How to" text), ending with the dedication's address.
        {" * To the extent possible under law, the author(s) have dedicated all copyright\n * and "
         "related and neighboring rights to this software to the public domain\n * worldwide. "
         "This software is distributed without any warranty.\n *\n * You should have received a "
         "copy of the CC0 Public Domain Dedication along\n * with this software. If not, see\n * "
         "<http://creativecommons.org/publicdomain/zero/1.0/>.\n",
         "CC0-1.0"},
        // The address of the text on a line that speaks of a license.
        {"# Licensed under the Apache License: http://www.apache.org/licenses/LICENSE-2.0\n",
         "Apache-2.0"},
        {"// License: https://creativecommons.org/licenses/by/3.0/\n", "CC-BY-3.0"},
    };
    for (const auto& [text, want] : cases)
        EXPECT_EQ(statements(text), (Found{{want, "reference"}})) << text;
}

TEST(References, metadata_headings_titles_and_addresses) {
    const std::pair<std::string, std::string> cases[] = {
        // PyPI trove classifiers (pip's setup.py; requests' setup.py; Flask's setup.cfg).
        {"    \"License :: OSI Approved :: MIT License\",\n", "MIT"},
        {"        'License :: OSI Approved :: Apache Software License',\n", "Apache-2.0"},
        {"    License :: OSI Approved :: BSD License\n", "BSD-3-Clause"},
        {"Classifier: License :: OSI Approved :: GNU General Public License v2 or later "
         "(GPLv2+)\n",
         "GPL-2.0-or-later"},
        // NuGet (Newtonsoft.Json.nuspec) and a POM's <licenses> (jackson-parent).
        {"    <license type=\"expression\">MIT</license>\n", "MIT"},
        {"  <licenses>\n    <license>\n      <name>The Apache Software License, Version "
         "2.0</name>\n    </license>\n  </licenses>\n",
         "Apache-2.0"},
        // KDE's CMake find modules (kdelibs 4, extra-cmake-modules' older modules).
        {"# Redistribution and use is allowed according to the terms of the BSD license.\n"
         "# For details see the accompanying COPYING-CMAKE-SCRIPTS file.\n",
         "BSD-3-Clause"},
        // Linux's arch headers (arch/mips/include/asm/*.h): the GPL with no version, but the
        // COPYING it points to is the kernel's, GPL-2.0 only (the kernel tags them so).
        {" * This file is subject to the terms and conditions of the GNU General Public\n"
         " * License.  See the file \"COPYING\" in the main directory of this archive\n"
         " * for more details.\n",
         "GPL-2.0-only"},
        {" * This file is subject to the terms and conditions of the GNU General Public\n"
         " * License.\n",
         "GPL-1.0-or-later"},
        // LaTeX packages, as lppl.txt advises.
        {"% This work may be distributed and/or modified under the\n% conditions of the LaTeX "
         "Project Public License, either version 1.3c\n% of this license or (at your option) "
         "any later version.\n",
         "LPPL-1.3c"},
        // A README's license section (sindresorhus's packages; Markdown links; reST).
        {"## License\n\nMIT \u00a9 [Sindre Sorhus](https://sindresorhus.com)\n", "MIT"},
        {"# License\n\n[MIT](LICENSE)\n", "MIT"},
        {"License\n=======\n\nApache 2.0\n", "Apache-2.0"},
        // A license's title over its holder, its text left out (many LICENSE stubs).
        {"The MIT License (MIT)\n\nCopyright (c) 2015 Example\n", "MIT"},
        // An address on a line of its own.
        {"# see https://opensource.org/licenses/MIT\n", "MIT"},
        // jQuery 1.4's banner, and the plugins that copied jQuery 1.2's.
        {"/*!\n * jQuery JavaScript Library v1.4.2\n * Dual licensed under the MIT or GPL "
         "Version 2 licenses.\n */\n",
         "MIT OR GPL-2.0-only"},
        {"/* Dual licensed under the MIT and GPL licenses. */\n", "MIT OR GPL-1.0-or-later"},
        // Mozilla's tri-license block (NSS, older Firefox sources).
        {"/* ***** BEGIN LICENSE BLOCK *****\n * Version: MPL 1.1/GPL 2.0/LGPL 2.1\n *\n"
         " * The contents of this file are subject to the Mozilla Public License Version\n"
         " * 1.1 (the \"License\"); you may not use this file except in compliance with\n"
         " * the License. You may obtain a copy of the License at\n"
         " * http://www.mozilla.org/MPL/\n *\n"
         " * Alternatively, the contents of this file may be used under the terms of\n"
         " * either the GNU General Public License Version 2 or later (the \"GPL\"), or\n"
         " * the GNU Lesser General Public License Version 2.1 or later (the \"LGPL\"),\n"
         " * in which case the provisions of the GPL or the LGPL are applicable instead\n"
         " * of those above.\n * ***** END LICENSE BLOCK ***** */\n",
         "MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later"},
        // Moo's README (POD rendered as text): the phrase wraps.
        {"LICENSE\n    This library is free software and may be distributed under the same\n"
         "    terms as perl itself. See <https://dev.perl.org/licenses/>.\n",
         "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        // Xiph.Org's headers (libvorbis examples/*.c).
        {" * USE, DISTRIBUTION AND REPRODUCTION OF THIS LIBRARY SOURCE IS     *\n"
         " * GOVERNED BY A BSD-STYLE SOURCE LICENSE INCLUDED WITH THIS SOURCE *\n"
         " * IN 'COPYING'. PLEASE READ THESE TERMS BEFORE DISTRIBUTING.       *\n",
         "BSD-3-Clause"},
        // league/commonmark's README.
        {"**league/commonmark** is licensed under the BSD-3 license.  See the [`LICENSE`](LICENSE) "
         "file for more details.\n",
         "BSD-3-Clause"},
        // GNU manuals (the GFDL's own "How to use this License" notice).
        {"Permission is granted to copy, distribute and/or modify this document\nunder the terms "
         "of the GNU Free Documentation License, Version 1.3\nor any later version published by "
         "the Free Software Foundation;\nwith no Invariant Sections, no Front-Cover Texts, and "
         "no Back-Cover Texts.\n",
         "GFDL-1.3-no-invariants-or-later"},
        // A manual with invariant sections (GNU Emacs' manuals name theirs).
        {"Permission is granted to copy, distribute and/or modify this document\nunder the terms "
         "of the GNU Free Documentation License, Version 1.3 or\nany later version published by "
         "the Free Software Foundation; with the\nInvariant Sections being \"GNU General Public "
         "License,\" with the\nFront-Cover Texts being \"A GNU Manual,\"\n",
         "GFDL-1.3-invariants-or-later"},
        // SPDX's plain GFDL header: the placeholders unfilled say nothing about the sections.
        {"Permission is granted to copy, distribute and/or modify this document under the "
         "terms\nof the GNU Free Documentation License, Version 1.2; with the Invariant "
         "Sections\nbeing LIST THEIR TITLES, with the Front-Cover Texts being LIST\n",
         "GFDL-1.2-only"},
        // Rust crates' READMEs: the alternatives as list items, their addresses in nested
        // brackets.
        {"Licensed under either of\n\n * Apache License, Version 2.0, "
         "([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * "
         "MIT license ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\nat "
         "your option.\n",
         "Apache-2.0 OR MIT"},
        // The Express family's headers (negotiator, accepts, ...) and uPlot's banner.
        {"/*!\n * negotiator\n * Copyright(c) 2012 Federico Romero\n * MIT Licensed\n */\n", "MIT"},
        {" * All rights reserved. (MIT Licensed)\n", "MIT"},
        // colorama's headers: the title as a sentence, after the holder.
        {"# Copyright Jonathan Hartley 2013. BSD 3-Clause license, see LICENSE file.\n",
         "BSD-3-Clause"},
        // Dist::Zilla's generated LICENSE sections: Software::License's titles, some dated.
        {"This is free software, licensed under:\n\n  The (three-clause) BSD License\n",
         "BSD-3-Clause"},
        {"This is free software, licensed under:\n\n  The GNU Lesser General Public License, "
         "Version 2.1, February 1999\n",
         "LGPL-2.1-only"},
        {"This is free software, licensed under:\n\n  The Apache License, Version 2.0, January "
         "2004\n",
         "Apache-2.0"},
        // Algorithm::Diff's POD: "as Perl." with no "itself"; Class::MakeMethods' "Perl
        // Artistic License".
        {"This program is free software; you can redistribute it and/or modify it\nunder the "
         "same terms as Perl.\n",
         "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        {"This module is free software. It may be used, redistributed and/or\nmodified under "
         "the terms of the Perl Artistic License.\n",
         "Artistic-1.0-Perl"},
        // git's older scripts (git-archimport.perl): GNU's GPL by a wrong name.
        {"# It is released under the Gnu Public License, version 2.\n", "GPL-2.0-only"},
        // A POD license section.
        {"=head1 LICENSE\n\nSame as Perl.\n", "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        // A title in brackets after the code it covers (undici's lib/core/util.js).
        {"// https://github.com/nodejs/node/blob/main/lib/internal/url.js#L229-L241 (MIT "
         "License)\n",
         "MIT"},
        // A preserved banner written as sentences (ws, as undici bundles it).
        {"    /*! ws. MIT License. Einar Otto Stangvik <einaros@gmail.com> */\n", "MIT"},
        // zstd's and lz4's headers: both licenses, either to be chosen.
        {" * This source code is licensed under both the BSD-style license (found in the\n"
         " * LICENSE file in the root directory of this source tree) and the GPLv2 (found\n"
         " * in the COPYING file in the root directory of this source tree).\n"
         " * You may select, at your option, one of the above-listed licenses.\n",
         "BSD-3-Clause OR GPL-2.0-only"},
    };
    for (const auto& [text, want] : cases)
        EXPECT_EQ(statements(text), (Found{{want, "reference"}})) << text;
    // A title over the text itself is the text's, not a second finding.
    auto mit = statements("MIT License\n\nCopyright (c) 2018 Example\n\n" +
                          std::string(find_license("MIT")->text.substr(
                              find_license("MIT")->text.find("Permission is hereby"))));
    EXPECT_EQ(mit, (Found{{"MIT", "text"}}));
}

TEST(References, a_notice_that_offers_a_choice_grants_it) {
    // GNU Nettle (rsa-decrypt.c), as gnulib's dual-licensed files say it.
    std::string nettle = "   GNU Nettle is free software: you can redistribute it and/or\n"
                         "   modify it under the terms of either:\n\n"
                         "     * the GNU Lesser General Public License as published by the Free\n"
                         "       Software Foundation; either version 3 of the License, or (at "
                         "your\n       option) any later version.\n\n   or\n\n"
                         "     * the GNU General Public License as published by the Free\n"
                         "       Software Foundation; either version 2 of the License, or (at "
                         "your\n       option) any later version.\n\n"
                         "   or both in parallel, as here.\n";
    auto found = statements(nettle);
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(found);
    EXPECT_EQ(found[0].first, "LGPL-3.0-or-later OR GPL-2.0-or-later");
    EXPECT_EQ(found[0].second, "notice");
}

TEST(References, near_misses_stay_unmatched) {
    // A text that discusses licenses names them but grants none.
    EXPECT_EQ(statements("The GPL and the MIT license differ in what they ask of you.\n"
                         "Choosing between the Apache License 2.0 and the MIT license is a matter "
                         "of patents.\nCode under the GPL must be shared.\n"),
              Found{});
    // A README's list of its dependencies' licenses: clues, not the file's license.
    auto list = detect_licenses(
        "Bundled: foo (licensed under the MIT license), bar (released under the Apache License "
        "2.0),\nbaz (distributed under the GNU GPL v2 or later), qux (licensed under the ISC "
        "license).\n");
    EXPECT_FALSE(list.empty());
    for (const auto& m : list) {
        EXPECT_EQ(m.kind, LicenseMatch::Kind::clue) << m.expression;
        EXPECT_FALSE(m.is_statement());
    }
    // The word "license" in code.
    EXPECT_EQ(statements("license = get_license(package)\nif (license == \"MIT\") {}\n"
                         "licenses: []\n\"license\": \"see LICENSE file\"\nconst licenseKey = "
                         "'abc';\n"),
              Found{});
    // Where to find the text, after a GNU notice, is no grant of its newest version.
    EXPECT_EQ(statements("You should have received a copy of the GNU Lesser General Public\n"
                         "License along with this library; see the file COPYING.LIB.  If not, a "
                         "copy\ncan be downloaded from http://www.gnu.org/licenses/lgpl.html\n"),
              Found{});
    // A name that does not say which license: no version is guessed.
    EXPECT_EQ(statements("Licensed under the Apache License.\n"), Found{});
    // An address that is no license's.
    EXPECT_EQ(statements("# License details: https://example.org/licenses/MIT-ish\n"), Found{});
    // A section about other licenses, a heading with a pointer, a classifier without a license,
    // an element that names none, a bare name with no heading over it.
    EXPECT_EQ(statements("## Licenses of dependencies\n\n* MIT License\n* Apache License 2.0\n"
                         "* BSD 3-Clause License\n* ISC License\n* Mozilla Public License 2.0\n"),
              Found{});
    EXPECT_EQ(statements("## License\n\nSee [LICENSE](LICENSE).\n"), Found{});
    EXPECT_EQ(statements("    \"License :: OSI Approved\",\n"), Found{});
    EXPECT_EQ(statements("    \"License :: Other/Proprietary License\",\n"), Found{});
    // A <name> outside a <license> element (a POM's developer, a project named after one).
    EXPECT_EQ(statements("  <developers>\n    <developer>\n      <name>MIT License</name>\n"),
              Found{});
    EXPECT_EQ(statements("<license>see LICENSE</license>\n"), Found{});
    // A sentence that denies the grant (libpng's contrib/README.txt).
    EXPECT_EQ(statements("This \"contrib\" directory contains contributions which are not "
                         "necessarily under\nthe libpng license, although all are open source.\n"
                         "These examples are not covered by the GNU GPL.\n"),
              Found{});
    // Works said to be subject to a GNU license with no version are someone else's.
    EXPECT_EQ(statements("Derived works are subject to the GPL as well.\n"), Found{});
    // A field that names none: YAML's null in a META.yml (perl's CPAN-Meta test data).
    EXPECT_EQ(statements("abstract:            ~\nlicense:             ~\n"), Found{});
    EXPECT_EQ(statements("## Usage\n\nMIT\n"), Found{});
    // "licensed" after no license's name.
    EXPECT_EQ(statements("Unlicensed code: proprietary.\nThe software is licensed to you.\n"
                         "Commercially licensed builds exist.\n"),
              Found{});
    // Two licenses in sentences apart, with no "alternatively" between them, are both granted.
    EXPECT_EQ(statements("/* The contents of this file are subject to the Mozilla Public License "
                         "Version 1.1.\n * Parts are distributed under the terms of the GNU "
                         "General Public License version 2 or later. */\n"),
              (Found{{"MPL-1.1", "reference"}, {"GPL-2.0-or-later", "reference"}}));
    // A link to a license page in running text that does not speak of a license.
    EXPECT_EQ(statements("Read the FAQ at https://www.gnu.org/licenses/gpl-faq.html before "
                         "asking on the mailing list about the build.\n"),
              Found{});
}

TEST(References, a_gnu_license_granted_without_a_version_is_any_version) {
    // GPL-2.0 section 9: "If the Program does not specify a version number of this License, you
    // may choose any version ever published by the Free Software Foundation."
    EXPECT_EQ(statements(" * This file is distributed under the GNU General Public License.\n"),
              (Found{{"GPL-1.0-or-later", "reference"}}));
    EXPECT_EQ(statements("# Released under the terms of the GNU Lesser General Public License.\n"),
              (Found{{"LGPL-2.1-or-later", "reference"}}));
    EXPECT_EQ(statements("licensed under the GNU Library General Public License\n"),
              (Found{{"LGPL-2.0-or-later", "reference"}}));
    // Said of other code, it grants nothing.
    EXPECT_EQ(statements("Code under the GPL must be shared.\n"), Found{});
    // Beside a notice of a version, the version stands (util-linux's and many GNU files).
    std::string notice = "This program is free software; you can redistribute it and/or modify\n"
                         "it under the terms of the GNU General Public License as published by\n"
                         "the Free Software Foundation; either version 2 of the License, or\n"
                         "(at your option) any later version.\n\n";
    EXPECT_EQ(statements(notice + "\n\n\n\n\nThis file is distributed under the GNU General "
                                  "Public License.\n"),
              (Found{{"GPL-2.0-or-later", "notice"}}));
}

TEST(References, exceptions_named_beside_the_gpl_join_it) {
    // libstdc++'s headers (GCC 12).
    EXPECT_EQ(statements("// This library is free software; you can redistribute it and/or "
                         "modify it under the\n// terms of the GNU General Public License as "
                         "published by the\n// Free Software Foundation; either version 3, or (at "
                         "your option)\n// any later version.\n\n// Under Section 7 of GPL "
                         "version 3, you are granted additional\n// permissions described in the "
                         "GCC Runtime Library Exception, version\n// 3.1, as published by the "
                         "Free Software Foundation.\n"),
              (Found{{"GPL-3.0-or-later WITH GCC-exception-3.1", "notice"}}));
    // OpenJDK's java.lang.Object.
    EXPECT_EQ(statements(" * This code is free software; you can redistribute it and/or modify "
                         "it\n * under the terms of the GNU General Public License version 2 "
                         "only, as\n * published by the Free Software Foundation.  Oracle "
                         "designates this\n * particular file as subject to the \"Classpath\" "
                         "exception as provided\n * by Oracle in the LICENSE file that "
                         "accompanied this code.\n"),
              (Found{{"GPL-2.0-only WITH Classpath-exception-2.0", "notice"}}));
    // FreeRTOS V9's kernel sources: the exception joins the GPL the sentence names.
    EXPECT_EQ(statements("    FreeRTOS is free software; you can redistribute it and/or modify "
                         "it under\n    the terms of the GNU General Public License (version 2) "
                         "as published by the\n    Free Software Foundation >>>> AND MODIFIED "
                         "BY <<<< the FreeRTOS exception.\n"),
              (Found{{"GPL-2.0-only WITH FreeRTOS-exception-2.0", "reference"}}));
}

TEST(References, common_licenses_are_not_read_as_rare_look_alikes) {
    // FreeType's ftrandom.c: BSD-3-Clause with "THE AUTHOR" as the holder. BSD-3-Clause-HP has
    // "THE AUTHOR" too, but also "HP" and "PATENT INFRINGEMENT", which this text lacks.
    std::string bsd =
        "Redistribution and use in source and binary forms, with or without\nmodification, are "
        "permitted provided that the following conditions are met:\n\nRedistributions of source "
        "code must retain the above copyright notice, this\nlist of conditions and the following "
        "disclaimer.\n\nRedistributions in binary form must reproduce the above copyright "
        "notice,\nthis list of conditions and the following disclaimer in the "
        "documentation\nand/or "
        "other materials provided with the distribution.\n\nThe name of the author may not be used "
        "to endorse or promote products\nderived from this software without specific prior "
        "written permission.\n\nTHIS SOFTWARE IS PROVIDED BY THE AUTHOR ``AS IS'' AND ANY EXPRESS "
        "OR IMPLIED\nWARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES "
        "OF\nMERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO\nEVENT "
        "SHALL THE AUTHOR BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,\nSPECIAL, EXEMPLARY, OR "
        "CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,\nPROCUREMENT OF SUBSTITUTE GOODS OR "
        "SERVICES; LOSS OF USE, DATA, OR PROFITS;\nOR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON "
        "ANY THEORY OF LIABILITY,\nWHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING "
        "NEGLIGENCE OR\nOTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF\n"
        "ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\n";
    EXPECT_EQ(statements(bsd), (Found{{"BSD-3-Clause", "text"}}));
    // With HP's own clause words it is HP's.
    std::string hp = bsd;
    hp.replace(hp.find("The name of the author"), 22,
               "Neither the name of the HP nor the names of its contributors");
    hp.replace(hp.find("(INCLUDING, BUT NOT LIMITED TO,"), 31,
               "(INCLUDING, BUT NOT LIMITED TO, PATENT INFRINGEMENT;");
    auto found = statements(hp);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].first, "BSD-3-Clause-HP");
}

TEST(NamedLicenses, addresses_values_and_names) {
    EXPECT_EQ(license_of_url("http://www.apache.org/licenses/LICENSE-2.0"), "Apache-2.0");
    EXPECT_EQ(license_of_url("https://opensource.org/licenses/MIT"), "MIT");
    EXPECT_EQ(license_of_url("https://www.gnu.org/licenses/gpl-3.0.html"), "GPL-3.0-only");
    EXPECT_EQ(license_of_url("http://www.gnu.org/licenses/old-licenses/lgpl-2.1.en.html"),
              "LGPL-2.1-only");
    EXPECT_EQ(license_of_url("https://creativecommons.org/licenses/by-sa/3.0/"), "CC-BY-SA-3.0");
    EXPECT_EQ(license_of_url("https://spdx.org/licenses/BSD-2-Clause.html"), "BSD-2-Clause");
    EXPECT_EQ(license_of_url("https://www.gnu.org/licenses/"), "");
    EXPECT_EQ(license_of_url("https://example.org/licenses/LICENSE-2.0"), "");
    EXPECT_EQ(license_of_value("GPLv2+"), "GPL-2.0-or-later");
    EXPECT_EQ(license_of_value("(MIT OR Apache-2.0)"), "MIT OR Apache-2.0");
    EXPECT_EQ(license_of_value("Apache License, Version 2.0"), "Apache-2.0");
    EXPECT_EQ(license_of_value("Proprietary"), "");
    EXPECT_EQ(license_of_value("see LICENSE"), "");
    std::size_t consumed = 0;
    EXPECT_EQ(license_named_at("the eclipse public license - v 1.0 which", consumed), "EPL-1.0");
    EXPECT_EQ(license_named_at("mozilla public license, v. 2.0.", consumed), "MPL-2.0");
    EXPECT_EQ(license_named_at("apache license and", consumed), "");
    EXPECT_EQ(license_named_at("mitigation", consumed), "");
}
