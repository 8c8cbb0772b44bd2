#pragma once
/// The index the detector matches files against: every license text of the SPDX list and the
/// standard notices cut from those texts, as word sequences, with the positions of their word
/// n-grams. Texts that normalise to the same words (GPL-2.0-only and GPL-2.0-or-later, which
/// share one full text) are one rule with several ids.
#include "kaiyuan/license/tokenizer.hpp"
#include "kaiyuan/util/error.hpp"

#include <span>
#include <string>
#include <vector>

namespace kaiyuan::license {

struct Rule {
    enum class Kind { text, notice, exception };
    Kind kind = Kind::text;
    std::string id;                       ///< the SPDX id reported
    std::vector<std::string> equivalents; ///< other ids whose text is the same words
    std::vector<std::uint32_t> words;
    /// Notices: positions of the words a match must include, because they tell one notice from
    /// its neighbours (the version numbers, "lesser", "affero", "library").
    std::vector<std::uint32_t> key_positions;
    /// Notices: words of the license's name beyond the common ones ("apache", "educational",
    /// "community") that a match must hold somewhere in its lines.
    std::vector<std::uint32_t> name_words;
    /// How many of `words` are in parts the template lets vary or be left out (templates.hpp):
    /// a file without them is not the less this license.
    std::uint32_t optional_words = 0;

    /// The words a file must have: all but the optional ones.
    std::size_t required_words() const { return words.size() - optional_words; }
};

/// Where an n-gram occurs in a rule.
struct Posting {
    std::uint64_t hash;
    std::uint32_t rule, position;
};

/// Whether words[p] names a GNU license family: "lesser", "library" or "affero" followed by
/// "general" ("Lesser General Public License"; not "This library is free software").
bool names_gnu_family(std::span<const std::uint32_t> words, std::size_t p);

/// The exception a deprecated license-plus-exception id stands for ("GPL-2.0-with-classpath-
/// exception" -> "Classpath-exception-2.0"); "" for other ids.
std::string_view exception_of_deprecated(std::string_view id);

class LicenseIndex {
public:
    static constexpr std::size_t k_gram = 6;

    /// The index of the compiled-in license list. The build makes it (license_indexer) and
    /// embeds it, so that it is ready at once; read on first use (thread-safe).
    static const LicenseIndex& get();
    /// Makes `index` what get() returns from now on (a list read at run time). Call before any
    /// detection starts: it is not thread-safe.
    static void install(LicenseIndex index);
    /// The index built from the compiled-in license list and notices, as license_indexer does.
    static LicenseIndex build_default();

    /// A byte image of the index (native byte order: made and read by the same build).
    std::string serialize() const;
    /// Reads serialize()'s image; an error for bytes that are not one.
    static Result<LicenseIndex> deserialize(std::string_view bytes);

    const std::vector<Rule>& rules() const { return m_rules; }
    /// Postings of the n-gram with this hash (see gram_hash).
    std::span<const Posting> lookup(std::uint64_t hash) const;

    /// The hash of words[0..k_gram).
    static std::uint64_t gram_hash(const std::uint32_t* words);

    /// Builds an index of these rules (tests build small ones).
    struct Source {
        Rule::Kind kind;
        std::string id;
        std::string_view text;
        std::vector<std::string> also = {}; ///< more ids this text stands for
        /// The text with its varying parts marked (templates.hpp); "" to derive them from `text`
        /// (licenses) or to have none (notices, exceptions).
        std::string_view match_text = {};
    };
    static LicenseIndex build(const std::vector<Source>& sources);

private:
    std::vector<Rule> m_rules;
    std::vector<Posting> m_postings;     ///< sorted by hash
    std::vector<std::uint32_t> m_bucket; ///< first posting of each top-16-bit hash bucket
    /// One bit per value of a hash's low k_filter_bits bits, set when a posting has it: most of a
    /// file's n-grams (its code) are in no rule, and one bit read turns them away where the
    /// bucket's binary search costs several cache misses.
    static constexpr unsigned k_filter_bits = 23;
    std::vector<std::uint64_t> m_filter;
    void fill_filter();
};

} // namespace kaiyuan::license
