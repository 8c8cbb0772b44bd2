#include "kaiyuan/model/license_names.hpp"

#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <vector>

namespace kaiyuan::model {

namespace {

// Legacy names that no rule below derives. Fedora: https://docs.fedoraproject.org/en-US/legal/
// (the "allowed licenses" table with legacy abbreviations); Debian: copyright-format 1.0 §7.2.
const std::unordered_map<std::string, std::string>& legacy_names() {
    static const std::unordered_map<std::string, std::string> table = {
        {"asl 2.0", "Apache-2.0"},
        {"asl 1.1", "Apache-1.1"},
        {"asl 1.0", "Apache-1.0"},
        {"apache", "Apache-2.0"},
        {"apache-2", "Apache-2.0"},
        {"apache2", "Apache-2.0"},
        {"apache 2.0", "Apache-2.0"},
        {"expat", "MIT"},
        {"mit/x11", "MIT"},
        {"boost", "BSL-1.0"},
        {"python", "Python-2.0"},
        {"psf", "Python-2.0"},
        {"artistic 2.0", "Artistic-2.0"},
        {"artistic clarified", "ClArtistic"},
        {"artistic", "Artistic-1.0"},
        {"perl", "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        {"gpl+", "GPL-1.0-or-later"},
        {"gpl", "GPL-1.0-or-later"},
        {"lgpl", "LGPL-2.0-or-later"},
        {"lgpl+", "LGPL-2.0-or-later"},
        {"cc0", "CC0-1.0"},
        {"mplv1.1", "MPL-1.1"},
        {"mplv2.0", "MPL-2.0"},
        {"mplv1.0", "MPL-1.0"},
        {"mpl-2", "MPL-2.0"},
        {"zlib", "Zlib"},
        {"openssl", "OpenSSL"},
        {"isc", "ISC"},
        {"bsd-2-clause", "BSD-2-Clause"},
        {"bsd-3-clause", "BSD-3-Clause"},
        {"bsd-4-clause", "BSD-4-Clause"},
        {"bsd with advertising", "BSD-4-Clause"},
        {"mulanpsl2", "MulanPSL-2.0"},
        {"mulan psl v2", "MulanPSL-2.0"},
        {"mulanpslv2", "MulanPSL-2.0"},
        {"mulanpsl-2", "MulanPSL-2.0"},
        {"mulanpsl1", "MulanPSL-1.0"},
        {"mulan psl v1", "MulanPSL-1.0"},
        {"ofl", "OFL-1.1"},
        {"vim", "Vim"},
        {"ijg", "IJG"},
        {"wtfpl", "WTFPL"},
        {"unlicense", "Unlicense"},
        {"efl", "EFL-2.0"},
        {"cddl", "CDDL-1.0"},
        {"cpl", "CPL-1.0"},
        {"epl", "EPL-1.0"},
        {"zope", "ZPL-2.1"},
        {"w3c", "W3C"},
        {"lppl", "LPPL-1.3c"},
        {"sleepycat", "Sleepycat"},
        {"ncsa", "NCSA"},
        {"libtiff", "libtiff"},
        {"ruby", "Ruby"},
        {"php", "PHP-3.01"},
        {"tcl", "TCL"},
        {"gfdl-niv", "GFDL-1.2-no-invariants-or-later"},
    };
    return table;
}

// GPLv2+, GPL-2+, LGPLv2.1, AGPLv3, GFDL-1.3+, LGPL-2 ... -> family-X.Y-only / -or-later.
// Grammar: (AGPL|GPL|LGPL|GFDL) [v|-|' '] digit ['.' digit] ['+' | "-or-later" | "-only"].
std::string versioned_gnu_name(std::string_view term) {
    std::string family;
    for (std::string_view f : {"AGPL", "LGPL", "GFDL", "GPL"})
        if (util::starts_with_icase(term, f)) {
            family = f;
            term.remove_prefix(f.size());
            break;
        }
    if (family.empty()) return {};
    // Debian's GFDL-NIV (copyright-format 1.0, 7.2): the GFDL with no invariant sections.
    bool no_invariants = family == "GFDL" && util::starts_with_icase(term, "-NIV");
    if (no_invariants) term.remove_prefix(4);
    if (!term.empty() &&
        (term.front() == 'v' || term.front() == 'V' || term.front() == '-' || term.front() == ' '))
        term.remove_prefix(1);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (term.empty() || !digit(term.front())) return {};
    std::string major(1, term.front());
    term.remove_prefix(1);
    std::string minor = "0";
    if (term.size() >= 2 && term.front() == '.' && digit(term[1])) {
        minor = std::string(1, term[1]);
        term.remove_prefix(2);
    }
    bool later = false;
    if (term == "+" || util::equals_icase(term, "-or-later"))
        later = true;
    else if (!term.empty() && !util::equals_icase(term, "-only"))
        return {};
    return canonical_license_id(family + "-" + major + "." + minor +
                                (no_invariants ? "-no-invariants" : "") +
                                (later ? "-or-later" : "-only"));
}

// Apache-2, MPL-1.1, CC-BY-SA-4.0 ...: a known id with or without a trailing ".0".
std::string known_id(std::string_view term) {
    std::string id = canonical_license_id(term);
    if (!id.empty()) return id;
    if (!term.empty() && std::isdigit(static_cast<unsigned char>(term.back())) &&
        term.find('.') == std::string_view::npos) {
        id = canonical_license_id(std::string(term) + ".0");
        if (!id.empty()) return id;
    }
    return {};
}

// One license name (no operators) -> an SPDX expression fragment.
std::string convert_term(std::string_view raw_term) {
    std::string_view term = util::trim(raw_term);
    if (term.empty()) return {};
    // "GPL-2+ with OpenSSL exception", "GPLv2+ with exceptions"
    std::string lower = util::to_lower(term);
    if (auto w = lower.find(" with "); w != std::string::npos) {
        std::string base = convert_term(term.substr(0, w));
        std::string exc(util::trim(term.substr(w + 6)));
        std::string exc_id = canonical_exception_id(exc);
        if (exc_id.empty()) {
            std::string e = util::to_lower(exc);
            if (e.ends_with(" exception")) e = e.substr(0, e.size() - 10);
            if (e == "openssl")
                exc_id = "";
            else if (e == "classpath")
                exc_id = "Classpath-exception-2.0";
            else if (e == "gcc")
                exc_id = "GCC-exception-3.1";
            else if (e == "font")
                exc_id = "Font-exception-2.0";
            else if (e == "autoconf")
                exc_id = "Autoconf-exception-2.0";
            else if (e == "bison")
                exc_id = "Bison-exception-2.2";
            else if (e == "linking")
                exc_id = "";
        }
        if (!base.empty() && !exc_id.empty() && base.find(' ') == std::string::npos)
            return base + " WITH " + exc_id;
        return make_license_ref(term);
    }
    // The GNU family first: "GPL-2" is GPL-2.0-only in Debian's names, not the deprecated GPL-2.0.
    if (auto id = versioned_gnu_name(term); !id.empty()) return id;
    if (auto id = known_id(term); !id.empty()) return id;
    if (auto it = legacy_names().find(lower); it != legacy_names().end()) {
        auto& v = it->second;
        return v.find(' ') == std::string::npos ? v : "(" + v + ")";
    }
    if (term.ends_with('+')) { // "MPL-1.1+" style: an id followed by '+'
        if (auto id = known_id(term.substr(0, term.size() - 1)); !id.empty()) return id + "+";
    }
    if (lower == "public domain" || lower == "public-domain") return "LicenseRef-Public-Domain";
    return make_license_ref(term);
}

bool is_word_boundary(std::string_view s, std::size_t pos) {
    return pos >= s.size() || s[pos] == ' ' || s[pos] == '(' || s[pos] == ')' || s[pos] == '\t';
}

} // namespace

std::string make_license_ref(std::string_view text) {
    std::string out = "LicenseRef-";
    bool dash = false;
    for (char c : util::trim(text)) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.';
        if (ok) {
            out += c;
            dash = false;
        } else if (!dash && out.size() > 11) {
            out += '-';
            dash = true;
        }
    }
    // The prefix's own dash stays: "~" (YAML's null) is LicenseRef-unknown, not "LicenseRef".
    while (out.size() > 11 && out.ends_with('-'))
        out.pop_back();
    if (out.size() == 11) out += "unknown";
    return out;
}

std::string to_spdx_expression(std::string_view raw, LicenseDialect dialect) {
    std::string_view text = util::trim(raw);
    if (text.empty()) return {};
    std::string lower = util::to_lower(text);
    if (lower == "noassertion" || lower == "none" || lower == "unknown" || lower == "(none)")
        return {};

    // Already an expression with known ids: keep it, normalised.
    // Already an expression of current ids: keep it, normalised. Deprecated ids ("GPL-2.0+",
    // "LGPL-2.1") go through the term conversion below, which names their current equivalents.
    if (auto e = LicenseExpression::parse(text, true)) {
        auto ids = e->license_ids();
        if (std::none_of(ids.begin(), ids.end(),
                         [](const std::string& id) { return is_deprecated_license_id(id); }))
            return e->to_string();
    }
    (void)dialect;

    // Whole license names as package registries write them (Maven <license><name>, PyPI, NuGet):
    // they contain commas and "version" words that the splitting below would tear apart.
    static const std::unordered_map<std::string_view, std::string_view> k_full_names = {
        {"apache license, version 2.0", "Apache-2.0"},
        {"the apache license, version 2.0", "Apache-2.0"},
        {"apache software license, version 2.0", "Apache-2.0"},
        {"the apache software license, version 2.0", "Apache-2.0"},
        {"apache license 2.0", "Apache-2.0"},
        {"apache license version 2.0", "Apache-2.0"},
        {"apache 2.0 license", "Apache-2.0"},
        {"apache-2.0 license", "Apache-2.0"},
        {"mit license", "MIT"},
        {"the mit license", "MIT"},
        {"the mit license (mit)", "MIT"},
        {"bsd 3-clause license", "BSD-3-Clause"},
        {"bsd-3-clause license", "BSD-3-Clause"},
        {"new bsd license", "BSD-3-Clause"},
        {"the new bsd license", "BSD-3-Clause"},
        {"revised bsd license", "BSD-3-Clause"},
        {"bsd 2-clause license", "BSD-2-Clause"},
        {"simplified bsd license", "BSD-2-Clause"},
        {"eclipse public license - v 1.0", "EPL-1.0"},
        {"eclipse public license 1.0", "EPL-1.0"},
        {"eclipse public license v1.0", "EPL-1.0"},
        {"eclipse public license - v 2.0", "EPL-2.0"},
        {"eclipse public license 2.0", "EPL-2.0"},
        {"eclipse public license v2.0", "EPL-2.0"},
        {"eclipse distribution license - v 1.0", "BSD-3-Clause"},
        {"mozilla public license, version 2.0", "MPL-2.0"},
        {"mozilla public license 2.0", "MPL-2.0"},
        {"gnu general public license, version 2", "GPL-2.0-only"},
        {"gnu general public license v2.0", "GPL-2.0-only"},
        {"gnu general public license, version 2 with the classpath exception",
         "GPL-2.0-only WITH Classpath-exception-2.0"},
        {"gpl2 w/ cpe", "GPL-2.0-only WITH Classpath-exception-2.0"},
        {"gnu general public license v3.0", "GPL-3.0-only"},
        {"gnu lesser general public license", "LGPL-2.1-or-later"},
        {"gnu lesser general public license, version 2.1", "LGPL-2.1-only"},
        {"gnu lesser general public license v2.1", "LGPL-2.1-only"},
        {"gnu lesser general public license v3.0", "LGPL-3.0-only"},
        {"common development and distribution license (cddl) v1.0", "CDDL-1.0"},
        {"cddl + gplv2 with classpath exception",
         "CDDL-1.0 OR GPL-2.0-only WITH Classpath-exception-2.0"},
        {"the unlicense", "Unlicense"},
        {"public domain", "LicenseRef-Public-Domain"},
        {"mulan permissive software license, version 2", "MulanPSL-2.0"},
        {"mulan psl v2", "MulanPSL-2.0"},
    };
    if (auto it = k_full_names.find(lower); it != k_full_names.end())
        return std::string(it->second);

    // Otherwise split on the operators the dialects use: "and"/"or" words (any case), '&', '|',
    // ',' (Debian lists) and parentheses; convert each name; rebuild. A WITH clause stays with its
    // term ("GPL-2+ with OpenSSL exception").
    std::string out;
    std::string term;
    auto flush = [&] {
        auto t = util::trim(term);
        if (!t.empty()) out += convert_term(t);
        term.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        bool at_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '(' || text[i - 1] == '\t';
        if (at_start && util::starts_with_icase(text.substr(i), "and") &&
            is_word_boundary(text, i + 3)) {
            flush();
            out += " AND ";
            i += 3;
        } else if (at_start && util::starts_with_icase(text.substr(i), "or") &&
                   is_word_boundary(text, i + 2)) {
            flush();
            out += " OR ";
            i += 2;
        } else if (c == '&' || c == ',' || c == ';') {
            flush();
            out += " AND ";
            ++i;
        } else if (c == '|') {
            flush();
            out += " OR ";
            ++i;
        } else if (c == '(' || c == ')') {
            flush();
            out += c;
            ++i;
        } else {
            term += c;
            ++i;
        }
    }
    flush();
    if (auto e = LicenseExpression::parse(out)) return e->to_string();
    return make_license_ref(text);
}

} // namespace kaiyuan::model
