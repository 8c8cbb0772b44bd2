#include "kaiyuan/license/tokenizer.hpp"

#include "kaiyuan/util/strings.hpp"

#include <array>

namespace kaiyuan::license {

namespace {

bool ascii_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Length of the UTF-8 sequence that starts with `c` (1 for stray continuation bytes).
std::size_t utf8_length(unsigned char c) {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

// Varietal spellings the SPDX guidelines treat as the same word (British and American forms,
// and the spellings license texts actually use).
struct Equivalent {
    std::string_view from, to;
};
constexpr std::array k_equivalents{
    Equivalent{"licence", "license"},
    Equivalent{"licences", "licenses"},
    Equivalent{"licenced", "licensed"},
    Equivalent{"licencing", "licensing"},
    Equivalent{"acknowledgment", "acknowledgement"},
    Equivalent{"acknowledgments", "acknowledgements"},
    Equivalent{"analogue", "analog"},
    Equivalent{"authorisation", "authorization"},
    Equivalent{"authorised", "authorized"},
    Equivalent{"behaviour", "behavior"},
    Equivalent{"centre", "center"},
    Equivalent{"favour", "favor"},
    Equivalent{"favourable", "favorable"},
    Equivalent{"honour", "honor"},
    Equivalent{"organisation", "organization"},
    Equivalent{"organisations", "organizations"},
    Equivalent{"recognised", "recognized"},
    Equivalent{"sublicence", "sublicense"},
    Equivalent{"whilst", "while"},
    Equivalent{"utilisation", "utilization"},
    Equivalent{"utilise", "utilize"},
};

constexpr std::uint32_t fold(std::uint64_t h) {
    auto v = static_cast<std::uint32_t>(h ^ (h >> 32));
    return v ? v : 1;
}

constexpr std::uint64_t k_fnv_offset = 14695981039346656037ull;
constexpr std::uint64_t k_fnv_prime = 1099511628211ull;

constexpr std::uint64_t fnv(std::string_view s) {
    std::uint64_t h = k_fnv_offset;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= k_fnv_prime;
    }
    return h;
}

struct Alias {
    std::uint32_t from, to;
};
constexpr auto k_aliases = [] {
    std::array<Alias, k_equivalents.size()> out{};
    for (std::size_t i = 0; i < k_equivalents.size(); ++i)
        out[i] = {fold(fnv(k_equivalents[i].from)), fold(fnv(k_equivalents[i].to))};
    return out;
}();

// One bit per alias (by the hash's low 6 bits): most words are ruled out by one test.
constexpr std::uint64_t k_alias_bits = [] {
    std::uint64_t bits = 0;
    for (const Alias& a : k_aliases)
        bits |= std::uint64_t{1} << (a.from & 63);
    return bits;
}();

std::uint32_t canonical(std::uint32_t h) {
    if (!(k_alias_bits & (std::uint64_t{1} << (h & 63)))) return h;
    for (const Alias& a : k_aliases)
        if (a.from == h) return a.to;
    return h;
}

bool typographic(std::string_view ch) {
    // Quotes, dashes, bullets, copyright sign, no-break space and CJK punctuation: not words.
    static constexpr std::string_view k_marks[] = {"\u201c", "\u201d", "\u2018", "\u2019", "\u2013",
                                                   "\u2014", "\u2022", "\u00a9", "\u00a0", "\u3001",
                                                   "\u3002", "\uff0c", "\uff1a", "\uff1b", "\uff08",
                                                   "\uff09", "\u201e", "\u00ab", "\u00bb"};
    for (std::string_view m : k_marks)
        if (ch == m) return true;
    return false;
}

template <class OnWord> void words_of_line(std::string_view line, OnWord&& on_word) {
    std::size_t i = 0;
    while (i < line.size()) {
        auto c = static_cast<unsigned char>(line[i]);
        if (ascii_word(c)) {
            std::size_t start = i;
            std::uint64_t h = k_fnv_offset;
            bool digits = true, roman = true;
            while (i < line.size() && ascii_word(static_cast<unsigned char>(line[i]))) {
                char lc = util::to_lower(line[i++]);
                h = (h ^ static_cast<unsigned char>(lc)) * k_fnv_prime;
                digits = digits && lc >= '0' && lc <= '9';
                roman = roman && (lc == 'i' || lc == 'v' || lc == 'x');
            }
            std::size_t n = i - start;
            // List and section numbering ("1.", "(b)", "iii)", "1.1.") is not text. Dropped
            // wherever it stands, not only at a line's start, so that text re-wrapped around
            // it still matches.
            bool marker = n == 1 || (n <= 4 && (digits || roman));
            // A version's number is no marker: "version 2.1" is not "version 1" (which made
            // the AFL's "version 1.1" and "version 2.1" headers, and "version 2.0" and "3.0",
            // the same words).
            bool version = digits && i + 1 < line.size() && line[i] == '.' && line[i + 1] >= '0' &&
                           line[i + 1] <= '9';
            if (marker && !version && i < line.size() && (line[i] == '.' || line[i] == ')') &&
                (n > 1 || start == 0 || line[start - 1] == '(' || line[start - 1] == ' '))
                continue;
            on_word(canonical(fold(h)));
        } else if (c >= 0x80) {
            // Non-ASCII letters (the Chinese of the Mulan licenses) are words of one character.
            std::size_t n = std::min(utf8_length(c), line.size() - i);
            std::string_view ch = line.substr(i, n);
            i += n;
            if (!typographic(ch)) on_word(fold(fnv(ch)));
        } else {
            ++i;
        }
    }
}

bool has_year(std::string_view s) {
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
        bool four = true;
        for (std::size_t k = 0; k < 4; ++k)
            four = four && s[i + k] >= '0' && s[i + k] <= '9';
        if (four && (s[i] == '1' || s[i] == '2') &&
            (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9')))
            return true;
    }
    return false;
}

template <class OnWord> void tokenize_lines(std::string_view text, OnWord&& on_word) {
    std::uint32_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        ++line_no;
        if (!is_copyright_line(line))
            words_of_line(line, [&](std::uint32_t w) { on_word(w, line_no); });
        if (eol == text.size()) break;
        pos = eol + 1;
    }
}

} // namespace

bool is_copyright_line(std::string_view line) {
    // Skip comment markers and spaces: "#", "//", " * ", "--", ";".
    std::size_t i = 0;
    while (i < line.size() && !ascii_word(static_cast<unsigned char>(line[i])) &&
           static_cast<unsigned char>(line[i]) < 0x80 && line[i] != '(')
        ++i;
    std::string_view rest = line.substr(i);
    if (rest.starts_with("\u00a9")) return true;
    if (util::starts_with_icase(rest, "(c)")) return has_year(rest);
    bool keyword = util::starts_with_icase(rest, "copr.") ||
                   (util::starts_with_icase(rest, "copyright") &&
                    (rest.size() == 9 || !(ascii_word(static_cast<unsigned char>(rest[9])) ||
                                           static_cast<unsigned char>(rest[9]) >= 0x80)));
    if (keyword) {
        std::string_view after = rest.substr(rest.find_first_of(" .:", 0) == std::string_view::npos
                                                 ? rest.size()
                                                 : rest.find_first_of(" .:", 0));
        return has_year(after) || after.find("\u00a9") != std::string_view::npos ||
               util::starts_with_icase(util::trim(after), "(c)") ||
               after.find("<year>") != std::string_view::npos;
    }
    return false;
}

std::uint32_t word_hash(std::string_view word) {
    return canonical(fold(fnv(word)));
}

void tokenize(std::string_view text, Tokens& out) {
    tokenize_lines(text, [&](std::uint32_t w, std::uint32_t line) {
        out.words.push_back(w);
        out.lines.push_back(line);
    });
}

} // namespace kaiyuan::license
