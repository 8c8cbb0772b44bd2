// References: a license named without its text. Which wording is a reference (a finding, scored
// 70, kind "reference") and which stays a clue (scored 50, not counted as the file's license):
//
//  - a field that holds a license name: JSDoc/PHPDoc "@license MIT" and "@license
//    http://opensource.org/licenses/MIT MIT License" (jQuery plugins, Horde, phpseclib), Sphinx
//    ":license: BSD-3-Clause", "License: GPL-2+" (DEP-5, PKG-INFO), `__license__ = "MIT"`,
//    `"license": "MIT"` (package.json, composer.json, bower.json): a reference when the value is
//    a license SPDX has;
//  - a sentence that grants a named license with its version: "released under the MIT
//    license", "Licensed under the Apache License 2.0", "distributed under the terms of the GNU
//    LGPL, version 2.1 or later", "Use of this source code is governed by a BSD-style license
//    that can be found in the LICENSE file" (Chromium, Go), "may only be used, modified, and
//    distributed under the terms of the FreeType project license" (FreeType), "This library is
//    free software; you can redistribute it and/or modify it under the same terms as Perl
//    itself" (CPAN); names joined by "or"/"and" are one expression ("Licensed under the Apache
//    License, Version 2.0 <LICENSE-APACHE> or the MIT license <LICENSE-MIT>, at your option":
//    Apache-2.0 OR MIT, as Rust crates say it);
//  - the address of a license's text on a line that speaks of a license or holds little else
//    ("see http://www.apache.org/licenses/LICENSE-2.0", "@see https://spdx.org/licenses/MIT");
//  - metadata and document structure (license_fields.hpp): trove classifiers, <license>
//    elements, a README's "## License" section over a name, a license's title on its own line;
//  - two references in neighbouring sentences, the second "Alternatively" (Mozilla's
//    tri-license block), are one choice (joins.cpp);
//
//  - and clues: a pointer to a license file ("see LICENSE"), and references in a file that
//    names more than three licenses in prose or by address (a README's list of the licenses of
//    its dependencies, a document that compares licenses): those are mentions, not grants.
// A name that does not say which license it is ("the Apache License") names none
// (named_licenses.hpp); a GNU license granted with no version is any version of it, as the GNU
// licenses themselves say (gnu_names.hpp): "distributed under the GNU General Public License"
// is GPL-1.0-or-later, unless the file names a version of that license elsewhere.
#include "kaiyuan/license/clues.hpp"
#include "kaiyuan/license/gnu_names.hpp"
#include "kaiyuan/license/license_fields.hpp"
#include "kaiyuan/license/line_scan.hpp"
#include "kaiyuan/license/named_licenses.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace kaiyuan::license {

namespace {

/// Longer lines are minified code and data, not prose: no reference is looked for in them.
constexpr std::size_t k_max_prose_line = 400;
constexpr double k_reference_score = 70;
constexpr double k_clue_score = 50;
/// More distinct licenses than this named in prose or by address: a list, not a grant.
constexpr std::size_t k_max_prose_licenses = 3;

/// Whether a line says "licen[cs]e", "copying", "conditions of distribution" (zlib's), "gpl",
/// "perl itself", "same terms as" or "unencumbered software" (the Unlicense's) in any case: one
/// pass, as every line of every file is asked.
bool mentions_license(std::string_view line) {
    for (std::size_t i = 0; i + 2 < line.size(); ++i) {
        char c = util::to_lower(line[i]);
        // The first two letters rule out nearly every position before a comparison.
        char d = util::to_lower(line[i + 1]);
        if (!((c == 'l' && d == 'i') || (c == 'c' && (d == 'o' || d == 'r')) ||
              (c == 'g' && d == 'p') || (c == 'p' && d == 'e') || (c == 's' && d == 'a') ||
              (c == 'u' && d == 'n')))
            continue;
        std::string_view rest = line.substr(i);
        if ((c == 'l' && util::starts_with_icase(rest, "licen")) ||
            (c == 'c' && (util::starts_with_icase(rest, "copying") ||
                          util::starts_with_icase(rest, "conditions of distribution") ||
                          util::starts_with_icase(rest, "creativecommons.org"))) ||
            (c == 'g' && util::starts_with_icase(rest, "gpl")) ||
            (c == 'p' && util::starts_with_icase(rest, "perl itself")) ||
            (c == 's' && util::starts_with_icase(rest, "same terms as")) ||
            (c == 'u' && util::starts_with_icase(rest, "unencumbered software")))
            return true;
    }
    return false;
}

constexpr std::array<std::string_view, 25> k_triggers{
    "licensed under ",
    "licensed ",
    "licenced under ",
    "released under ",
    "distributed under ",
    "available under ",
    "provided under ",
    "published under ",
    "offered under ",
    "governed by ",
    "covered by ",
    "subject to the terms of ",
    "under the terms of ",
    "under the ",
    "licensed as ",
    "authorized by ",
    "license: ",
    "is the same as the ",
    "use it under ",
    // KDE's CMake modules: "Redistribution and use is allowed according to the terms of the
    // BSD license."; Linux's arch headers: "This file is subject to the terms and conditions of
    // the GNU General Public License."
    "according to the terms of ",
    "subject to the terms and conditions of ",
    "under the terms and conditions of ",
    // MPL 1.1's and the ZPL's headers: "The contents of this file are subject to the Mozilla
    // Public License Version 1.1", "subject to the provisions of the Zope Public License".
    "subject to the provisions of ",
    "subject to the ",
    // OCLC's header: "The contents of this file ... are subject to OCLC Research Public License
    // Version 2.0 (the "License")".
    "are subject to ",
};

/// Whether the words just before a trigger deny it: libpng's contrib/README.txt
/// ("contributions which are not necessarily under the libpng license"), "files that are not
/// covered by the GPL".
bool negated(std::string_view lower, std::size_t at) {
    std::string_view before = lower.substr(0, at);
    before = before.substr(before.size() - std::min<std::size_t>(before.size(), 28));
    if (auto end = before.rfind(". "); end != std::string_view::npos) before.remove_prefix(end);
    for (std::string_view word : {" not ", "n't ", " never ", " no longer "})
        if (before.find(word) != std::string_view::npos) return true;
    return before.starts_with("not ");
}

/// Words between a trigger and the name: "under the terms and conditions of either the ...".
constexpr std::array<std::string_view, 16> k_fillers{
    "the terms and conditions of ",
    "the terms of ",
    // RealNetworks' header: "subject to the current version of the RealNetworks Public Source
    // License Version 1.0".
    "the current version of the ",
    "current version of the ",
    "conditions of the ",
    "terms of ",
    "either of ",
    "either: ",
    "either ",
    "one of ",
    "your choice of ",
    "a choice of ",
    "the following licenses: ",
    "both ",
    "the same terms as ",
    "the conditions of ",
};

/// Words that make names joined by "and" a choice ("dual-licensed under LGPL 2.1 or later and
/// Apache License 2.0").
constexpr std::array<std::string_view, 8> k_choice_cues{
    "dual",
    "either of",
    "either:",
    "at your choice",
    "choice of",
    "alternatively",
    // zstd's and lz4's headers: "licensed under both the BSD-style license ... and the GPLv2
    // ... You may select, at your option, one of the above-listed licenses."
    "you may select",
    "one of the above",
};

constexpr std::array<std::string_view, 6> k_pointers{
    "see the license file", "see license", "see the file license",
    "see the file copying", "see copying", "refer to the license file",
};

std::string parenthesised(const std::string& e) {
    return e.find(' ') == std::string::npos ? e : "(" + e + ")";
}

std::size_t skip_spaces(std::string_view s, std::size_t at) {
    while (at < s.size() && std::string_view(" \t,:*").find(s[at]) != std::string_view::npos)
        ++at;
    return at;
}

/// Past a bracketed aside after a name: '(the "License")', "<LICENSE-MIT or http://...>".
std::size_t skip_aside(std::string_view s, std::size_t at) {
    at = skip_spaces(s, at);
    if (at >= s.size()) return at;
    char open = s[at];
    char close = open == '(' ? ')' : open == '<' ? '>' : open == '[' ? ']' : '\0';
    if (!close) return at;
    // Brackets nest: "([LICENSE-APACHE](LICENSE-APACHE) or http://...)" (Rust crates' READMEs).
    int depth = 0;
    for (std::size_t i = at; i < s.size() && i - at <= 240; ++i) {
        if (s[i] == open) ++depth;
        if (s[i] == close && --depth == 0) return i + 1;
    }
    return at;
}

struct Names {
    std::string expression;
    std::size_t end = 0; ///< in the text read, just after the last name
};

/// The licenses named from `at` on: one, or several joined by "or", "and/or", "and".
Names names_from(std::string_view lower, std::size_t at, bool choice, bool any_gnu_version) {
    std::vector<std::string> ids;
    bool any_or = false;
    Names out;
    for (int n = 0; n < 4; ++n) {
        at = skip_spaces(lower, at);
        for (bool more = true; more;) {
            more = false;
            for (std::string_view filler : k_fillers)
                if (lower.substr(at).starts_with(filler)) {
                    at += filler.size();
                    more = true;
                }
            // A list's item marker: "a) the GNU General Public License ..., or b) the ...".
            std::string_view rest = lower.substr(at);
            if (rest.size() > 2 && rest[0] >= 'a' && rest[0] <= 'd' && rest[1] == ')' &&
                rest[2] == ' ') {
                at = skip_spaces(lower, at + 3);
                more = true;
            }
        }
        std::size_t consumed = 0;
        std::string id = license_named_at(lower.substr(at), consumed);
        if (id.empty() && any_gnu_version)
            id = gnu_license_without_version(lower.substr(at), consumed);
        if (id.empty()) break;
        at += consumed;
        // An exception named with it: "the Apache License v2.0 with LLVM Exceptions" (LLVM's
        // headers), "GPL-2.0 with the Classpath exception".
        static constexpr std::pair<std::string_view, std::string_view> k_with[] = {
            {" with llvm exception", "LLVM-exception"},
            {" with the llvm exception", "LLVM-exception"},
            {" with the classpath exception", "Classpath-exception-2.0"},
            {" with classpath exception", "Classpath-exception-2.0"},
            {" with the gcc runtime library exception", "GCC-exception-3.1"},
        };
        for (auto [words, exception] : k_with)
            if (lower.substr(at).starts_with(words)) {
                id = "(" + id + " WITH " + std::string(exception) + ")";
                at += words.size();
                while (at < lower.size() && std::isalpha(static_cast<unsigned char>(lower[at])))
                    ++at;
                break;
            }
        // Pixar's (OpenUSD's headers): "Licensed under the Apache License, Version 2.0 (the
        // "Apache License") with the following modification; ...": the modified Apache license
        // SPDX names Pixar.
        if (id == "Apache-2.0" && lower.substr(skip_spaces(lower, skip_aside(lower, at)))
                                      .starts_with("with the following modification")) {
            id = "Pixar";
            at = skip_aside(lower, at);
        }
        if (id.starts_with('(') && ids.empty()) id = id.substr(1, id.size() - 2);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        out.end = at;
        const std::size_t name_end = at;
        at = skip_spaces(lower, skip_aside(lower, at));
        // A list set out in paragraphs ("either:\n * the GNU LGPL ... version.\n or\n * the
        // GNU GPL ..." in GNU Nettle and gnulib) goes on after a full stop.
        if (at < lower.size() && lower[at] == '.' &&
            lower.substr(skip_spaces(lower, at + 1)).starts_with("or "))
            at = skip_spaces(lower, at + 1);
        std::string_view rest = lower.substr(at);
        auto joiner = [&](std::string_view word) {
            return rest.starts_with(word) && rest.size() > word.size() &&
                   !std::isalnum(static_cast<unsigned char>(rest[word.size()]));
        };
        if (joiner("or") || joiner("and/or")) {
            any_or = true;
            at += joiner("or") ? 2 : 6;
        } else if (joiner("and")) {
            at += 3;
        } else if (std::size_t item = 0; choice && rest.size() > 1 && rest[0] != '.' &&
                                         rest[0] != ';' && !license_named_at(rest, item).empty()) {
            // A list of alternatives set out as items ("Licensed under either of\n * Apache
            // License, Version 2.0, (...)\n * MIT license (...)\n at your option", Rust crates):
            // the next item is the next alternative.
            any_or = true;
        } else if (lower.substr(name_end, at - name_end).find(',') != std::string_view::npos) {
            // A list with commas ("the CC0, the OpenSSL Licence, or the Apache Public License
            // 2.0", BLAKE2's reference code): on only if a license is named next.
            std::size_t probe = 0;
            if (license_named_at(lower.substr(at), probe).empty()) break;
        } else {
            break;
        }
        at = skip_spaces(lower, at);
        if (lower.substr(at).starts_with("at your option")) at += 14;
    }
    if (ids.empty()) return {};
    const char* op = any_or || choice ? " OR " : " AND ";
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.expression += (i ? op : "") + (ids.size() > 1 ? parenthesised(ids[i]) : ids[i]);
    return out;
}

/// URLs on the line: runs from "http://", "https://" or "www." to a space or a bracket.
template <class OnUrl> void for_each_url(std::string_view line, OnUrl&& on_url) {
    for (std::size_t at = 0; at < line.size();) {
        std::size_t found = std::string_view::npos;
        for (std::string_view start : {"http://", "https://", "www."}) {
            auto f = find_icase(line, start, at);
            if (f < found) found = f;
        }
        if (found == std::string_view::npos) return;
        std::size_t end = found;
        while (end < line.size() &&
               std::string_view(" \t\"'<>()[]{}`|,").find(line[end]) == std::string_view::npos)
            ++end;
        on_url(found, end);
        at = end + 1;
    }
}

/// "MIT" in "Apache-2.0 OR MIT": whether `id` is one of the ids `expression` names.
bool names_id(const std::string& expression, const std::string& id) {
    if (expression == id) return true;
    std::string padded = " " + expression + " ";
    for (char& c : padded)
        if (c == '(' || c == ')') c = ' ';
    return padded.find(" " + id + " ") != std::string::npos;
}

} // namespace

std::vector<LicenseMatch> find_references(std::string_view text) {
    std::vector<LicenseMatch> out;
    // Each match's origin, to tell grants from mentions: fields are grants; prose and addresses
    // are mentions when a file names many licenses that way.
    std::vector<bool> from_prose;
    std::vector<std::string_view> lines;
    for_each_line(text, [&](std::string_view line, std::uint32_t) {
        // A minified file's first line is code, but its banner comment is prose ("/*! OK.css
        // v1.0.3 | MIT License | github.com/... */"): that is read.
        if (line.size() > k_max_prose_line && line.starts_with("/*"))
            if (auto end = line.find("*/"); end != std::string_view::npos && end < k_max_prose_line)
                line = line.substr(0, end + 2);
        lines.push_back(line);
    });
    auto add = [&](LicenseMatch::Kind kind, std::string expression, std::uint32_t number,
                   std::string detail, bool prose) {
        // One sentence read from two triggers ("Dual licensed under the MIT and GPL licenses":
        // "licensed under" reads both, "under the" only MIT): the fuller reading stands.
        for (std::size_t i = 0; i < out.size(); ++i) {
            LicenseMatch& m = out[i];
            if (m.start_line != number || m.kind != kind) continue;
            if (m.expression == expression || names_id(m.expression, expression)) return;
            if (expression.find(' ') != std::string::npos && names_id(expression, m.expression)) {
                m.expression = std::move(expression);
                m.detail = util::sanitize_text(util::trim(detail).substr(0, 200));
                from_prose[i] = from_prose[i] && prose;
                return;
            }
        }
        LicenseMatch m;
        m.kind = kind;
        m.expression = std::move(expression);
        m.start_line = m.end_line = number;
        m.score = kind == LicenseMatch::Kind::reference ? k_reference_score : k_clue_score;
        // Cut before sanitising: a cut through a UTF-8 sequence becomes a replacement mark.
        std::string_view words = util::trim(detail);
        m.detail = util::sanitize_text(words.substr(0, 200)) + (words.size() > 200 ? "..." : "");
        out.push_back(std::move(m));
        from_prose.push_back(prose);
    };
    // A line is read with the next three lines without their comment markers, so that a sentence
    // wrapped after its trigger ("... distributed under the terms of the\n * GNU General Public
    // License ...") is read whole.
    auto on_line = [&](std::size_t index) {
        const std::string_view line = lines[index];
        const auto number = static_cast<std::uint32_t>(index + 1);
        if (line.size() > k_max_prose_line) return;
        const std::string own = util::to_lower(line);
        const std::size_t before = out.size();
        // Fields. DEP-5, RPM specs and PKG-INFO write "License:" with their own short names.
        // YAML and RFC 822 style fields too: "license: perl" (CPAN's META.yml), "License: MIT".
        std::string_view field = without_comment_markers(line);
        if (util::starts_with_icase(field, "license:")) {
            std::string_view value = util::trim(field.substr(8));
            if (!value.empty() && value.size() <= 80) {
                std::string expression =
                    model::to_spdx_expression(value, model::LicenseDialect::debian);
                if (expression.find("LicenseRef-") != std::string::npos) expression.clear();
                if (expression.empty()) expression = license_of_value(value);
                if (!expression.empty()) {
                    add(LicenseMatch::Kind::reference, std::move(expression), number,
                        "License: " + std::string(value), false);
                    return;
                }
            }
        }
        // A list value that starts on the next line (CPAN's META.json: `"license" : [` then
        // `"perl_5"`): its first item.
        if (std::string_view t = util::trim(own); t.ends_with("[") &&
                                                  t.find("licen") != std::string_view::npos &&
                                                  index + 1 < lines.size()) {
            std::string_view next = util::trim(lines[index + 1]);
            if (next.size() > 2 && (next.front() == '"' || next.front() == '\'')) {
                auto end = next.find(next.front(), 1);
                if (end != std::string_view::npos)
                    if (std::string e = license_of_value(next.substr(1, end - 1)); !e.empty()) {
                        add(LicenseMatch::Kind::reference, std::move(e), number,
                            std::string(t) + " " + std::string(next.substr(0, end + 1)), false);
                        return;
                    }
            }
        }
        // A list of licenses in a package's field offers them as alternatives (composer.json's
        // documented meaning; gemspecs' ["MIT", "Ruby"]).
        if (auto values = field_values(line, own); !values.empty()) {
            std::string expression;
            for (std::string_view value : values) {
                std::string e = license_of_value(value);
                if (e.empty()) {
                    expression.clear();
                    break;
                }
                expression +=
                    (expression.empty() ? "" : " OR ") + (values.size() > 1 ? parenthesised(e) : e);
            }
            if (!expression.empty()) {
                add(LicenseMatch::Kind::reference, std::move(expression), number,
                    std::string(util::trim(line)), false);
                return;
            }
        }
        // An old package.json's "licenses": [{"type": "MIT", "url": ...}].
        if (auto at = own.find("\"type\""); at != std::string::npos && index > 0) {
            bool in_licenses = false;
            for (std::size_t k = index; k-- > 0 && k + 3 >= index;)
                in_licenses =
                    in_licenses || find_icase(lines[k], "\"licenses\"") != std::string_view::npos;
            std::string_view rest = std::string_view(line).substr(at + 6);
            auto open = rest.find('"');
            auto close = open == std::string_view::npos ? open : rest.find('"', open + 1);
            if (in_licenses && close != std::string_view::npos)
                if (std::string e = license_of_value(rest.substr(open + 1, close - open - 1));
                    !e.empty()) {
                    add(LicenseMatch::Kind::reference, std::move(e), number,
                        std::string(util::trim(line)), false);
                    return;
                }
        }
        if (std::string expression = trove_license(own); !expression.empty()) {
            add(LicenseMatch::Kind::reference, std::move(expression), number,
                std::string(util::trim(line)), false);
            return;
        }
        // XML: the license element's text, or the name inside a POM's <license>.
        std::string_view element = element_text(line, own, "license");
        if (element.empty() && own.find("<name") != std::string::npos &&
            ((index > 0 && find_icase(lines[index - 1], "<license") != std::string_view::npos) ||
             find_icase(line, "<license") != std::string_view::npos))
            element = element_text(line, own, "name");
        if (!element.empty())
            if (std::string expression = license_of_value(element); !expression.empty()) {
                add(LicenseMatch::Kind::reference, std::move(expression), number,
                    std::string(util::trim(line)), false);
                return;
            }
        // A license section's first line: "## License" then "MIT", "Apache 2.0", "BSD
        // 3-Clause, see LICENSE." (the line under it, past an underline and blank lines).
        if (is_license_heading(line)) {
            for (std::size_t k = index + 1; k < std::min(lines.size(), index + 4); ++k) {
                std::string_view next = util::trim(without_comment_markers(lines[k]));
                if (next.empty() || next.find_first_not_of("=-~^*#") == std::string_view::npos)
                    continue;
                // "[MIT](LICENSE)": the link's text; "MIT © Sindre Sorhus": the name before
                // the holder (sindresorhus's packages end their READMEs so).
                if (next.starts_with('[')) {
                    auto close = next.find("](");
                    if (close != std::string_view::npos) next = next.substr(1, close - 1);
                }
                for (std::string_view holder : {"\u00a9", "(c)", "(C)", "Copyright", "copyright"})
                    if (auto at = next.find(holder); at != std::string_view::npos && at > 0)
                        next = util::trim(next.substr(0, at));
                if (next.size() <= 80)
                    if (std::string e = license_of_value(next); !e.empty())
                        add(LicenseMatch::Kind::reference, std::move(e),
                            static_cast<std::uint32_t>(k + 1), std::string(next), true);
                break;
            }
        }
        // A title stands on its own: not the rest of a sentence wrapped from the line before
        // ("... under the terms of the GNU\n General Public License version 3 or (at your
        // option) any later version\n approved by ..." in Qt's headers).
        // A line after one that ends on a word a sentence cannot end on ("the", "of", "GNU",
        // a comma) goes on with that sentence; after any other (a list's item, a heading) it
        // starts anew.
        auto starts_anew = [&] {
            if (index == 0) return true;
            std::string previous = util::to_lower(util::trim(lines[index - 1]));
            if (previous.empty() || previous.back() == ',') return previous.empty();
            auto space = previous.find_last_of(" \t*#/");
            std::string_view last =
                std::string_view(previous).substr(space == std::string::npos ? 0 : space + 1);
            static constexpr std::string_view k_going_on[] = {
                "the",  "a",    "an",  "of",   "under",  "and",     "or",
                "gnu",  "to",   "by",  "with", "either", "version", "terms",
                "this", "your", "its", "as",   "in",     "is",      "are"};
            return std::find(std::begin(k_going_on), std::end(k_going_on), last) ==
                   std::end(k_going_on);
        };
        if (std::string id = title_license(line); !id.empty() && starts_anew()) {
            add(LicenseMatch::Kind::reference, std::move(id), number, std::string(util::trim(line)),
                true);
            return;
        }
        // Labels: banner cells, a title in brackets, "MIT Licensed" (license_fields.hpp).
        if (Label label = license_label(line, own, starts_anew()); !label.id.empty()) {
            add(LicenseMatch::Kind::reference, std::move(label.id), number,
                std::string(label.detail), label.prose);
            return;
        }
        // Names set out over several lines ("under the terms of either:" then two paragraphs)
        // are read on for up to 12 lines; cues of a choice only in the sentence's first four.
        // Sentences start with a trigger's first word on this line; most lines have none, and
        // the lines after are not read for them.
        static constexpr std::string_view k_trigger_words[] = {
            "licen",       "under",     "by ",      "same",      "subject", "released",
            "distributed", "available", "provided", "published", "offered"};
        const bool may_grant =
            std::any_of(std::begin(k_trigger_words), std::end(k_trigger_words),
                        [&](std::string_view w) { return own.find(w) != std::string::npos; });
        std::string near(line);
        if (may_grant)
            for (std::size_t k = index + 1; k < std::min(lines.size(), index + 4); ++k)
                if (lines[k].size() <= k_max_prose_line)
                    near += " " + std::string(without_comment_markers(lines[k]));
        const std::string near_lower = may_grant ? util::to_lower(near) : own;
        // The 12 lines after, only for a name list that a trigger on this line starts.
        std::string joined, lower;
        auto read_on = [&] {
            if (!joined.empty()) return;
            joined = line;
            for (std::size_t k = index + 1; k < std::min(lines.size(), index + 13); ++k)
                if (lines[k].size() <= k_max_prose_line)
                    joined += " " + std::string(without_comment_markers(lines[k]));
            lower = util::to_lower(joined);
        };
        const bool choice =
            std::any_of(k_choice_cues.begin(), k_choice_cues.end(), [&](std::string_view c) {
                return near_lower.find(c) != std::string::npos;
            });
        // Sentences whose trigger is on this line (the next lines' own are theirs).
        // A trigger that starts on this line may end on the next ("... it under\n the terms").
        for (std::string_view trigger : k_triggers) {
            if (!may_grant) break;
            for (auto at = near_lower.find(trigger); at != std::string::npos && at < own.size();
                 at = near_lower.find(trigger, at + 1)) {
                if (negated(near_lower, at)) continue;
                read_on();
                // A grant of a GNU license with no version grants any version; "under the
                // GPL" alone is as often said of other code ("code under the GPL must ...",
                // "works subject to the GPL").
                Names names =
                    names_from(lower, at + trigger.size(), choice,
                               trigger != "under the " && trigger != "covered by " &&
                                   trigger != "subject to the " && trigger != "are subject to ");
                if (names.expression.empty()) continue;
                // Linux's headers: "... the GNU General Public License. See the file "COPYING"
                // in the main directory of this archive": that COPYING grants version 2 only
                // ("Linux is provided under ... GPL-2.0", and the kernel's own SPDX tags for
                // these files say GPL-2.0).
                if (names.expression == "GPL-1.0-or-later" &&
                    near_lower.find("main directory of this archive") != std::string::npos)
                    names.expression = "GPL-2.0-only";
                add(LicenseMatch::Kind::reference, std::move(names.expression), number,
                    joined.substr(at, names.end - at), true);
            }
        }
        // "the same terms as Perl itself", "... as the Perl 5 programming language system
        // itself" (Dist::Zilla's boilerplate): Perl's own terms.
        // (The phrase may wrap: "distributed under the same\n terms as perl itself".)
        if (auto at = near_lower.find("same terms as ");
            at != std::string::npos && at < own.size()) {
            std::string_view rest = std::string_view(near_lower).substr(at + 14, 60);
            auto perl = rest.find("perl");
            auto itself = rest.find("itself");
            // "... as Perl itself", "... as the Perl 5 programming language system itself",
            // and "... under the same terms as Perl." (Algorithm::Diff, Class::MakeMethods).
            std::size_t end = std::string_view::npos;
            if (perl != std::string_view::npos && itself != std::string_view::npos && perl < itself)
                end = itself + 6;
            else if (perl != std::string_view::npos &&
                     (perl + 4 == rest.size() ||
                      std::string_view(".,;)").find(rest[perl + 4]) != std::string_view::npos))
                end = perl + 4;
            if (end != std::string_view::npos)
                add(LicenseMatch::Kind::reference, "Artistic-1.0-Perl OR GPL-1.0-or-later", number,
                    near.substr(at, 14 + end), true);
        }
        // The Unlicense's first sentence, which headers carry alone.
        if (auto at = own.find("free and unencumbered software released into the public domain");
            at != std::string::npos)
            add(LicenseMatch::Kind::reference, "Unlicense", number,
                std::string(line.substr(at, 62)), true);
        // zlib's own sources, and the many that copy them: the license is zlib.h's.
        if (auto at = own.find("see copyright notice in zlib.h"); at != std::string::npos)
            add(LicenseMatch::Kind::reference, "Zlib", number, std::string(line.substr(at, 30)),
                true);
        // Addresses of license texts on a line that speaks of a license.
        for_each_url(line, [&](std::size_t from, std::size_t to) {
            std::string id = license_of_url(line.substr(from, to - from));
            if (id.empty()) return;
            std::string rest = own.substr(0, from) + " " + own.substr(to);
            // "You should have received a copy of the GNU General Public License ...; if not,
            // see <https://www.gnu.org/licenses/>": where to find a text, not a grant.
            std::string context = index > 0 ? util::to_lower(lines[index - 1]) + " " + own : own;
            // (CC0's own notice ends the same way, with the address of CC0 itself: a grant.)
            bool gnu = id.find("GPL") != std::string::npos || id.starts_with("GFDL");
            if (gnu && (context.find("received a copy") != std::string::npos ||
                        context.find("a copy can be") != std::string::npos))
                return;
            // CC0's notice speaks of a dedication, not a license.
            // A line that is the address and little else ("see
            // https://opensource.org/licenses/MIT", a comment holding the address) points to
            // that license as much as a sentence would.
            std::size_t other = 0;
            for (char c : rest)
                other += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
            bool about_license =
                rest.find("licen") != std::string::npos || other <= 8 ||
                (index > 0 && find_icase(lines[index - 1], "licen") != std::string_view::npos) ||
                (id == "CC0-1.0" && index > 1 &&
                 (find_icase(lines[index - 2], "cc0") != std::string_view::npos ||
                  context.find("cc0") != std::string::npos ||
                  context.find("dedicat") != std::string::npos));
            // The address in a sentence's aside ("<LICENSE-MIT or
            // http://opensource.org/licenses/MIT>") is that sentence's.
            // A GNU page's address after a grant of that version, "-only" or "or later" (Qt's
            // "... will be met: https://www.gnu.org/licenses/gpl-3.0.html"), is that grant's.
            auto version_of = [](std::string e) {
                for (std::string_view suffix : {"-only", "-or-later"})
                    for (auto at = e.find(suffix); at != std::string::npos; at = e.find(suffix))
                        e.erase(at, suffix.size());
                return e;
            };
            bool in_sentence = std::any_of(out.begin(), out.end(), [&](const LicenseMatch& m) {
                return m.kind == LicenseMatch::Kind::reference && m.start_line + 12 >= number &&
                       m.start_line <= number &&
                       (names_id(m.expression, id) ||
                        names_id(version_of(m.expression), version_of(id)));
            });
            if (about_license && !in_sentence)
                add(LicenseMatch::Kind::reference, std::move(id), number,
                    std::string(line.substr(from, to - from)), true);
        });
        if (out.size() != before) return;
        for (std::string_view pointer : k_pointers)
            if (own.find(pointer) != std::string::npos) {
                add(LicenseMatch::Kind::clue, "", number, std::string(pointer), false);
                return;
            }
    };
    // Most lines mention no license: only windows with a line that does are read further.
    std::vector<bool> mentions(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
        mentions[i] = lines[i].size() <= k_max_prose_line && mentions_license(lines[i]);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        bool near = false;
        for (std::size_t k = i; k < std::min(lines.size(), i + 4) && !near; ++k)
            near = mentions[k];
        if (near) on_line(i);
    }
    std::set<std::string> in_prose;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (from_prose[i] && out[i].kind == LicenseMatch::Kind::reference)
            in_prose.insert(out[i].expression);
    if (in_prose.size() > k_max_prose_licenses)
        for (std::size_t i = 0; i < out.size(); ++i)
            if (from_prose[i] && out[i].kind == LicenseMatch::Kind::reference) {
                out[i].kind = LicenseMatch::Kind::clue;
                out[i].score = k_clue_score;
            }
    // Pixar's header sends to the Apache license's address for the text it modifies: that
    // address is part of the Pixar grant, not a second license.
    for (const LicenseMatch& pixar : std::vector<LicenseMatch>(out))
        if (pixar.expression == "Pixar")
            std::erase_if(out, [&](const LicenseMatch& m) {
                return m.expression == "Apache-2.0" && m.start_line >= pixar.start_line &&
                       m.start_line <= pixar.start_line + 15;
            });
    return out;
}

} // namespace kaiyuan::license
