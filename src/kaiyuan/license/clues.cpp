#include "kaiyuan/license/clues.hpp"

#include "kaiyuan/license/gnu_names.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>

namespace kaiyuan::license {

namespace {

template <class OnLine> void for_each_line(std::string_view text, OnLine&& on_line) {
    std::uint32_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        on_line(text.substr(pos, eol - pos), ++number);
        pos = eol + 1;
    }
}

/// Longer lines are minified code and data, not prose: no clue is looked for in them.
constexpr std::size_t k_max_prose_line = 400;

/// A line without the comment markers and indentation before its text.
std::string_view without_comment_markers(std::string_view line) {
    while (!line.empty() &&
           std::string_view(" \t*#/;%!-").find(line.front()) != std::string_view::npos)
        line.remove_prefix(1);
    return line;
}

/// Whether a line says "licen[cs]e", "copying" or "gpl" in any case: one pass, as every line of
/// every file is asked.
bool mentions_license(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = util::to_lower(line[i]);
        if (c != 'l' && c != 'c' && c != 'g') continue;
        std::string_view rest = line.substr(i);
        if ((c == 'l' && util::starts_with_icase(rest, "licen")) ||
            (c == 'c' && util::starts_with_icase(rest, "copying")) ||
            (c == 'g' && util::starts_with_icase(rest, "gpl")))
            return true;
    }
    return false;
}

/// Case-insensitive search.
std::size_t find_icase(std::string_view hay, std::string_view needle, std::size_t from = 0) {
    if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (util::to_lower(hay[i]) == needle[0] && util::starts_with_icase(hay.substr(i), needle))
            return i;
    return std::string_view::npos;
}

struct Name {
    std::string_view words; ///< lower case, as found after the trigger
    std::string_view id;
};

// Longest first where one name begins another.
constexpr std::array k_names{
    Name{"apache license, version 2.0", "Apache-2.0"},
    Name{"apache license 2.0", "Apache-2.0"},
    Name{"apache license v2.0", "Apache-2.0"},
    Name{"apache 2.0 license", "Apache-2.0"},
    Name{"apache-2.0", "Apache-2.0"},
    Name{"mozilla public license, v. 2.0", "MPL-2.0"},
    Name{"mozilla public license 2.0", "MPL-2.0"},
    Name{"mozilla public license version 2.0", "MPL-2.0"},
    Name{"eclipse public license 2.0", "EPL-2.0"},
    Name{"eclipse public license v2.0", "EPL-2.0"},
    Name{"eclipse public license v1.0", "EPL-1.0"},
    Name{"eclipse public license - v 1.0", "EPL-1.0"},
    Name{"mulan psl v2", "MulanPSL-2.0"},
    Name{"mulan permissive software license, version 2", "MulanPSL-2.0"},
    Name{"mulan psl v1", "MulanPSL-1.0"},
    Name{"boost software license", "BSL-1.0"},
    Name{"mit license", "MIT"},
    Name{"mit/x11 license", "MIT"},
    Name{"expat license", "MIT"},
    Name{"isc license", "ISC"},
    Name{"zlib license", "Zlib"},
    Name{"curl license", "curl"},
    Name{"unlicense", "Unlicense"},
    Name{"cc0 1.0", "CC0-1.0"},
    Name{"creative commons zero", "CC0-1.0"},
    Name{"python software foundation license", "PSF-2.0"},
    Name{"artistic license 2.0", "Artistic-2.0"},
    Name{"bsd 3-clause license", "BSD-3-Clause"},
    Name{"3-clause bsd license", "BSD-3-Clause"},
    Name{"bsd 2-clause license", "BSD-2-Clause"},
    Name{"2-clause bsd license", "BSD-2-Clause"},
};

constexpr std::array<std::string_view, 7> k_triggers{
    "licensed under the ",
    "released under the ",
    "distributed under the ",
    "available under the ",
    "under the terms of the ",
    "licensed under ",
    "license: ",
};

constexpr std::array<std::string_view, 6> k_pointers{
    "see the license file", "see license", "see the file license",
    "see the file copying", "see copying", "refer to the license file",
};

/// "SPDX-License-Identifier: MIT */" -> "MIT".
std::string_view tag_expression(std::string_view rest) {
    rest = util::trim(rest);
    for (std::string_view close : {"*/", "-->", "*)", "#}", "%>", "\"\"\"", "'''"})
        if (auto at = rest.find(close); at != std::string_view::npos) rest = rest.substr(0, at);
    rest = util::trim(rest);
    while (!rest.empty() && (rest.back() == '"' || rest.back() == '\'' || rest.back() == ','))
        rest.remove_suffix(1);
    while (!rest.empty() && (rest.front() == '"' || rest.front() == '\''))
        rest.remove_prefix(1);
    return util::trim(rest);
}

} // namespace

std::vector<LicenseMatch> find_tags(std::string_view text) {
    std::vector<LicenseMatch> out;
    constexpr std::string_view k_tag = "spdx-license-identifier:";
    if (find_icase(text, k_tag) == std::string_view::npos) return out;
    for_each_line(text, [&](std::string_view line, std::uint32_t number) {
        auto at = find_icase(line, k_tag);
        if (at == std::string_view::npos) return;
        std::string_view raw = tag_expression(line.substr(at + k_tag.size()));
        // Code that mentions the tag ("SPDX-License-Identifier: %s\n", a regex) is not one:
        // an expression has only id characters, spaces, parentheses, ':' and '+'.
        bool expression_like = !raw.empty() && std::all_of(raw.begin(), raw.end(), [](char c) {
            return model::is_idstring(std::string_view(&c, 1)) || c == ' ' || c == '(' ||
                   c == ')' || c == ':' || c == '+' || c == '\t';
        });
        if (!expression_like) return;
        LicenseMatch m;
        m.kind = LicenseMatch::Kind::tag;
        m.start_line = m.end_line = number;
        m.score = 100;
        auto parsed = model::LicenseExpression::parse(raw, true);
        if (parsed) {
            m.expression = parsed->to_string();
        } else {
            m.expression = util::sanitize_text(raw);
            m.detail = parsed.error().message;
        }
        out.push_back(std::move(m));
    });
    return out;
}

std::vector<LicenseMatch> find_clues(std::string_view text) {
    std::vector<LicenseMatch> out;
    // A line is read with what follows it, the next three lines without their comment markers,
    // so that a sentence wrapped after its trigger ("... distributed under the terms of the\n *
    // GNU General Public License ...") is read whole.
    std::vector<std::string_view> lines;
    for_each_line(text, [&](std::string_view line, std::uint32_t) { lines.push_back(line); });
    auto on_line = [&](std::size_t index) {
        const std::string_view line = lines[index];
        const auto number = static_cast<std::uint32_t>(index + 1);
        auto following = [&] {
            std::string next;
            for (std::size_t k = index + 1; k < std::min(lines.size(), index + 4); ++k)
                if (lines[k].size() <= k_max_prose_line)
                    next += std::string(without_comment_markers(lines[k])) + " ";
            return next;
        };
        if (line.size() > k_max_prose_line) return;
        // A "License:" field (Debian copyright files, RPM specs, Python's PKG-INFO) names the
        // license in a short name of its own.
        std::string_view field = without_comment_markers(line);
        if (field.starts_with("License:")) {
            std::string_view value = util::trim(field.substr(8));
            if (!value.empty() && value.size() <= 80) {
                std::string expression =
                    model::to_spdx_expression(value, model::LicenseDialect::debian);
                if (!expression.empty() && expression.find("LicenseRef-") == std::string::npos) {
                    LicenseMatch m;
                    m.kind = LicenseMatch::Kind::clue;
                    m.expression = std::move(expression);
                    m.start_line = m.end_line = number;
                    m.score = 50;
                    m.detail = "License: " + util::sanitize_text(value);
                    out.push_back(std::move(m));
                    return;
                }
            }
        }
        // The trigger itself is on this line; only then is the sentence read on.
        const std::string own = util::to_lower(line);
        auto on_line_at = [&](std::string_view needle) {
            return own.find(needle) != std::string::npos;
        };
        if (std::none_of(k_triggers.begin(), k_triggers.end(), on_line_at) &&
            std::none_of(k_pointers.begin(), k_pointers.end(), on_line_at))
            return;
        const std::string joined = std::string(line) + " " + following();
        std::string lower = util::to_lower(joined);
        auto add = [&](std::string id, std::string detail) {
            LicenseMatch m;
            m.kind = LicenseMatch::Kind::clue;
            m.expression = std::move(id);
            m.start_line = m.end_line = number;
            m.score = 50;
            m.detail = std::move(detail);
            out.push_back(std::move(m));
        };
        for (std::string_view trigger : k_triggers) {
            auto at = lower.find(trigger);
            if (at == std::string::npos || at >= line.size()) continue; // the next line's own
            std::string_view tail = std::string_view(lower).substr(at + trigger.size());
            if (tail.starts_with("terms of the ")) tail.remove_prefix(13);
            std::size_t consumed = 0;
            if (std::string id = gnu_license_name(tail, consumed); !id.empty()) {
                std::size_t end = static_cast<std::size_t>(tail.data() - lower.data()) + consumed;
                add(std::move(id),
                    util::sanitize_text(util::trim(std::string_view(joined).substr(at, end - at))));
                return;
            }
            for (const Name& n : k_names)
                if (tail.starts_with(n.words)) {
                    std::size_t end =
                        static_cast<std::size_t>(tail.data() - lower.data()) + n.words.size();
                    add(std::string(n.id),
                        util::sanitize_text(std::string_view(joined).substr(at, end - at)));
                    return;
                }
        }
        for (std::string_view pointer : k_pointers)
            if (lower.find(pointer) < line.size()) {
                add("", std::string(pointer));
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
    return out;
}

} // namespace kaiyuan::license
