#include "kaiyuan/license/named_licenses.hpp"

#include "kaiyuan/license/gnu_names.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/license/prose_words.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <array>
#include <vector>

namespace kaiyuan::license {

namespace {

/// One way of naming a license, word by word (as ProseWords reads them). A word "?w" may be
/// left out; "#v" is a version ("version 2.0", "v2", "2"; it must be v), "#?v" one that may be
/// left out. "license" also reads "licence".
struct Pattern {
    std::array<std::string_view, 7> words;
    std::string_view id;
};

// Longest first where one pattern begins another. The names are those of the licenses' own
// titles and of the headers that cite them (apache.org's APPENDIX, mozilla.org's MPL FAQ, the
// OSI's pages), and the short forms package metadata uses.
constexpr std::array k_patterns{
    Pattern{{"apache", "?software", "?public", "license", "#2"}, "Apache-2.0"},
    Pattern{{"apache", "?software", "?public", "license", "#1.1"}, "Apache-1.1"},
    Pattern{{"apache", "#2", "?license"}, "Apache-2.0"},
    Pattern{{"asl", "#2"}, "Apache-2.0"},
    Pattern{{"apache2"}, "Apache-2.0"},
    Pattern{{"mit", "x11", "?license"}, "MIT"},
    Pattern{{"mit", "x", "consortium", "?license"}, "MIT"},
    Pattern{{"mit", "style", "license"}, "MIT"},
    Pattern{{"mit", "?license"}, "MIT"},
    Pattern{{"expat", "?license"}, "MIT"},
    Pattern{{"x11", "license"}, "X11"},
    Pattern{{"bsd", "#3", "clause", "?license"}, "BSD-3-Clause"},
    Pattern{{"#3", "clause", "bsd", "?license"}, "BSD-3-Clause"},
    Pattern{{"bsd", "#2", "clause", "?license"}, "BSD-2-Clause"},
    Pattern{{"#2", "clause", "bsd", "?license"}, "BSD-2-Clause"},
    Pattern{{"bsd", "#4", "clause", "?license"}, "BSD-4-Clause"},
    Pattern{{"#4", "clause", "bsd", "?license"}, "BSD-4-Clause"},
    Pattern{{"new", "bsd", "?license"}, "BSD-3-Clause"},
    Pattern{{"modified", "bsd", "?license"}, "BSD-3-Clause"},
    Pattern{{"revised", "bsd", "?license"}, "BSD-3-Clause"},
    Pattern{{"simplified", "bsd", "?license"}, "BSD-2-Clause"},
    Pattern{{"freebsd", "license"}, "BSD-2-Clause"},
    Pattern{{"zero", "clause", "bsd", "?license"}, "0BSD"},
    // CPAN's Software::License titles: "The (three-clause) BSD License".
    Pattern{{"three", "clause", "bsd", "?license"}, "BSD-3-Clause"},
    Pattern{{"two", "clause", "bsd", "?license"}, "BSD-2-Clause"},
    Pattern{{"0bsd"}, "0BSD"},
    // "a BSD-style license that can be found in the LICENSE file" (Chromium, Go, Skia) and "the
    // BSD license" (KDE's CMake modules): the license those projects ship is the 3-clause one.
    Pattern{{"bsd", "style", "license"}, "BSD-3-Clause"},
    // Xiph.Org's headers (libogg, libvorbis, Theora, FLAC): "GOVERNED BY A BSD-STYLE SOURCE
    // LICENSE INCLUDED WITH THIS SOURCE IN 'COPYING'", and its docs' "a BSD-like license"; that
    // COPYING is the 3-clause license.
    Pattern{{"bsd", "style", "source", "license"}, "BSD-3-Clause"},
    Pattern{{"bsd", "like", "license"}, "BSD-3-Clause"},
    Pattern{{"bsd", "license"}, "BSD-3-Clause"},
    // "licensed under the BSD-3 license" (league/commonmark's README).
    Pattern{{"bsd", "#3", "?license"}, "BSD-3-Clause"},
    Pattern{{"bsd", "#2", "?license"}, "BSD-2-Clause"},
    Pattern{{"isc", "?license"}, "ISC"},
    Pattern{{"zlib", "libpng", "license"}, "Zlib"},
    Pattern{{"zlib", "?license"}, "Zlib"},
    Pattern{{"boost", "software", "license", "#?1"}, "BSL-1.0"},
    Pattern{{"bsl", "#1"}, "BSL-1.0"},
    Pattern{{"mozilla", "public", "license", "#2"}, "MPL-2.0"},
    Pattern{{"mozilla", "public", "license", "#1.1"}, "MPL-1.1"},
    Pattern{{"mozilla", "public", "license", "#1"}, "MPL-1.0"},
    Pattern{{"mpl", "#2"}, "MPL-2.0"},
    Pattern{{"mpl", "#1.1"}, "MPL-1.1"},
    Pattern{{"eclipse", "public", "license", "#1"}, "EPL-1.0"},
    Pattern{{"eclipse", "public", "license", "#2"}, "EPL-2.0"},
    Pattern{{"epl", "#1"}, "EPL-1.0"},
    Pattern{{"epl", "#2"}, "EPL-2.0"},
    // The Eclipse Distribution License 1.0 is the 3-clause BSD license
    // (eclipse.org/org/documents/edl-v10).
    Pattern{{"eclipse", "distribution", "license", "#1"}, "BSD-3-Clause"},
    Pattern{{"common", "development", "and", "distribution", "license", "?cddl", "#1"}, "CDDL-1.0"},
    Pattern{{"common", "development", "and", "distribution", "license", "?cddl", "#1.1"},
            "CDDL-1.1"},
    Pattern{{"cddl", "#1"}, "CDDL-1.0"},
    Pattern{{"cddl", "#1.1"}, "CDDL-1.1"},
    Pattern{{"artistic", "license", "#2"}, "Artistic-2.0"},
    // Perl's README and its core modules: 'the "Artistic License" which comes with this Kit'.
    Pattern{{"artistic", "license", "which", "comes", "with", "this", "kit"}, "Artistic-1.0-Perl"},
    // perl's own C sources: "either the GNU General Public License or the Artistic License, as
    // specified in the README file".
    Pattern{{"artistic", "license", "as", "specified", "in", "the", "readme"}, "Artistic-1.0-Perl"},
    Pattern{{"artistic", "#2"}, "Artistic-2.0"},
    // "the Perl Artistic License" (Class::MakeMethods): Perl's own Artistic License.
    Pattern{{"perl", "artistic", "license"}, "Artistic-1.0-Perl"},
    Pattern{{"cc0", "#?1"}, "CC0-1.0"},
    Pattern{{"creative", "commons", "zero", "#?1"}, "CC0-1.0"},
    Pattern{{"unlicense"}, "Unlicense"},
    Pattern{{"wtfpl"}, "WTFPL"},
    Pattern{{"do", "what", "the", "fuck", "you", "want", "to"}, "WTFPL"},
    Pattern{{"python", "software", "foundation", "license", "#?2"}, "PSF-2.0"},
    Pattern{{"psf", "license", "#?2"}, "PSF-2.0"},
    Pattern{{"php", "license", "#3.01"}, "PHP-3.01"},
    Pattern{{"php", "license", "#3"}, "PHP-3.0"},
    Pattern{{"openssl", "license"}, "OpenSSL"},
    Pattern{{"european", "union", "public", "license", "#1.2"}, "EUPL-1.2"},
    Pattern{{"european", "union", "public", "license", "#1.1"}, "EUPL-1.1"},
    Pattern{{"eupl", "#1.2"}, "EUPL-1.2"},
    Pattern{{"eupl", "#1.1"}, "EUPL-1.1"},
    Pattern{{"sil", "open", "font", "license", "#1.1"}, "OFL-1.1"},
    Pattern{{"open", "font", "license", "#1.1"}, "OFL-1.1"},
    Pattern{{"ofl", "#1.1"}, "OFL-1.1"},
    Pattern{{"mulan", "psl", "#2"}, "MulanPSL-2.0"},
    Pattern{{"mulan", "permissive", "software", "license", "#2"}, "MulanPSL-2.0"},
    Pattern{{"mulan", "psl", "#1"}, "MulanPSL-1.0"},
    // FreeType's and OpenLDAP's headers name their project's license, whose text ships beside.
    Pattern{{"freetype", "project", "license"}, "FTL"},
    Pattern{{"freetype", "license"}, "FTL"},
    Pattern{{"openldap", "public", "license", "#?2.8"}, "OLDAP-2.8"},
    Pattern{{"universal", "permissive", "license", "#?1"}, "UPL-1.0"},
    Pattern{{"microsoft", "public", "license"}, "MS-PL"},
    Pattern{{"microsoft", "reciprocal", "license"}, "MS-RL"},
    // The one-line headers SPDX gives for the AFL, OSL, ECL, UCL, SSPL and BUSL
    // (standardLicenseHeader: "Licensed under the Academic Free License version 3.0").
    Pattern{{"academic", "free", "license", "#3"}, "AFL-3.0"},
    Pattern{{"academic", "free", "license", "#2.1"}, "AFL-2.1"},
    Pattern{{"academic", "free", "license", "#2"}, "AFL-2.0"},
    Pattern{{"academic", "free", "license", "#1.2"}, "AFL-1.2"},
    Pattern{{"academic", "free", "license", "#1.1"}, "AFL-1.1"},
    Pattern{{"open", "software", "license", "#3"}, "OSL-3.0"},
    Pattern{{"open", "software", "license", "#2.1"}, "OSL-2.1"},
    Pattern{{"open", "software", "license", "#2"}, "OSL-2.0"},
    Pattern{{"open", "software", "license", "#1.1"}, "OSL-1.1"},
    Pattern{{"open", "software", "license", "#1"}, "OSL-1.0"},
    Pattern{{"educational", "community", "license", "#2"}, "ECL-2.0"},
    Pattern{{"educational", "community", "license", "#1"}, "ECL-1.0"},
    Pattern{{"upstream", "compatibility", "license", "#1"}, "UCL-1.0"},
    Pattern{{"server", "side", "public", "license", "#1"}, "SSPL-1.0"},
    // BUSL 1.1 is the one version SPDX lists; its header names none ("governed by the
    // Business Source License included in the LICENSE.TXT file").
    Pattern{{"business", "source", "license", "#?1.1"}, "BUSL-1.1"},
    Pattern{{"realnetworks", "public", "source", "license", "#1"}, "RPSL-1.0"},
    Pattern{{"sgi", "free", "software", "license", "b", "#2"}, "SGI-B-2.0"},
    Pattern{{"sgi", "free", "software", "license", "b", "#1.1"}, "SGI-B-1.1"},
    Pattern{{"sgi", "free", "software", "license", "b", "#1"}, "SGI-B-1.0"},
    // The Mozilla-style headers of other public licenses, as SPDX's standardLicenseHeader gives
    // them ("The contents of this file are subject to the Sun Public License Version 1.0").
    Pattern{{"bittorrent", "open", "source", "license", "#1.1"}, "BitTorrent-1.1"},
    Pattern{{"bittorrent", "open", "source", "license", "#1"}, "BitTorrent-1.0"},
    Pattern{{"cua", "office", "public", "license", "#1"}, "CUA-OPL-1.0"},
    Pattern{{"interbase", "public", "license", "#1"}, "Interbase-1.0"},
    Pattern{{"scea", "shared", "source", "license", "#1"}, "SCEA"},
    Pattern{{"solderpad", "hardware", "license", "#0.51"}, "SHL-0.51"},
    Pattern{{"solderpad", "hardware", "license", "#0.5"}, "SHL-0.5"},
    Pattern{{"sun", "public", "license", "#1"}, "SPL-1.0"},
    Pattern{{"sun", "industry", "standards", "source", "license", "#1.2"}, "SISSL-1.2"},
    Pattern{{"sun", "industry", "standards", "source", "license", "#1.1"}, "SISSL"},
    Pattern{{"transitive", "grace", "period", "public", "license", "#1"}, "TGPPL-1.0"},
    Pattern{{"thor", "public", "license", "#1"}, "TPL-1.0"},
    Pattern{{"apple", "public", "source", "license", "#2"}, "APSL-2.0"},
    Pattern{{"apple", "public", "source", "license", "#1.2"}, "APSL-1.2"},
    Pattern{{"apple", "public", "source", "license", "#1.1"}, "APSL-1.1"},
    Pattern{{"apple", "public", "source", "license", "#1"}, "APSL-1.0"},
    Pattern{{"w3c", "software", "license"}, "W3C"},
    Pattern{{"common", "public", "attribution", "license", "#1"}, "CPAL-1.0"},
    Pattern{{"oclc", "research", "public", "license", "#2"}, "OCLC-2.0"},
    Pattern{{"sun", "standards", "license", "#1.1"}, "SISSL"},
    Pattern{{"zope", "public", "license", "#2.1"}, "ZPL-2.1"},
    Pattern{{"postgresql", "license"}, "PostgreSQL"},
    Pattern{{"ncsa", "open", "source", "license"}, "NCSA"},
    // LLVM's headers before 2019: "distributed under the University of Illinois Open Source
    // License".
    Pattern{{"university", "of", "illinois", "open", "source", "license"}, "NCSA"},
    Pattern{{"curl", "license"}, "curl"},
    // libpng's sources: "This code is released under the libpng license."
    Pattern{{"libpng", "license"}, "Libpng"},
    Pattern{{"json", "license"}, "JSON"},
    // LaTeX packages: "This work may be distributed and/or modified under the conditions of the
    // LaTeX Project Public License, either version 1.3c of this license or (at your option) any
    // later version" (the LPPL's own advice on how to apply it, lppl.txt).
    Pattern{{"latex", "project", "public", "license", "#1.3c"}, "LPPL-1.3c"},
    Pattern{{"latex", "project", "public", "license", "#1.3a"}, "LPPL-1.3a"},
    // "either version 1.3 of this license" (SPDX's own header for 1.3c): 1.3c is the 1.3 in
    // use since 2008.
    Pattern{{"latex", "project", "public", "license", "#1.3"}, "LPPL-1.3c"},
    Pattern{{"latex", "project", "public", "license", "#1.2"}, "LPPL-1.2"},
    Pattern{{"latex", "project", "public", "license", "#1.1"}, "LPPL-1.1"},
    Pattern{{"latex", "project", "public", "license", "#1"}, "LPPL-1.0"},
    Pattern{{"lppl", "#1.3c"}, "LPPL-1.3c"},
    Pattern{{"lppl", "#1.3a"}, "LPPL-1.3a"},
    Pattern{{"lppl", "#1.2"}, "LPPL-1.2"},
};

/// "v2.0" -> "2", "2.0" -> "2", "1.1" -> "1.1", "3.01" -> "3.01".
std::string_view plain_version(std::string_view v) {
    if (v.size() > 1 && v.front() == 'v' && v[1] >= '0' && v[1] <= '9') v.remove_prefix(1);
    while (v.ends_with(".0"))
        v.remove_suffix(2);
    return v;
}

bool is_version_marker(std::string_view w) {
    return w == "version" || w == "ver" || w == "v" || w == "v." || w == "rev";
}

bool take_version(ProseWords& w, std::string_view want) {
    ProseWords copy = w;
    // "the LaTeX Project Public License, either version 1.3c of this license or ...".
    if (copy.peek() == "either") {
        copy.next();
        if (!is_version_marker(copy.peek())) return false;
    }
    if (is_version_marker(copy.peek())) copy.next();
    if (plain_version(copy.peek()) != want) return false;
    copy.next();
    w = copy;
    return true;
}

bool take_word(ProseWords& w, std::string_view word) {
    if (word == "license") return w.take("license") || w.take("licence");
    return w.take(word);
}

bool matches(const Pattern& p, ProseWords& w) {
    ProseWords copy = w;
    for (std::string_view word : p.words) {
        if (word.empty()) break;
        if (word.starts_with("#?")) {
            ProseWords probe = copy;
            if (is_version_marker(probe.peek())) probe.next();
            std::string_view v = probe.peek();
            bool numeric =
                !v.empty() && ((v[0] >= '0' && v[0] <= '9') ||
                               (v.size() > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9'));
            if (numeric && !take_version(copy, word.substr(2))) return false;
        } else if (word.starts_with('#')) {
            if (!take_version(copy, word.substr(1))) return false;
        } else if (word.starts_with('?')) {
            take_word(copy, word.substr(1));
        } else if (!take_word(copy, word)) {
            return false;
        }
    }
    // "MIT" must end there: not the start of "mitigation" (words end at non-letters already),
    // nor "mit-style" read as "mit" then "style" when no pattern took it.
    w = copy;
    return true;
}

/// "Creative Commons Attribution-ShareAlike 4.0 International", "CC BY-SA 3.0", "CC-BY-4.0".
std::string creative_commons(ProseWords& w) {
    ProseWords copy = w;
    if (!copy.take_all("creative commons") && !copy.take("cc")) return {};
    if (!copy.take("attribution") && !copy.take("by")) return {};
    std::string id = "CC-BY";
    if (copy.take("noncommercial") || copy.take("nc")) id += "-NC";
    if (copy.take("sharealike") || copy.take_all("share alike") || copy.take("sa"))
        id += "-SA";
    else if (copy.take("noderivatives") || copy.take("noderivs") || copy.take("nd"))
        id += "-ND";
    copy.take("license");
    copy.take("licence");
    if (is_version_marker(copy.peek())) copy.next();
    std::string_view v = plain_version(copy.peek());
    if (v != "1" && v != "2" && v != "2.5" && v != "3" && v != "4") return {};
    id += "-" + std::string(v) + (v.find('.') == std::string_view::npos ? ".0" : "");
    copy.next();
    copy.take("international");
    copy.take("unported");
    if (!find_license(id)) return {};
    w = copy;
    return id;
}

} // namespace

std::string license_named_at(std::string_view lower, std::size_t& consumed) {
    ProseWords w(lower);
    if (!w.take("the") && !w.take("a")) w.take("an");
    // CMake's modules: "Distributed under the OSI-approved BSD 3-Clause License".
    w.take_all("osi approved");
    std::size_t start = w.next_position();
    std::string_view rest = lower.substr(start);
    std::size_t gnu = 0;
    if (std::string id = gnu_license_name(rest, gnu); !id.empty()) {
        consumed = start + gnu;
        return id;
    }
    ProseWords from = w;
    if (std::string id = creative_commons(from); !id.empty()) {
        consumed = from.position();
        return id;
    }
    for (const Pattern& p : k_patterns) {
        ProseWords probe = w;
        if (matches(p, probe)) {
            consumed = probe.position();
            return std::string(p.id);
        }
    }
    return {};
}

std::string license_of_url(std::string_view url) {
    std::string u = util::to_lower(url);
    for (std::string_view scheme : {"https://", "http://", "//"})
        if (u.starts_with(scheme)) u.erase(0, scheme.size());
    if (u.starts_with("www.")) u.erase(0, 4);
    while (!u.empty() && std::string_view("/.,;:)>]\"'").find(u.back()) != std::string_view::npos)
        u.pop_back();
    for (std::string_view ext : {".html", ".htm", ".php", ".txt", ".en", ".json", ".md"})
        if (u.ends_with(ext)) u.erase(u.size() - ext.size());
    if (u.ends_with(".en")) u.erase(u.size() - 3);
    auto after = [&](std::string_view prefix) -> std::string_view {
        return std::string_view(u).starts_with(prefix) ? std::string_view(u).substr(prefix.size())
                                                       : std::string_view();
    };
    auto id_named = [](std::string_view name) -> std::string {
        const LicenseInfo* l = find_license(name);
        return l ? std::string(l->id) : std::string();
    };
    if (auto rest = after("spdx.org/licenses/"); !rest.empty()) return id_named(rest);
    if (auto rest = after("apache.org/licenses/license-"); !rest.empty())
        return rest == "2.0" ? "Apache-2.0" : rest == "1.1" ? "Apache-1.1" : "";
    if (auto rest = after("opensource.org/licenses/"); !rest.empty()) {
        // The OSI's old page names: mit-license.php, bsd-license.php, isc-license.txt.
        static constexpr std::pair<std::string_view, std::string_view> k_old[] = {
            {"mit-license", "MIT"},      {"bsd-license", "BSD-2-Clause"},
            {"isc-license", "ISC"},      {"zlib-license", "Zlib"},
            {"apache2.0", "Apache-2.0"}, {"artistic-license-2.0", "Artistic-2.0"},
            {"cpl1.0", "CPL-1.0"},       {"eclipse-1.0", "EPL-1.0"},
            {"gpl-license", ""},         {"lgpl-license", ""},
            {"mozilla1.1", "MPL-1.1"},   {"ms-pl", "MS-PL"},
        };
        for (auto [name, id] : k_old)
            if (rest == name) return std::string(id);
        return id_named(rest);
    }
    if (auto rest = after("gnu.org/"); !rest.empty()) {
        std::string_view page = rest;
        if (page.starts_with("licenses/old-licenses/"))
            page.remove_prefix(22);
        else if (page.starts_with("licenses/"))
            page.remove_prefix(9);
        else if (page.starts_with("copyleft/"))
            page.remove_prefix(9);
        else
            return {};
        static constexpr std::pair<std::string_view, std::string_view> k_pages[] = {
            {"gpl-3.0", "GPL-3.0-only"},   {"gpl-2.0", "GPL-2.0-only"},
            {"gpl-1.0", "GPL-1.0-only"},   {"lgpl-3.0", "LGPL-3.0-only"},
            {"lgpl-2.1", "LGPL-2.1-only"}, {"lgpl-2.0", "LGPL-2.0-only"},
            {"agpl-3.0", "AGPL-3.0-only"}, {"fdl-1.3", "GFDL-1.3-only"},
            {"fdl-1.2", "GFDL-1.2-only"},
        };
        for (auto [name, id] : k_pages)
            if (page == name) return std::string(id);
        return {};
    }
    if (auto rest = after("creativecommons.org/"); !rest.empty()) {
        if (rest.starts_with("publicdomain/zero/1.0")) return "CC0-1.0";
        if (!rest.starts_with("licenses/")) return {};
        rest.remove_prefix(9);
        auto slash = rest.find('/');
        if (slash == std::string_view::npos) return {};
        std::string kind = util::to_upper(std::string(rest.substr(0, slash)));
        std::string_view version = rest.substr(slash + 1);
        version = version.substr(0, version.find('/'));
        return id_named("CC-" + kind + "-" + std::string(version));
    }
    if (auto rest = after("mozilla.org/mpl/"); !rest.empty()) {
        if (rest.starts_with("2.0")) return "MPL-2.0";
        if (rest.starts_with("mpl-1.1") || rest.starts_with("1.1")) return "MPL-1.1";
        return {};
    }
    if (auto rest = after("eclipse.org/legal/"); !rest.empty()) {
        if (rest.starts_with("epl-v10")) return "EPL-1.0";
        if (rest.starts_with("epl-2.0") || rest.starts_with("epl-v20")) return "EPL-2.0";
        return {};
    }
    if (u == "boost.org/license_1_0" || u == "boost.org/users/license") return "BSL-1.0";
    if (u == "unlicense.org") return "Unlicense";
    if (u == "wtfpl.net" || u == "wtfpl.net/txt/copying") return "WTFPL";
    if (u == "mit-license.org") return "MIT";
    if (u == "zlib.net/zlib_license") return "Zlib";
    if (u == "php.net/license/3_01") return "PHP-3.01";
    if (u == "php.net/license/3_0") return "PHP-3.0";
    if (u == "json.org/license") return "JSON";
    // jQuery's banners: "(c) JS Foundation and other contributors | jquery.org/license".
    if (u == "jquery.org/license") return "MIT";
    if (u == "horde.org/licenses/lgpl21") return "LGPL-2.1-only";
    if (u == "horde.org/licenses/lgpl") return "LGPL-2.1-only";
    return {};
}

std::string license_of_value(std::string_view value) {
    std::string_view v = util::trim(value);
    while (!v.empty() && std::string_view("\"'`[{").find(v.front()) != std::string_view::npos)
        v.remove_prefix(1);
    while (!v.empty() && std::string_view("\"'`]},;.").find(v.back()) != std::string_view::npos)
        v.remove_suffix(1);
    v = util::trim(v);
    if (v.empty() || v.size() > 200) return {};
    // A URL first ("http://opensource.org/licenses/MIT MIT License"): the name after it, if
    // any, must agree; the name wins when the address is not one of a license.
    // A bare address in a banner: "jquery.org/license".
    if (v.find(' ') == std::string_view::npos && v.find('/') != std::string_view::npos &&
        v.find('.') != std::string_view::npos)
        if (std::string id = license_of_url(v); !id.empty()) return id;
    if (v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.")) {
        auto end = v.find_first_of(" \t");
        std::string by_url = license_of_url(v.substr(0, end));
        std::string_view rest =
            end == std::string_view::npos ? std::string_view() : util::trim(v.substr(end));
        std::string by_name = rest.empty() ? std::string() : license_of_value(rest);
        return by_name.empty() ? by_url : by_name;
    }
    // "BSD, see LICENSE for more details": the name before the pointer.
    std::string lower = util::to_lower(v);
    for (std::string_view pointer : {", see ", " - see ", "; see ", " (see ", " see "})
        if (auto at = lower.find(pointer); at != std::string::npos) {
            v = util::trim(v.substr(0, at));
            lower.resize(at);
            break;
        }
    if (auto parsed = model::LicenseExpression::parse(v, true)) {
        auto ids = parsed->license_ids();
        bool current = true;
        for (const auto& id : ids)
            current = current && !model::is_deprecated_license_id(id);
        if (current) return parsed->to_string();
    }
    // "BSD" alone, as Sphinx's ":license: BSD" and PyPI's classifiers write it: the 3-clause
    // license those projects ship (the same reading as "the BSD license" in prose).
    if (lower == "bsd" || lower == "bsd license") return "BSD-3-Clause";
    // CPAN::Meta::Spec's license strings (META.json, META.yml).
    static constexpr std::pair<std::string_view, std::string_view> k_cpan[] = {
        {"perl_5", "Artistic-1.0-Perl OR GPL-1.0-or-later"},
        {"apache_2_0", "Apache-2.0"},
        {"artistic_2", "Artistic-2.0"},
        {"gpl_2", "GPL-2.0-only"},
        {"gpl_3", "GPL-3.0-only"},
        {"lgpl_2_1", "LGPL-2.1-only"},
        {"lgpl_3_0", "LGPL-3.0-only"},
        {"mozilla_2_0", "MPL-2.0"},
    };
    for (auto [name, expression] : k_cpan)
        if (lower == name) return std::string(expression);
    // A POD's license section: "Same as Perl.", "Same terms as Perl itself."
    for (std::string_view perl : {"same as perl", "same as perl itself", "same terms as perl",
                                  "same terms as perl itself", "same license as perl"})
        if (lower == perl) return "Artistic-1.0-Perl OR GPL-1.0-or-later";
    // A name in words, taking all of the value ("Apache License, Version 2.0", "GPLv2+").
    std::size_t consumed = 0;
    if (std::string id = license_named_at(lower, consumed); !id.empty()) {
        std::string_view tail = util::trim(std::string_view(lower).substr(consumed));
        if (tail.empty() || tail == "license" || tail == "licence" || tail.starts_with("("))
            return id;
    }
    std::string expression = model::to_spdx_expression(v, model::LicenseDialect::rpm);
    if (expression.empty() || expression.find("LicenseRef-") != std::string::npos) return {};
    return expression;
}

} // namespace kaiyuan::license
