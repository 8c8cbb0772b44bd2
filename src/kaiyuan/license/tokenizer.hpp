#pragma once
/// License text normalisation and tokenisation, after the SPDX License List Matching Guidelines
/// (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/): case,
/// whitespace, punctuation, quotes, comment markers, bullets and list numbering, copyright lines
/// and varietal spellings ("licence") do not matter. What is left is a sequence of words, each
/// with the line it came from.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kaiyuan::license {

/// Word -> id. Ids start at 1; 0 is "a word no license text has" (it still breaks a match).
class Dictionary {
public:
    std::uint32_t add(std::string_view word);
    std::uint32_t find(std::string_view word) const;
    std::size_t size() const { return m_ids.size(); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_ids;
};

struct Tokens {
    std::vector<std::uint32_t> words; ///< word ids
    std::vector<std::uint32_t> lines; ///< 1-based line of each word
    std::size_t size() const { return words.size(); }
};

/// Tokenises `text`. With `learn`, unknown words are added to `dict` (index building);
/// otherwise they become 0. Lines that are copyright statements are left out.
void tokenize(std::string_view text, Dictionary& dict, bool learn, Tokens& out);
void tokenize(std::string_view text, const Dictionary& dict, Tokens& out);

/// Whether a line (without its comment markers) states a copyright: "Copyright (c) 2020 A",
/// "© 2020 A", "Copyright 2001-2004 A"; not "copyright notice and this permission notice".
bool is_copyright_line(std::string_view line);

} // namespace kaiyuan::license
