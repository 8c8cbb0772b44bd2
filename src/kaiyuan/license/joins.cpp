// Joining findings that belong together: an exception with the license it modifies, and two
// licenses offered as a choice.
#include "kaiyuan/license/joins.hpp"

#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace kaiyuan::license {

namespace {

/// A name without a text: a reference or a clue.
bool is_weak(const LicenseMatch& m) {
    return m.kind == LicenseMatch::Kind::clue || m.kind == LicenseMatch::Kind::reference;
}

/// Lines [first, last] of `text` (1-based), in lower case.
std::string lower_lines(std::string_view text, std::uint32_t first, std::uint32_t last) {
    std::string out;
    std::uint32_t line = 1;
    for (char c : text) {
        if (line >= first && line <= last) out += util::to_lower(c);
        if (c == '\n' && ++line > last) break;
    }
    return out;
}

} // namespace

std::string_view gnu_family(std::string_view id) {
    for (std::string_view f : {"AGPL-", "LGPL-", "GPL-", "GFDL-"})
        if (id.starts_with(f)) return f;
    return {};
}

void join_exceptions(std::vector<LicenseMatch>& matches) {
    constexpr std::uint32_t k_near = 40;
    for (std::size_t e = 0; e < matches.size(); ++e) {
        if (matches[e].kind != LicenseMatch::Kind::exception) continue;
        const LicenseMatch& ex = matches[e];
        std::size_t best = matches.size();
        // A text, notice or tag first; a reference only when none is near ("the GNU General
        // Public License (version 2) ... AND MODIFIED BY the FreeRTOS exception").
        for (bool references : {false, true}) {
            std::uint32_t best_distance = k_near + 1;
            for (std::size_t l = 0; l < matches.size(); ++l) {
                const LicenseMatch& m = matches[l];
                if (!m.is_statement() || m.kind == LicenseMatch::Kind::exception ||
                    (m.kind == LicenseMatch::Kind::reference) != references ||
                    m.expression.find(" WITH ") != std::string::npos)
                    continue;
                std::uint32_t distance = m.end_line < ex.start_line   ? ex.start_line - m.end_line
                                         : ex.end_line < m.start_line ? m.start_line - ex.end_line
                                                                      : 0;
                if (distance < best_distance) {
                    best = l;
                    best_distance = distance;
                }
            }
            if (best != matches.size()) break;
        }
        if (best == matches.size()) continue;
        LicenseMatch& license = matches[best];
        license.expression =
            (license.expression.find(' ') == std::string::npos ? license.expression
                                                               : "(" + license.expression + ")") +
            " WITH " + ex.expression;
        license.start_line = std::min(license.start_line, ex.start_line);
        license.end_line = std::max(license.end_line, ex.end_line);
        matches.erase(matches.begin() + static_cast<std::ptrdiff_t>(e));
        --e;
    }
}

namespace {

/// Joins the two findings of one group into "A OR B" when they are a choice: the one that stays
/// gets the expression, the other is returned (to be removed), or nullptr when they stay apart.
const LicenseMatch* join_pair(std::vector<LicenseMatch>& matches,
                              std::array<const LicenseMatch*, 2> found, std::string_view text) {
    const LicenseMatch& first = *found[0];
    const LicenseMatch& second = *found[1];
    // One license's two grants (LGPL-2.1's text names "version 2.1 ... or any later version")
    // are no choice between licenses.
    // Nor are two versions of one GNU license ("any version" read from a name without one,
    // beside a notice of version 2).
    auto family = [](std::string_view e) {
        // "(GPL-3.0-or-later WITH Bison-exception-2.2)": the license it starts with.
        while (e.starts_with('('))
            e.remove_prefix(1);
        if (std::string_view f = gnu_family(e); !f.empty() &&
                                                e.find(" OR ") == std::string_view::npos &&
                                                e.find(" AND ") == std::string_view::npos)
            return f;
        for (std::string_view suffix : {"-only", "-or-later", "+"})
            if (e.ends_with(suffix)) return e.substr(0, e.size() - suffix.size());
        return e;
    };
    if (family(first.expression) == family(second.expression)) return nullptr;
    // Two names without texts are joined where they are read (references.cpp), not here;
    // except two references in neighbouring sentences, the second offering itself instead
    // (Mozilla's tri-license block: "The contents of this file are subject to the Mozilla
    // Public License Version 1.1 ... Alternatively, the contents of this file may be used under
    // the terms of either the GNU General Public License Version 2 or later ... or the GNU
    // Lesser General Public License Version 2.1 or later").
    bool first_is_clue = is_weak(first);
    if (first_is_clue && is_weak(second)) {
        bool references = first.kind == LicenseMatch::Kind::reference &&
                          second.kind == LicenseMatch::Kind::reference;
        if (!references || second.start_line > first.end_line + 12) return nullptr;
        std::string between = lower_lines(text, first.end_line, second.start_line);
        if (between.find("alternatively") == std::string::npos) return nullptr;
    }
    // Two whole license texts in one file (a LICENSE that appends a vendored part's license) are
    // both binding, whatever words they hold.
    if (first.kind == LicenseMatch::Kind::text && second.kind == LicenseMatch::Kind::text)
        return nullptr;
    std::uint32_t from = first.start_line;
    std::uint32_t to = std::max(first.end_line, second.end_line);
    std::string span = lower_lines(text, from > 5 ? from - 5 : 1, to);
    static constexpr std::string_view k_cues[] = {
        "alternatively",   "dual licensed",
        "dual-licensed",   "choice of one of two licenses",
        "at your choice",  "at your option, under the terms of",
        "terms of either", "otherwise, the following license"};
    std::vector<std::string_view> cues;
    for (std::string_view cue : k_cues)
        if (span.find(cue) != std::string::npos) cues.push_back(cue);
    if (cues.empty()) return nullptr;
    // A cue the licenses' own texts hold offers no choice (MPL-2.0 says "terms of either", the
    // LGPL "alternatively").
    auto own_text = [](const LicenseMatch& m) {
        const LicenseInfo* l =
            m.kind == LicenseMatch::Kind::text ? find_license(m.expression) : nullptr;
        return l ? util::to_lower(l->text) : std::string();
    };
    const std::string texts = own_text(first) + "\n" + own_text(second);
    if (std::all_of(cues.begin(), cues.end(),
                    [&](std::string_view cue) { return texts.find(cue) != std::string::npos; }))
        return nullptr;
    // "A OR (B OR C)" is "A OR B OR C": only an AND or a WITH inside needs brackets here.
    auto parenthesised = [](const std::string& e) {
        bool plain = e.find(" AND ") == std::string::npos && e.find(" WITH ") == std::string::npos;
        return plain ? e : "(" + e + ")";
    };
    // The text or notice carries the joined finding (it is in `matches`; only clues are
    // hidden); the other one goes.
    const LicenseMatch* kept_at = first_is_clue ? found[1] : found[0];
    const LicenseMatch* gone = first_is_clue ? found[0] : found[1];
    auto kept_in = std::find_if(matches.begin(), matches.end(),
                                [&](const LicenseMatch& x) { return &x == kept_at; });
    // (Both references, the first hidden inside a text: nothing reported to carry the choice.)
    if (kept_in == matches.end()) return nullptr;
    LicenseMatch& kept = *kept_in;
    std::string expression =
        parenthesised(first.expression) + " OR " + parenthesised(second.expression);
    if (!is_weak(*gone)) kept.score = std::min(kept.score, gone->score);
    kept.expression = std::move(expression);
    kept.equivalents.clear();
    kept.start_line = from;
    kept.end_line = to;
    return gone;
}

} // namespace

void join_dual_licenses(std::vector<LicenseMatch>& matches, const std::vector<LicenseMatch>& hidden,
                        std::string_view text) {
    std::vector<const LicenseMatch*> found;
    for (const LicenseMatch& m : matches)
        if ((m.is_statement() &&
             (m.kind == LicenseMatch::Kind::text || m.kind == LicenseMatch::Kind::notice)) ||
            (is_weak(m) && !m.expression.empty()))
            found.push_back(&m);
    for (const LicenseMatch& m : hidden)
        found.push_back(&m);
    std::sort(found.begin(), found.end(), [](const LicenseMatch* x, const LicenseMatch* y) {
        return x->start_line < y->start_line;
    });
    // Groups of findings that follow each other within a few lines: each header of a file
    // (libev's ev.c carries its own and, further down, libecb's) is its own group, and only a
    // group of exactly two is a choice between them.
    constexpr std::uint32_t k_apart = 20;
    std::vector<const LicenseMatch*> gone;
    for (std::size_t i = 0; i < found.size();) {
        std::size_t j = i + 1;
        std::uint32_t end = found[i]->end_line;
        while (j < found.size() && found[j]->start_line <= end + k_apart) {
            end = std::max(end, found[j]->end_line);
            ++j;
        }
        if (j - i == 2)
            if (const LicenseMatch* g = join_pair(matches, {found[i], found[i + 1]}, text))
                gone.push_back(g);
        i = j;
    }
    std::erase_if(matches, [&](const LicenseMatch& m) {
        return std::find(gone.begin(), gone.end(), &m) != gone.end();
    });
}

void name_gfdl_sections(std::vector<LicenseMatch>& matches, std::string_view text) {
    for (LicenseMatch& m : matches) {
        if (m.kind != LicenseMatch::Kind::notice && m.kind != LicenseMatch::Kind::reference)
            continue;
        // Only a GFDL id alone ("GFDL-1.3-or-later", "GFDL-1.3-invariants-only"), not an
        // expression; the variant is read again from the words.
        std::string_view id = m.expression;
        if (!id.starts_with("GFDL-1.") || id.size() < 12 || id.find(' ') != std::string::npos)
            continue;
        std::string_view version = id.substr(0, 8);        // "GFDL-1.3"
        std::string_view later = id.substr(id.rfind('-')); // "-only", "-later"
        if (later == "-later") later = "-or-later";
        // The words only, so that comment markers and line breaks do not matter.
        std::string words;
        for (char c : lower_lines(text, m.start_line, m.end_line + 4)) {
            bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
            if (alnum)
                words += c;
            else if (!words.empty() && words.back() != ' ')
                words += ' ';
        }
        // SPDX's plain GFDL header is the invariants one with its placeholders unfilled ("with
        // the Invariant Sections being LIST THEIR TITLES"): that says no more than the plain.
        std::string_view variant;
        if (words.find("no invariant sections") != std::string::npos)
            variant = "-no-invariants";
        else if (auto at = words.find("with the invariant sections being ");
                 at != std::string::npos &&
                 !std::string_view(words).substr(at + 34).starts_with("list"))
            variant = "-invariants";
        else if (id.find("invariants") == std::string::npos)
            continue;
        std::string named = std::string(version) + std::string(variant) + std::string(later);
        if (named == m.expression || !find_license(named)) continue;
        m.expression = std::move(named);
        m.equivalents.clear();
    }
}

} // namespace kaiyuan::license
