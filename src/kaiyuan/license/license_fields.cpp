// License fields (license_fields.hpp): values of metadata fields, classifiers, XML elements,
// license sections and titles.
#include "kaiyuan/license/license_fields.hpp"

#include "kaiyuan/license/line_scan.hpp"
#include "kaiyuan/license/named_licenses.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace kaiyuan::license {

/// The value of a license field on the line: "@license V", ":license: V", `__license__ = "V"`,
/// `"license": "V"`, `license='V'`; a list's items (`"license": ["MIT", "GPL-3.0"]`,
/// `s.licenses = ["MIT", "Ruby"]`) each; none when the line has none.
std::vector<std::string_view> field_values(std::string_view line, const std::string& lower) {
    for (std::string_view marker : {"@license", ":license:"}) {
        auto at = lower.find(marker);
        if (at == std::string::npos) continue;
        std::string_view value = line.substr(at + marker.size());
        if (!value.empty() && !(value.front() == ' ' || value.front() == '\t')) continue;
        for (std::string_view close : {"*/", "-->", "\"\"\""})
            if (auto c = value.find(close); c != std::string_view::npos) value = value.substr(0, c);
        value = util::trim(value);
        if (value.empty()) return {};
        return {value};
    }
    for (std::size_t at = lower.find("licen"); at != std::string::npos;
         at = lower.find("licen", at + 1)) {
        // A key of its own: "license", "licence", "licenses", "__license__", ".license".
        if (at > 0) {
            char before = lower[at - 1];
            bool dunder = at >= 2 && lower.compare(at - 2, 2, "__") == 0;
            if ((std::isalnum(static_cast<unsigned char>(before)) || before == '_') && !dunder)
                continue;
        }
        std::size_t p = at + 5;
        if (lower.compare(p, 2, "se") != 0 && lower.compare(p, 2, "ce") != 0) continue;
        p += 2;
        if (p < lower.size() && lower[p] == 's') ++p;
        if (lower.compare(p, 2, "__") == 0) p += 2;
        if (p < lower.size() && (lower[p] == '"' || lower[p] == '\'')) ++p;
        while (p < lower.size() && lower[p] == ' ')
            ++p;
        if (p >= lower.size()) continue;
        if (lower.compare(p, 2, "=>") == 0)
            p += 2;
        else if (lower[p] == ':' || (lower[p] == '=' && lower.compare(p, 2, "==") != 0))
            ++p;
        else
            continue;
        bool list = false;
        while (p < lower.size() && (lower[p] == ' ' || lower[p] == '[')) {
            list = list || lower[p] == '[';
            ++p;
        }
        std::vector<std::string_view> items;
        while (p < lower.size() && (lower[p] == '"' || lower[p] == '\'')) {
            char quote = lower[p];
            auto end = lower.find(quote, p + 1);
            if (end == std::string::npos) break;
            items.push_back(line.substr(p + 1, end - p - 1));
            if (!list) break;
            p = end + 1;
            while (p < lower.size() && (lower[p] == ' ' || lower[p] == ','))
                ++p;
        }
        if (!items.empty()) return items;
    }
    return {};
}

/// A Python package's trove classifier, "License :: OSI Approved :: MIT License" (setup.py,
/// setup.cfg, PKG-INFO, pyproject.toml): the license its last part names; "" for none. The
/// classifiers that name no version are read as PyPI's list means them (pypi.org/classifiers:
/// "Apache Software License" is the Apache License 2.0 that setuptools' templates ship).
std::string trove_license(const std::string& lower) {
    auto at = lower.find("license :: ");
    if (at == std::string::npos) return {};
    std::string_view rest = std::string_view(lower).substr(at);
    auto last = rest.rfind(":: ");
    rest = rest.substr(last + 3);
    rest = rest.substr(0, rest.find_first_of("\"',]"));
    rest = util::trim(rest);
    static constexpr std::pair<std::string_view, std::string_view> k_trove[] = {
        {"apache software license", "Apache-2.0"},
        {"gnu general public license (gpl)", "GPL-1.0-or-later"},
        {"gnu library or lesser general public license (lgpl)", "LGPL-2.0-or-later"},
        {"gnu lesser general public license v2 (lgplv2)", "LGPL-2.0-only"},
        {"gnu lesser general public license v2 or later (lgplv2+)", "LGPL-2.0-or-later"},
        {"gnu lesser general public license v3 (lgplv3)", "LGPL-3.0-only"},
        {"gnu lesser general public license v3 or later (lgplv3+)", "LGPL-3.0-or-later"},
        {"gnu general public license v2 (gplv2)", "GPL-2.0-only"},
        {"gnu general public license v2 or later (gplv2+)", "GPL-2.0-or-later"},
        {"gnu general public license v3 (gplv3)", "GPL-3.0-only"},
        {"gnu general public license v3 or later (gplv3+)", "GPL-3.0-or-later"},
        {"gnu affero general public license v3", "AGPL-3.0-only"},
        {"gnu affero general public license v3 or later (agplv3+)", "AGPL-3.0-or-later"},
        {"isc license (iscl)", "ISC"},
        {"python software foundation license", "PSF-2.0"},
        {"the unlicense (unlicense)", "Unlicense"},
        {"mit no attribution license (mit-0)", "MIT-0"},
        {"zope public license", "ZPL-2.1"},
        {"historical permission notice and disclaimer (hpnd)", "HPND"},
    };
    for (auto [name, id] : k_trove)
        if (rest == name) return std::string(id);
    return license_of_value(rest);
}

/// The text of an XML element on the line: `<license type="expression">MIT</license>` (NuGet),
/// `<license>BSD</license>` (PEAR, Maven), `<name>Apache License, Version 2.0</name>` (a POM's
/// <license> element); "" when the element is not there or holds markup.
std::string_view element_text(std::string_view line, const std::string& lower,
                              std::string_view name) {
    std::string open = "<" + std::string(name);
    auto at = lower.find(open);
    if (at == std::string::npos) return {};
    std::size_t after = at + open.size();
    if (after >= lower.size() || (lower[after] != '>' && lower[after] != ' ')) return {};
    auto gt = lower.find('>', after);
    auto close = lower.find("</" + std::string(name), after);
    if (gt == std::string::npos || close == std::string::npos || close < gt) return {};
    std::string_view value = util::trim(line.substr(gt + 1, close - gt - 1));
    if (value.find('<') != std::string_view::npos) return {};
    return value;
}

/// A heading that opens a README's or a document's license section: "License", "## Licence",
/// "LICENSE:", "Copyright and License", "License and Copyright".
bool is_license_heading(std::string_view line) {
    std::string_view t = util::trim(without_comment_markers(line));
    // POD: "=head1 LICENSE", "=head2 COPYRIGHT AND LICENSE".
    for (std::string_view pod : {"=head1 ", "=head2 ", "=head3 ", "head1 ", "head2 ", "head3 "})
        if (t.starts_with(pod)) t.remove_prefix(pod.size());
    while (!t.empty() && std::string_view("#=*_:").find(t.back()) != std::string_view::npos)
        t.remove_suffix(1);
    while (!t.empty() && std::string_view("#=*_ ").find(t.front()) != std::string_view::npos)
        t.remove_prefix(1);
    t = util::trim(t);
    for (std::string_view h : {"license", "licence", "licensing", "copyright and license",
                               "license and copyright", "copyright & license", "licenses"})
        if (t.size() == h.size() && util::starts_with_icase(t, h)) return true;
    return false;
}

/// A line that is a license's title and nothing else: "The MIT License (MIT)", "MIT License",
/// "BSD 3-Clause License" (the first line of a LICENSE file whose text was not kept, or a
/// header that names its license as a heading). It must say "license": a bare name on a line
/// is as often a list's item.
std::string title_license(std::string_view line) {
    std::string_view t = util::trim(without_comment_markers(line));
    while (!t.empty() && std::string_view("#=*_ ").find(t.front()) != std::string_view::npos)
        t.remove_prefix(1);
    while (!t.empty() && std::string_view("#=*_ .:").find(t.back()) != std::string_view::npos)
        t.remove_suffix(1);
    if (t.size() < 6 || t.size() > 90 || find_icase(t, "licen") == std::string_view::npos)
        return {};
    std::string lower = util::to_lower(t);
    std::size_t consumed = 0;
    std::string id = license_named_at(lower, consumed);
    if (id.empty()) return {};
    std::string_view tail = util::trim(std::string_view(lower).substr(consumed));
    if (tail == "license" || tail == "licence") tail = {};
    // "(MIT)", "(the "License")", "(GPL Compatible)".
    // (Not an aside that points somewhere: "MIT license ([LICENSE-MIT](LICENSE-MIT) or
    // http://...)" is a list's item, read with its list.)
    if (tail.starts_with('(') && tail.ends_with(')') && tail.size() <= 30 &&
        tail.find('/') == std::string_view::npos)
        tail = {};
    // The date a license's title carries: "The Apache License, Version 2.0, January 2004", "The
    // GNU Lesser General Public License, Version 2.1, February 1999" (CPAN's Software::License
    // titles, as Dist::Zilla writes them).
    if (tail.starts_with(',')) {
        std::string_view date = util::trim(tail.substr(1));
        static constexpr std::string_view k_months[] = {
            "january", "february", "march",     "april",   "may",      "june",
            "july",    "august",   "september", "october", "november", "december"};
        for (std::string_view month : k_months)
            if (date.starts_with(month)) {
                std::string_view year = util::trim(date.substr(month.size()));
                if (year.size() == 4 && std::all_of(year.begin(), year.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; }))
                    tail = {};
            }
    }
    return tail.empty() ? id : std::string();
}

namespace {

/// A banner's cells between bars: "/*! normalize.css v8.0.1 | MIT License | ... */", the last
/// one ending at the comment's close ("... | jquery.org/license */").
Label bar_cells(std::string_view line) {
    if (!(line.starts_with("/*") || line.starts_with("//") || line.starts_with(" *"))) return {};
    for (std::size_t from = line.find('|'); from != std::string_view::npos;) {
        std::size_t to = line.find('|', from + 1);
        if (to == std::string_view::npos) to = line.find("*/", from + 1);
        if (to == std::string_view::npos) break;
        std::string_view cell = util::trim(line.substr(from + 1, to - from - 1));
        if (find_icase(cell, "licen") != std::string_view::npos)
            if (std::string id = license_of_value(cell); !id.empty()) return {id, cell, false};
        from = line[to] == '|' ? to : std::string_view::npos;
    }
    return {};
}

/// A license's title as a sentence of its own: a preserved banner ("/*! ws. MIT License. Einar
/// Otto Stangvik <einaros@gmail.com> */", undici's bundled copies), a header's "# Copyright
/// Jonathan Hartley 2013. BSD 3-Clause license, see LICENSE file." (colorama).
Label title_sentence(std::string_view line, bool starts_anew) {
    std::string_view body = util::trim(without_comment_markers(line));
    if (body.starts_with("/*!")) body.remove_prefix(3);
    if (auto close = body.find("*/"); close != std::string_view::npos) body = body.substr(0, close);
    for (std::size_t from = 0; from < body.size();) {
        std::size_t to = body.find(". ", from);
        if (to == std::string_view::npos) to = body.size();
        std::string_view cell = util::trim(body.substr(from, to - from));
        // "BSD 3-Clause license, see LICENSE file": the title before its pointer.
        for (std::string_view pointer : {", see ", " - see ", "; see ", " (see "})
            if (auto at = find_icase(cell, pointer); at != std::string_view::npos)
                cell = util::trim(cell.substr(0, at));
        // (The line's first sentence may be the end of one wrapped from the line before.)
        if ((from > 0 || starts_anew) && find_icase(cell, "licen") != std::string_view::npos)
            if (std::string id = title_license(cell); !id.empty()) return {id, cell, true};
        from = to + 2;
    }
    return {};
}

/// A license's title in brackets after what it covers: "... index.js#L229-L241 (MIT License)"
/// (undici's copied code), "Ported from foo (BSD 3-Clause License)".
Label bracketed_title(std::string_view line) {
    for (auto open = line.find('('); open != std::string_view::npos;
         open = line.find('(', open + 1)) {
        auto close = line.find(')', open);
        if (close == std::string_view::npos) break;
        std::string_view inside = line.substr(open + 1, close - open - 1);
        if (find_icase(inside, "licen") == std::string_view::npos) continue;
        if (std::string id = title_license(inside); !id.empty()) return {id, inside, true};
    }
    return {};
}

/// A name right before "licensed": " * MIT Licensed" (the Express family's headers, in
/// thousands of npm packages), "(MIT Licensed)", "Apache-2.0 licensed".
Label name_before_licensed(std::string_view line, const std::string& lower) {
    for (auto at = lower.find("licensed"); at != std::string::npos;
         at = lower.find("licensed", at + 8)) {
        if (at == 0 || !(lower[at - 1] == ' ' || lower[at - 1] == '-')) continue;
        std::size_t end = at;
        while (end > 0 && (lower[end - 1] == ' ' || lower[end - 1] == '-'))
            --end;
        // The name's first word at most 40 characters back, the longest name first.
        for (std::size_t from = end > 40 ? end - 40 : 0; from < end; ++from) {
            if (from > 0 && std::isalnum(static_cast<unsigned char>(lower[from - 1]))) continue;
            if (!std::isalnum(static_cast<unsigned char>(lower[from]))) continue;
            std::size_t consumed = 0;
            std::string id =
                license_named_at(std::string_view(lower).substr(from, end - from), consumed);
            if (!id.empty() && consumed >= end - from) return {id, util::trim(line), true};
        }
    }
    return {};
}

} // namespace

Label license_label(std::string_view line, const std::string& lower, bool starts_anew) {
    if (Label label = bar_cells(line); !label.id.empty()) return label;
    if (Label label = title_sentence(line, starts_anew); !label.id.empty()) return label;
    if (Label label = bracketed_title(line); !label.id.empty()) return label;
    return name_before_licensed(line, lower);
}

} // namespace kaiyuan::license
