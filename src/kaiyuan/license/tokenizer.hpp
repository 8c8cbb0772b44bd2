#pragma once
/// License text normalisation and tokenisation, after the SPDX License List Matching Guidelines
/// (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/): case,
/// whitespace, punctuation, quotes, comment markers, bullets and list numbering, copyright lines
/// and varietal spellings ("licence") do not matter. What is left is a sequence of words, each
/// with the line it came from.
///
/// A word is kept as a 32-bit hash of its normalised spelling, not looked up in a dictionary:
/// tokenising needs no shared table (the index builds on all cores, files are read without a
/// lookup per word), and two license words that collide would only count as one word.
#include <cstdint>
#include <string_view>
#include <vector>

namespace kaiyuan::license {

struct Tokens {
    std::vector<std::uint32_t> words; ///< word hashes
    std::vector<std::uint32_t> lines; ///< 1-based line of each word
    std::size_t size() const { return words.size(); }
};

/// The hash a word gets; `word` in lower case ("licence" and "license" hash alike).
std::uint32_t word_hash(std::string_view word);

/// Tokenises `text`, appending to `out`. Lines that are copyright statements are left out.
void tokenize(std::string_view text, Tokens& out);

/// Whether a line (without its comment markers) states a copyright: "Copyright (c) 2020 A",
/// "© 2020 A", "Copyright 2001-2004 A"; not "copyright notice and this permission notice".
bool is_copyright_line(std::string_view line);

} // namespace kaiyuan::license
