#include "kaiyuan/license/index.hpp"

#include "kaiyuan/license/templates.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/license/notices.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

namespace kaiyuan::license {

namespace {

std::uint64_t mix(std::uint64_t x) { // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Long rules index one n-gram in four (chosen by hash, so a file's n-gram is looked up the
/// same way); short ones every n-gram, so that a notice of a few lines is still found.
constexpr std::size_t k_short_rule = 80;
bool sampled(std::uint64_t hash) {
    return (hash & 3) == 0;
}

/// Ids that share one text: the one to report first. Current ids before deprecated ones, and
/// "-only" before "-or-later" (a full license text alone grants no later version).
bool preferred(std::string_view a, std::string_view b) {
    auto deprecated = [](std::string_view id) {
        const LicenseInfo* l = find_license(id);
        if (!l) l = find_exception(id);
        return l && l->deprecated;
    };
    bool da = deprecated(a), db = deprecated(b);
    if (da != db) return !da;
    bool oa = a.ends_with("-only"), ob = b.ends_with("-only");
    if (oa != ob) return oa;
    return a < b;
}

} // namespace

bool names_gnu_family(std::span<const std::uint32_t> words, std::size_t p) {
    static const std::uint32_t general = word_hash("general");
    static const std::array<std::uint32_t, 3> families{word_hash("affero"), word_hash("lesser"),
                                                       word_hash("library")};
    return p + 1 < words.size() && words[p + 1] == general &&
           std::find(families.begin(), families.end(), words[p]) != families.end();
}

std::string_view exception_of_deprecated(std::string_view id) {
    std::string_view replacement = model::replacement_of_deprecated(id);
    auto with = replacement.find(" WITH ");
    return with == std::string_view::npos ? std::string_view() : replacement.substr(with + 6);
}

std::uint64_t LicenseIndex::gram_hash(const std::uint32_t* words) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (std::size_t i = 0; i < k_gram; ++i)
        h = mix(h ^ words[i]);
    return h;
}

void LicenseIndex::fill_filter() {
    m_filter.assign((std::size_t{1} << k_filter_bits) / 64, 0);
    const std::uint64_t mask = (std::uint64_t{1} << k_filter_bits) - 1;
    for (const Posting& p : m_postings)
        m_filter[(p.hash & mask) >> 6] |= std::uint64_t{1} << (p.hash & 63);
}

std::span<const Posting> LicenseIndex::lookup(std::uint64_t hash) const {
    const std::uint64_t mask = (std::uint64_t{1} << k_filter_bits) - 1;
    if (!(m_filter[(hash & mask) >> 6] >> (hash & 63) & 1)) return {};
    std::size_t b = hash >> 48;
    auto first = m_postings.begin() + m_bucket[b];
    auto last = m_postings.begin() + m_bucket[b + 1];
    auto lo = std::lower_bound(first, last, hash,
                               [](const Posting& p, std::uint64_t h) { return p.hash < h; });
    auto hi = lo;
    while (hi != last && hi->hash == hash)
        ++hi;
    return {lo, hi};
}

namespace {

/// A notice must hold the words its license's name has beyond the common ones: "Apache" in the
/// Apache header, "Educational Community" in the ECL's, which is the Apache header with the name
/// changed ("Licensed under the Educational Community License, Version 2.0 ... You may obtain a
/// copy of the License at"); without them the Apache notice took ECL files with one word
/// missing. Anywhere in the match's lines will do (a header may name its license in a copyright
/// line the matcher leaves out, or twice); the GNU notices have their own family keys
/// (names_gnu_family).
void add_name_words(Rule& r) {
    if (r.id.find("GPL") != std::string::npos) return;
    const LicenseInfo* info = find_license(r.id);
    if (!info) return;
    static const std::vector<std::uint32_t> k_common = [] {
        std::vector<std::uint32_t> out;
        for (std::string_view w :
             {"license", "licence",   "public", "general",   "version", "v",        "the",
              "of",      "and",       "or",     "only",      "later",   "software", "source",
              "open",    "agreement", "free",   "a",         "for",     "with",     "exception",
              "no",      "copyleft",  "terms",  "conditions"})
            out.push_back(word_hash(w));
        return out;
    }();
    Tokens name;
    tokenize(info->name, name);
    for (std::uint32_t w : name.words)
        if (std::find(k_common.begin(), k_common.end(), w) == k_common.end() &&
            std::find(r.words.begin(), r.words.end(), w) != r.words.end() &&
            std::find(r.name_words.begin(), r.name_words.end(), w) == r.name_words.end())
            r.name_words.push_back(w);
}

} // namespace

LicenseIndex LicenseIndex::build(const std::vector<Source>& sources) {
    LicenseIndex index;
    std::map<std::pair<Rule::Kind, std::vector<std::uint32_t>>, std::size_t> seen;
    for (const Source& s : sources) {
        Tokens t;
        std::uint32_t optional = 0;
        if (!s.match_text.empty())
            optional = tokenize_match_text(s.match_text, t);
        else if (s.kind == Rule::Kind::text)
            optional = tokenize_match_text(derived_match_text(s.text), t);
        else
            tokenize(s.text, t);
        if (t.size() < k_gram) continue;
        auto [it, inserted] = seen.try_emplace({s.kind, t.words}, index.m_rules.size());
        if (!inserted) {
            auto& eq = index.m_rules[it->second].equivalents;
            eq.push_back(s.id);
            eq.insert(eq.end(), s.also.begin(), s.also.end());
            continue;
        }
        Rule r;
        r.kind = s.kind;
        r.id = s.id;
        r.equivalents = s.also;
        r.words = std::move(t.words);
        r.optional_words =
            std::min<std::uint32_t>(optional, static_cast<std::uint32_t>(r.words.size() - k_gram));
        index.m_rules.push_back(std::move(r));
    }
    for (Rule& r : index.m_rules) {
        // The preferred id of a group of equal texts is the one reported.
        r.equivalents.push_back(r.id);
        std::sort(r.equivalents.begin(), r.equivalents.end(),
                  [](const std::string& a, const std::string& b) { return preferred(a, b); });
        r.equivalents.erase(std::unique(r.equivalents.begin(), r.equivalents.end()),
                            r.equivalents.end());
        r.id = r.equivalents.front();
        r.equivalents.erase(r.equivalents.begin());
        // A full "-only" text is also the text of "X", "X+" and "X-or-later": one license text
        // serves every grant of that version.
        if (r.kind != Rule::Kind::text) continue;
        std::vector<std::string> group = r.equivalents;
        group.push_back(r.id);
        for (const std::string& id : group) {
            if (!id.ends_with("-only")) continue;
            std::string base = id.substr(0, id.size() - 5);
            for (std::string other : {base, base + "+", base + "-or-later"})
                if (find_license(other) && other != r.id &&
                    std::find(r.equivalents.begin(), r.equivalents.end(), other) ==
                        r.equivalents.end())
                    r.equivalents.push_back(other);
        }
    }
    // Key words: version numbers, and the family words where they name the license ("Lesser
    // General Public License"), not where they name the work ("This library is free software").
    // "v2" and "GPLv2" are one word each: without them as keys, "the GNU GPL version 3 or later"
    // matched "the GNU GPL v2 or later" with one word missing.
    std::vector<std::uint32_t> versions;
    for (std::string_view w : {"0", "1", "2", "3", "4", "5", "v1", "v2", "v3", "gplv2", "gplv3",
                               "lgplv2", "lgplv3", "agplv3"})
        versions.push_back(word_hash(w));
    for (Rule& r : index.m_rules)
        if (r.kind == Rule::Kind::notice) {
            for (std::uint32_t p = 0; p < r.words.size(); ++p)
                if (std::find(versions.begin(), versions.end(), r.words[p]) != versions.end() ||
                    names_gnu_family(r.words, p))
                    r.key_positions.push_back(p);
            add_name_words(r);
        }
    for (std::uint32_t ri = 0; ri < index.m_rules.size(); ++ri) {
        const auto& w = index.m_rules[ri].words;
        bool all = w.size() < k_short_rule;
        for (std::size_t p = 0; p + k_gram <= w.size(); ++p) {
            std::uint64_t h = gram_hash(&w[p]);
            if (all || sampled(h))
                index.m_postings.push_back({h, ri, static_cast<std::uint32_t>(p)});
        }
    }
    std::sort(index.m_postings.begin(), index.m_postings.end(),
              [](const Posting& a, const Posting& b) {
                  return a.hash != b.hash
                             ? a.hash < b.hash
                             : (a.rule != b.rule ? a.rule < b.rule : a.position < b.position);
              });
    index.m_bucket.assign((1u << 16) + 1, 0);
    std::size_t i = 0;
    for (std::size_t b = 0; b <= (1u << 16); ++b) {
        while (i < index.m_postings.size() && (index.m_postings[i].hash >> 48) < b)
            ++i;
        index.m_bucket[b] = static_cast<std::uint32_t>(i);
    }
    index.fill_filter();
    return index;
}

LicenseIndex LicenseIndex::build_default() {
    std::vector<Source> sources;
    for (const LicenseInfo& l : spdx_licenses()) {
        // The deprecated "GPL-2.0-with-classpath-exception" ids hold the exception's text
        // (after an "insert GPL v2 license text here" line): the exception's rule.
        if (std::string_view exception = exception_of_deprecated(l.id); !exception.empty()) {
            std::string_view text = l.text;
            if (text.starts_with("insert "))
                text.remove_prefix(std::min(text.size(), text.find('\n')));
            sources.push_back(
                {Rule::Kind::exception, std::string(exception), text, {std::string(l.id)}});
            continue;
        }
        // "GPL-2.0" and "GPL-2.0+" are the deprecated spellings of the -only and -or-later
        // ids; their rule's equivalents name them, their own copies would compete.
        std::string_view base = l.id;
        if (base.ends_with('+')) base.remove_suffix(1);
        if (l.deprecated && find_license(std::string(base) + "-only")) continue;
        sources.push_back({Rule::Kind::text, std::string(l.id), l.text, {}, l.match_text});
        // A list read at run time brings each license's standard header: a notice.
        if (!l.header.empty() && !l.deprecated)
            sources.push_back({Rule::Kind::notice, std::string(l.id), l.header, {}, l.header});
    }
    // Exception texts of a list read at run time; a deprecated id's text is usually a current
    // one's too, and then only adds itself to that rule's equivalents.
    for (const LicenseInfo& e : spdx_exceptions())
        sources.push_back({Rule::Kind::exception, std::string(e.id), e.text, {}, e.match_text});
    for (const NoticeText& n : standard_notices())
        sources.push_back({n.exception   ? Rule::Kind::exception
                           : n.full_text ? Rule::Kind::text
                                         : Rule::Kind::notice,
                           n.id, n.text});
    return build(sources);
}

namespace {

constexpr std::string_view k_magic = "kaiyuan license index 3\n";

class Writer {
public:
    explicit Writer(std::string& out) : m_out(out) {}
    void u32(std::uint32_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        m_out.append(s);
    }
    template <class T> void array(const std::vector<T>& v) {
        u32(static_cast<std::uint32_t>(v.size()));
        if (v.empty()) return;
        m_out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }

private:
    std::string& m_out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool u32(std::uint32_t& v) { return take(&v, sizeof v); }
    bool str(std::string& s) {
        std::uint32_t n = 0;
        if (!u32(n) || n > m_in.size()) return false;
        s.assign(m_in.substr(0, n));
        m_in.remove_prefix(n);
        return true;
    }
    template <class T> bool array(std::vector<T>& v) {
        std::uint32_t n = 0;
        if (!u32(n) || std::uint64_t{n} * sizeof(T) > m_in.size()) return false;
        v.resize(n);
        return take(v.data(), n * sizeof(T));
    }
    bool done() const { return m_in.empty(); }

private:
    bool take(void* out, std::size_t n) {
        if (n == 0) return true; // an empty vector's data() may be null: no memcpy
        if (n > m_in.size()) return false;
        std::memcpy(out, m_in.data(), n);
        m_in.remove_prefix(n);
        return true;
    }
    std::string_view m_in;
};

} // namespace

std::string LicenseIndex::serialize() const {
    std::string out(k_magic);
    Writer w(out);
    w.u32(static_cast<std::uint32_t>(m_rules.size()));
    for (const Rule& r : m_rules) {
        w.u32(static_cast<std::uint32_t>(r.kind));
        w.str(r.id);
        w.u32(static_cast<std::uint32_t>(r.equivalents.size()));
        for (const auto& e : r.equivalents)
            w.str(e);
        w.array(r.words);
        w.array(r.key_positions);
        w.array(r.name_words);
        w.u32(r.optional_words);
    }
    w.array(m_postings);
    w.array(m_bucket);
    return out;
}

Result<LicenseIndex> LicenseIndex::deserialize(std::string_view bytes) {
    auto bad = [] { return fail("license index: not an index of this kaiyuan build"); };
    if (!bytes.starts_with(k_magic)) return bad();
    Reader r(bytes.substr(k_magic.size()));
    LicenseIndex index;
    std::uint32_t rules = 0;
    if (!r.u32(rules)) return bad();
    for (std::uint32_t i = 0; i < rules; ++i) {
        Rule rule;
        std::uint32_t kind = 0, equivalents = 0;
        if (!r.u32(kind) || kind > 2 || !r.str(rule.id) || !r.u32(equivalents)) return bad();
        rule.kind = static_cast<Rule::Kind>(kind);
        rule.equivalents.resize(equivalents);
        for (auto& e : rule.equivalents)
            if (!r.str(e)) return bad();
        if (!r.array(rule.words) || !r.array(rule.key_positions) || !r.array(rule.name_words) ||
            !r.u32(rule.optional_words) || rule.optional_words > rule.words.size())
            return bad();
        index.m_rules.push_back(std::move(rule));
    }
    if (!r.array(index.m_postings) || !r.array(index.m_bucket) || !r.done() ||
        index.m_bucket.size() != (1u << 16) + 1 || index.m_bucket.back() != index.m_postings.size())
        return bad();
    for (const Posting& p : index.m_postings)
        if (p.rule >= index.m_rules.size() ||
            p.position + k_gram > index.m_rules[p.rule].words.size())
            return bad();
    index.fill_filter();
    return index;
}

} // namespace kaiyuan::license
