#include "kaiyuan/license/detector.hpp"

#include "kaiyuan/license/clues.hpp"
#include "kaiyuan/license/joins.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <unordered_map>

namespace kaiyuan::license {

namespace {

/// Word matches below this share of a rule are not that license (BSD-3-Clause's text is 87%
/// of a BSD-2-Clause file; the score then prefers the rule that explains the file better).
constexpr double k_min_coverage = 0.80;

struct Seed {
    std::uint32_t rule, file_pos, rule_pos;
};

struct Block {
    std::uint32_t file_pos, rule_pos, length;
};

struct Candidate {
    std::uint32_t rule;
    std::uint32_t first, last; ///< file word range [first, last)
    std::uint32_t matched;
    double coverage;
    double rank; ///< matched * coverage^2: more words explained, fewer rule words missing
};

/// Gaps longer than this (in words, on either side) are not searched for short common runs.
constexpr std::size_t k_max_gap = 48;
/// How many more file words than rule words a gap before or after the chain may span.
constexpr std::uint32_t k_gap_slack = 8;

struct Common {
    std::uint32_t count = 0, first = 0, last = 0; ///< words in common; first and last in `a`
};

/// The longest common subsequence of two short word runs, with where it starts and ends in `a`.
Common common_words(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
    Common out;
    if (a.empty() || b.empty() || a.size() > k_max_gap || b.size() > k_max_gap) return out;
    std::uint8_t len[k_max_gap + 1][k_max_gap + 1] = {};
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            len[i][j] = a[i] == b[j] ? static_cast<std::uint8_t>(len[i + 1][j + 1] + 1)
                                     : std::max(len[i + 1][j], len[i][j + 1]);
    out.count = len[0][0];
    bool any = false;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] == b[j]) {
            if (!any) out.first = static_cast<std::uint32_t>(i);
            any = true;
            out.last = static_cast<std::uint32_t>(i);
            ++i;
            ++j;
        } else if (len[i + 1][j] >= len[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return out;
}

/// Whether the file's words in [first, last) name a GNU license family that `rule` does not:
/// "Lesser General Public License" against a GPL notice, which would otherwise match with one
/// word added (the notice's own key words cannot catch a word it lacks).
bool names_other_gnu_family(const std::vector<std::uint32_t>& file, std::uint32_t first,
                            std::uint32_t last, const Rule& rule) {
    for (std::uint32_t i = first; i + 1 < last; ++i)
        if (names_gnu_family(file, i) &&
            std::find(rule.words.begin(), rule.words.end(), file[i]) == rule.words.end())
            return true;
    return false;
}

/// A notice cut or written for "-only" whose matched words say "or later" ("GNU General Public
/// License, version 2 or later, as published by ..."): the "-or-later" id; otherwise the rule's.
std::string notice_id(const std::vector<std::uint32_t>& file, const Candidate& c,
                      const Rule& rule) {
    static const std::uint32_t later = word_hash("later");
    if (rule.kind != Rule::Kind::notice || !rule.id.ends_with("-only")) return rule.id;
    if (std::find(rule.words.begin(), rule.words.end(), later) != rule.words.end()) return rule.id;
    // The matched words and the few after them ("GPLv2 or later" ends the match at "GPLv2").
    auto end = file.begin() + std::min<std::size_t>(file.size(), std::size_t{c.last} + 3);
    if (std::find(file.begin() + c.first, end, later) == end) return rule.id;
    std::string or_later = rule.id.substr(0, rule.id.size() - 5) + "-or-later";
    return find_license(or_later) ? or_later : rule.id;
}

/// A paragraph moved to the end or the start (MIT's "The above copyright notice ..." after the
/// warranty, as many files have it) is still the license's: each run of at least an n-gram of
/// rule words that the chain left out is looked for in the file words right after the match and
/// right before it, and counts when most of it is there.
void recover_moved_paragraphs(std::span<const std::uint32_t> file,
                              std::span<const std::uint32_t> words,
                              const std::vector<Block>& blocks,
                              const std::vector<std::size_t>& chain, std::size_t required,
                              Candidate& c) {
    if (c.matched >= required) return;
    std::vector<bool> used(words.size(), false);
    for (std::size_t k : chain)
        for (std::uint32_t p = 0; p < blocks[k].length; ++p)
            used[blocks[k].rule_pos + p] = true;
    // The runs of at least an n-gram that the chain left out; `recoverable` counts those short
    // enough to align.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> missing; // first word, size
    std::size_t recoverable = 0;
    for (std::uint32_t p = 0; p < words.size();) {
        std::uint32_t q = p;
        while (q < words.size() && used[q] == used[p])
            ++q;
        if (!used[p] && q - p >= LicenseIndex::k_gram) {
            missing.emplace_back(p, q - p);
            if (q - p + k_gap_slack <= k_max_gap) recoverable += q - p;
        }
        p = q;
    }
    // Only worth the search when those runs can lift the match to the minimum coverage; most
    // candidates are far from it.
    if (static_cast<double>(c.matched + recoverable) <
        k_min_coverage * static_cast<double>(required))
        return;
    for (auto [p, size] : missing) {
        auto run = words.subspan(p, size);
        const std::uint32_t want = size + k_gap_slack;
        std::uint32_t after =
            static_cast<std::uint32_t>(std::min<std::size_t>(want, file.size() - c.last));
        std::uint32_t before = std::min(want, c.first);
        auto tail = common_words(file.subspan(c.last, after), run);
        auto head = common_words(file.subspan(c.first - before, before), run);
        const double enough = std::max<double>(LicenseIndex::k_gram, 0.8 * size);
        if (tail.count >= enough && tail.count >= head.count) {
            c.matched += tail.count;
            c.last += tail.last + 1;
        } else if (head.count >= enough) {
            c.matched += head.count;
            c.first = c.first - before + head.first;
        }
    }
}

/// Exact runs around each seed, then the heaviest chain of runs in order in both texts.
Candidate align(const std::vector<std::uint32_t>& file, const Rule& rule, std::uint32_t rule_id,
                std::vector<Seed>::const_iterator first, std::vector<Seed>::const_iterator last) {
    const auto& words = rule.words;
    std::vector<Block> blocks;
    for (auto s = first; s != last; ++s) {
        std::uint32_t q = s->file_pos, p = s->rule_pos;
        bool covered = false;
        for (const Block& b : blocks)
            if (b.file_pos - b.rule_pos == q - p && q >= b.file_pos && q < b.file_pos + b.length) {
                covered = true;
                break;
            }
        if (covered) continue;
        while (q > 0 && p > 0 && file[q - 1] == words[p - 1]) {
            --q;
            --p;
        }
        std::uint32_t len = 0;
        while (q + len < file.size() && p + len < words.size() && file[q + len] == words[p + len])
            ++len;
        blocks.push_back({q, p, len});
    }
    std::sort(blocks.begin(), blocks.end(),
              [](const Block& a, const Block& b) { return a.file_pos < b.file_pos; });
    // Heaviest chain: blocks increasing in both texts, overlaps trimmed away.
    std::vector<std::uint64_t> best(blocks.size());
    std::vector<int> prev(blocks.size(), -1);
    std::size_t top = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        best[i] = blocks[i].length;
        // Only the recent blocks can chain in practice; bound the work on pathological files.
        std::size_t from = i > 256 ? i - 256 : 0;
        for (std::size_t j = from; j < i; ++j) {
            const Block& a = blocks[j];
            const Block& b = blocks[i];
            if (a.file_pos >= b.file_pos || a.rule_pos >= b.rule_pos) continue;
            // Runs that overlap ("version 2 of" + "of the License" in "2 of of the License")
            // chain with the overlap counted once.
            std::int64_t overlap =
                std::max<std::int64_t>({0, std::int64_t{a.file_pos} + a.length - b.file_pos,
                                        std::int64_t{a.rule_pos} + a.length - b.rule_pos});
            if (overlap >= b.length) continue;
            std::uint64_t gain = best[j] + b.length - static_cast<std::uint64_t>(overlap);
            if (gain > best[i]) {
                best[i] = gain;
                prev[i] = static_cast<int>(j);
            }
        }
        if (best[i] > best[top]) top = i;
    }
    Candidate c{rule_id, 0, 0, 0, 0, 0};
    if (blocks.empty()) return c;
    c.matched = static_cast<std::uint32_t>(best[top]);
    c.last = blocks[top].file_pos + blocks[top].length;
    std::vector<std::size_t> chain;
    for (int k = static_cast<int>(top); k >= 0; k = prev[static_cast<std::size_t>(k)])
        chain.push_back(static_cast<std::size_t>(k));
    std::reverse(chain.begin(), chain.end());
    c.first = blocks[chain.front()].file_pos;
    // Runs shorter than an n-gram are not seeded: recover them in the gaps of the chain, before
    // it and after it ("The files in this package are free software; you can redistribute
    // them" against "This program is free software; you can redistribute it").
    std::span<const std::uint32_t> f(file), w(words);
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
        const Block& a = blocks[chain[k]];
        const Block& b = blocks[chain[k + 1]];
        std::uint32_t fa = a.file_pos + a.length, ra = a.rule_pos + a.length;
        if (b.file_pos > fa && b.rule_pos > ra)
            c.matched +=
                common_words(f.subspan(fa, b.file_pos - fa), w.subspan(ra, b.rule_pos - ra)).count;
    }
    const Block& head = blocks[chain.front()];
    if (head.rule_pos > 0) {
        std::uint32_t want = head.rule_pos + k_gap_slack;
        std::uint32_t from = head.file_pos > want ? head.file_pos - want : 0;
        auto m = common_words(f.subspan(from, head.file_pos - from), w.subspan(0, head.rule_pos));
        c.matched += m.count;
        if (m.count) c.first = from + m.first;
    }
    const Block& tail = blocks[chain.back()];
    std::uint32_t tail_rule = tail.rule_pos + tail.length, tail_file = c.last;
    if (tail_rule < words.size()) {
        std::uint32_t want = static_cast<std::uint32_t>(words.size()) - tail_rule + k_gap_slack;
        std::uint32_t to = static_cast<std::uint32_t>(
            std::min<std::size_t>(file.size(), std::size_t{tail_file} + want));
        auto m = common_words(f.subspan(tail_file, to - tail_file), w.subspan(tail_rule));
        c.matched += m.count;
        if (m.count) c.last = tail_file + m.last + 1;
    }
    recover_moved_paragraphs(f, w, blocks, chain, rule.required_words(), c);
    // Words the template lets vary or leave out do not count against the file (templates.hpp).
    c.coverage =
        std::min(1.0, static_cast<double>(c.matched) / static_cast<double>(rule.required_words()));
    // A notice without one of its key words (another version, "Affero") is another notice.
    for (std::uint32_t key : rule.key_positions) {
        bool found = false;
        for (int k = static_cast<int>(top); k >= 0 && !found;
             k = prev[static_cast<std::size_t>(k)]) {
            const Block& b = blocks[static_cast<std::size_t>(k)];
            found = key >= b.rule_pos && key < b.rule_pos + b.length;
        }
        // In a notice of a line, a key word recovered in a gap ("LGPL v2.1" where the notice
        // says "GNU LGPL v2.1", leaving "1" outside every run of six) is there too, if the
        // match's words hold it. Longer notices have runs enough to hold their keys; there a
        // word found only nearby would let "version 2 and only version 2" pass as "any later".
        if (!found && words.size() < 16)
            found = std::find(file.begin() + c.first, file.begin() + c.last, words[key]) !=
                    file.begin() + c.last;
        if (!found) {
            c.coverage = 0;
            return c;
        }
    }
    for (std::uint32_t word : rule.name_words)
        if (std::find(file.begin() + c.first, file.begin() + c.last, word) ==
            file.begin() + c.last) {
            c.coverage = 0;
            return c;
        }
    if (rule.kind == Rule::Kind::notice && names_other_gnu_family(file, c.first, c.last, rule)) {
        c.coverage = 0;
        return c;
    }
    // Words of the file inside the region that the rule does not have count against it too:
    // a notice spread over a whole file is not that notice.
    double span = static_cast<double>(c.last - c.first);
    double density = span > 0 ? static_cast<double>(c.matched) / span : 0;
    // Optional words left out cost a little: of two licenses whose templates both take the
    // file, the one that needs fewer of its parts left out is the file's (BSD-2-Clause over
    // BSD-3-Clause with its third clause missing, CC-BY-SA-4.0 over CC-BY-NC-SA-4.0).
    double total = static_cast<double>(words.size());
    double missing = std::max(0.0, total - c.matched);
    double missing_required = std::max(0.0, static_cast<double>(rule.required_words()) - c.matched);
    double left_out = (missing - missing_required) / total;
    c.rank = c.matched * c.coverage * c.coverage * std::min(1.0, density * 1.25) *
             (1.0 - 0.5 * left_out);
    return c;
}

/// The licenses most files carry. A rare license whose text is one of these with a few words
/// changed (BSD-3-Clause-HP, BSD-2-Clause-NetBSD, MIT-CMU, OGC-1.0) must not be read where the
/// file is the common one with its holder's name in place of the template's.
constexpr std::string_view k_common_licenses[] = {
    "MIT",       "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause", "ISC",  "Apache-2.0",
    "Zlib",      "X11",          "W3C",          "BSL-1.0",      "0BSD", "MIT-0",
    "Unlicense", "PostgreSQL",   "NCSA",         "BSD-1-Clause",
};

bool is_common(std::string_view id) {
    return std::find(std::begin(k_common_licenses), std::end(k_common_licenses), id) !=
           std::end(k_common_licenses);
}

/// Words that name the holder in the BSD and MIT family ("THE AUTHOR", "THE REGENTS OF THE
/// UNIVERSITY OF CALIFORNIA", "THE NETBSD FOUNDATION, INC.") and words every license has: a
/// rare license's own words without these are what tells it from the common one.
bool is_holder_word(std::uint32_t word) {
    static const std::vector<std::uint32_t> k_words = [] {
        std::vector<std::uint32_t> out;
        for (std::string_view w : {"the",     "a",          "an",           "and",
                                   "or",      "of",         "its",          "their",
                                   "by",      "to",         "in",           "author",
                                   "authors", "copyright",  "holder",       "holders",
                                   "owner",   "owners",     "contributors", "contributor",
                                   "regents", "university", "california",   "foundation",
                                   "inc",     "company",    "corporation",  "netbsd",
                                   "c",       "year",       "name",         "names",
                                   "s"})
            out.push_back(word_hash(w));
        return out;
    }();
    return std::find(k_words.begin(), k_words.end(), word) != k_words.end();
}

/// The common license in `k`'s place when `k` is a rare look-alike whose distinguishing words the
/// file lacks (fewer than half of the rare text's own words are in the matched region).
const Candidate* common_in_place_of(const Candidate& k, const std::vector<Candidate>& candidates,
                                    const std::vector<std::uint32_t>& file,
                                    const LicenseIndex& index) {
    const Rule& rare = index.rules()[k.rule];
    if (rare.kind != Rule::Kind::text || is_common(rare.id)) return nullptr;
    const Candidate* best = nullptr;
    for (const Candidate& c : candidates) {
        const Rule& r = index.rules()[c.rule];
        if (r.kind != Rule::Kind::text || !is_common(r.id)) continue;
        std::uint32_t lo = std::max(c.first, k.first), hi = std::min(c.last, k.last);
        if (hi <= lo || (hi - lo) * 2 <= (k.last - k.first)) continue;
        if (!best || c.rank > best->rank) best = &c;
    }
    if (!best) return nullptr;
    const auto& common_words = index.rules()[best->rule].words;
    std::vector<std::uint32_t> own;
    for (std::uint32_t w : rare.words)
        if (!is_holder_word(w) &&
            std::find(common_words.begin(), common_words.end(), w) == common_words.end() &&
            std::find(own.begin(), own.end(), w) == own.end())
            own.push_back(w);
    std::size_t present = 0;
    for (std::uint32_t w : own)
        present +=
            std::find(file.begin() + k.first, file.begin() + k.last, w) != file.begin() + k.last;
    return present * 2 < own.size() || own.empty() ? best : nullptr;
}

/// A deprecated id's current replacement when it is one license ("BSD-2-Clause-NetBSD" ->
/// "BSD-2-Clause"); the id itself otherwise.
std::string current_id(const std::string& id) {
    std::string_view replacement = model::replacement_of_deprecated(id);
    if (replacement.empty() || replacement.find(' ') != std::string_view::npos) return id;
    return std::string(replacement);
}

/// Whether `choice` is "A OR B ..." with `one` among its alternatives.
bool offers(const std::string& choice, const std::string& one) {
    if (one.find(' ') != std::string::npos) return false;
    auto parsed = model::LicenseExpression::parse(choice);
    if (!parsed || parsed->kind() != model::LicenseExpression::Kind::or_) return false;
    for (const auto& alternative : parsed->operands())
        if (alternative.to_string() == one) return true;
    return false;
}

/// Removes the matches marked in `drop`, keeping the others in order. (The marks are all made
/// first: whether one match goes depends on the others.)
void erase_marked(std::vector<LicenseMatch>& out, const std::vector<bool>& drop) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!drop[i]) {
            if (kept != i) out[kept] = std::move(out[i]);
            ++kept;
        }
    out.resize(kept);
}

/// What a GNU license named without a version reads as (gnu_names.hpp).
bool is_versionless_gnu(std::string_view e) {
    return e == "GPL-1.0-or-later" || e == "LGPL-2.0-or-later" || e == "LGPL-2.1-or-later" ||
           e == "AGPL-3.0-or-later";
}

/// A reference that names a GNU license with no version (read as any version) says less than
/// a statement of a version of the same license elsewhere in the file ("This file is
/// distributed under the GNU General Public License" under a "version 2 or later" notice):
/// the version stands.
void drop_versionless_restatements(std::vector<LicenseMatch>& out) {
    auto versionless = [](const LicenseMatch& m) {
        return m.kind == LicenseMatch::Kind::reference && is_versionless_gnu(m.expression);
    };
    auto names_family = [](const LicenseMatch& m, std::string_view family) {
        std::string_view e = m.expression;
        for (std::size_t at = 0; at < e.size();) {
            std::size_t end = e.find_first_of(" ()", at);
            if (end == std::string_view::npos) end = e.size();
            if (gnu_family(e.substr(at, end - at)) == family) return true;
            at = end + 1;
        }
        return false;
    };
    std::vector<bool> drop(out.size(), false);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!versionless(out[i])) continue;
        std::string_view family = gnu_family(out[i].expression);
        for (std::size_t k = 0; k < out.size() && !drop[i]; ++k)
            drop[i] = k != i && out[k].is_statement() && out[k].expression != out[i].expression &&
                      names_family(out[k], family);
    }
    erase_marked(out, drop);
}

/// "GPL-2.0" for "GPL-2.0-only" and "GPL-2.0-or-later": a GNU license's version, whatever
/// its grant.
std::string_view gnu_version(std::string_view id) {
    for (std::string_view suffix : {"-only", "-or-later"})
        if (id.ends_with(suffix)) return id.substr(0, id.size() - suffix.size());
    return id;
}

/// A title that names a GNU license's version ("GPL v2 License" over lz4cli.c's notice) says
/// less than the notice of that version in the file, which says whether later versions are
/// granted: the notice stands.
void drop_versioned_titles_of_notices(std::vector<LicenseMatch>& out) {
    std::vector<bool> drop(out.size(), false);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const LicenseMatch& r = out[i];
        if (r.kind != LicenseMatch::Kind::reference || gnu_family(r.expression).empty() ||
            r.expression.find(' ') != std::string::npos)
            continue;
        for (const LicenseMatch& m : out)
            // (A text says no more than its version: its "-only" is no grant.)
            if (m.kind == LicenseMatch::Kind::notice && m.expression != r.expression &&
                gnu_version(m.expression) == gnu_version(r.expression))
                drop[i] = true;
    }
    erase_marked(out, drop);
}

/// "BSD" in "BSD-3-Clause", "MIT" in "MIT": the family a license id names.
std::string_view id_family(std::string_view id) {
    auto dash = id.find('-');
    return dash == std::string_view::npos ? id : id.substr(0, dash);
}

/// "... may also be distributed under the terms of the BSD Licence as follows:" and then the
/// text: the text says which BSD license it is. A reference followed within 8 lines by a text of
/// its family gives way to it (also the same license's: "The MIT License (MIT)" over the text
/// is the text's title, not a second finding). And "the BSD license" named anywhere in a file
/// that holds a BSD text is that text (libev's "not to allow others to use your version of this
/// file under the BSD license", after its 2-clause text): the name does not say which BSD
/// license, the text does.
void drop_references_to_texts(std::vector<LicenseMatch>& out) {
    std::vector<bool> drop(out.size(), false);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const LicenseMatch& r = out[i];
        if (r.kind != LicenseMatch::Kind::reference || r.expression.find(' ') != std::string::npos)
            continue;
        for (const LicenseMatch& t : out) {
            if (t.kind != LicenseMatch::Kind::text ||
                id_family(t.expression) != id_family(r.expression))
                continue;
            bool follows = t.start_line > r.end_line && t.start_line <= r.end_line + 8;
            bool bsd = id_family(r.expression) == "BSD" && t.expression != r.expression;
            drop[i] = drop[i] || follows || bsd;
        }
    }
    erase_marked(out, drop);
}

} // namespace

const char* to_string(LicenseMatch::Kind k) {
    switch (k) {
    case LicenseMatch::Kind::tag:
        return "tag";
    case LicenseMatch::Kind::text:
        return "text";
    case LicenseMatch::Kind::notice:
        return "notice";
    case LicenseMatch::Kind::clue:
        return "clue";
    case LicenseMatch::Kind::exception:
        return "exception";
    case LicenseMatch::Kind::reference:
        return "reference";
    }
    return "text";
}

std::vector<LicenseMatch> detect_licenses(std::string_view text, const LicenseIndex& index) {
    std::vector<LicenseMatch> out = find_tags(text);
    Tokens tokens;
    tokenize(text, tokens);
    const auto& file = tokens.words;
    std::vector<Seed> seeds;
    if (file.size() >= LicenseIndex::k_gram) {
        for (std::size_t q = 0; q + LicenseIndex::k_gram <= file.size(); ++q)
            for (const Posting& p : index.lookup(LicenseIndex::gram_hash(&file[q])))
                seeds.push_back({p.rule, static_cast<std::uint32_t>(q), p.position});
    }
    std::sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) {
        return a.rule != b.rule ? a.rule < b.rule : a.file_pos < b.file_pos;
    });
    std::vector<Candidate> candidates;
    for (auto it = seeds.begin(); it != seeds.end();) {
        auto end = std::find_if(it, seeds.end(), [&](const Seed& s) { return s.rule != it->rule; });
        const Rule& rule = index.rules()[it->rule];
        // Enough seeds to reach the minimum coverage at all: each seed stands for at most
        // k_gram words, and long rules index one n-gram in four.
        double per_seed = rule.words.size() < 80 ? 1.0 : 4.0;
        double reachable = static_cast<double>(end - it) * per_seed + LicenseIndex::k_gram;
        if (reachable >= k_min_coverage * static_cast<double>(rule.required_words()) * 0.5) {
            Candidate c = align(file, rule, it->rule, it, end);
            if (c.coverage >= k_min_coverage) candidates.push_back(c);
        }
        it = end;
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.rank > b.rank; });
    std::vector<Candidate> kept;
    for (const Candidate& c : candidates) {
        bool exception = index.rules()[c.rule].kind == Rule::Kind::exception;
        // Words of c that better candidates already explain: over half, and c is not another
        // license there. Summed over them, so that a text spanning two kept ones (Clips read
        // across an MIT text and the ISC text after it, in a third-party notices file) goes too.
        std::uint32_t explained = 0;
        for (const Candidate& k : kept) {
            // Exceptions sit inside or beside the license they modify: they only compete with
            // each other.
            if (exception != (index.rules()[k.rule].kind == Rule::Kind::exception)) continue;
            std::uint32_t lo = std::max(c.first, k.first), hi = std::min(c.last, k.last);
            if (hi > lo) explained += hi - lo;
        }
        if (explained * 2 <= (c.last - c.first)) kept.push_back(c);
    }
    for (Candidate& k : kept)
        if (const Candidate* common = common_in_place_of(k, candidates, file, index)) k = *common;
    for (const Candidate& c : kept) {
        const Rule& rule = index.rules()[c.rule];
        LicenseMatch m;
        m.kind = rule.kind == Rule::Kind::text     ? LicenseMatch::Kind::text
                 : rule.kind == Rule::Kind::notice ? LicenseMatch::Kind::notice
                                                   : LicenseMatch::Kind::exception;
        m.expression = current_id(notice_id(file, c, rule));
        if (m.expression == rule.id) m.equivalents = rule.equivalents;
        m.start_line = tokens.lines[c.first];
        m.end_line = tokens.lines[c.last - 1];
        m.score = std::round(c.coverage * 1000) / 10;
        out.push_back(std::move(m));
    }
    // References and clues only where no tag, license text or notice was found on the same
    // lines (a notice holds the sentence that names its license, and often its address); those
    // that name another license there may still be the other half of a dual license.
    std::vector<LicenseMatch> hidden;
    for (LicenseMatch& clue : find_references(text)) {
        bool covered = false, restated = false;
        for (LicenseMatch& m : out)
            if (m.kind != LicenseMatch::Kind::clue && m.kind != LicenseMatch::Kind::reference &&
                m.start_line <= clue.end_line && clue.start_line <= m.end_line) {
                covered = true;
                restated = restated || m.expression == clue.expression;
                // The sentence offers the notice's license and others ("either: the GNU LGPL
                // ... or the GNU GPL ..."): the notice grants that choice.
                if (!restated && clue.kind == LicenseMatch::Kind::reference &&
                    offers(clue.expression, m.expression)) {
                    m.expression = clue.expression;
                    m.equivalents.clear();
                    restated = true;
                }
            }
        // A GNU license named with no version inside another's text ("... licensed under the
        // GNU General Public License without this special exception") offers no second license.
        bool versionless = clue.kind == LicenseMatch::Kind::reference && !clue.detail.empty() &&
                           is_versionless_gnu(clue.expression);
        if (!covered)
            out.push_back(std::move(clue));
        else if (!restated && !clue.expression.empty() && !versionless)
            hidden.push_back(std::move(clue));
    }
    // An exception joins the license beside it, a reference's too.
    join_exceptions(out);
    // What restates a text or a versioned notice goes first, so that a choice is read between
    // the licenses themselves.
    drop_versionless_restatements(out);
    drop_versioned_titles_of_notices(out);
    drop_references_to_texts(out);
    join_dual_licenses(out, hidden, text);
    name_gfdl_sections(out, text);
    std::sort(out.begin(), out.end(), [](const LicenseMatch& a, const LicenseMatch& b) {
        return a.start_line != b.start_line ? a.start_line < b.start_line
                                            : a.expression < b.expression;
    });
    return out;
}

} // namespace kaiyuan::license
