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

std::string_view canonical(std::string_view word) {
    for (const Equivalent& e : k_equivalents)
        if (word == e.from) return e.to;
    return word;
}

// Roman numerals and single letters used as list markers: "(a)", "iv.", "2)".
bool is_list_marker(std::string_view w) {
    if (w.empty() || w.size() > 4) return false;
    if (w.size() == 1) return true;
    bool digits = true, roman = true;
    for (char c : w) {
        digits = digits && c >= '0' && c <= '9';
        roman = roman && (c == 'i' || c == 'v' || c == 'x');
    }
    return digits || roman;
}

template <class OnWord> void words_of_line(std::string_view line, OnWord&& on_word) {
    std::string word;
    std::size_t i = 0;
    while (i < line.size()) {
        auto c = static_cast<unsigned char>(line[i]);
        if (ascii_word(c)) {
            std::size_t start = i;
            word.clear();
            while (i < line.size() && ascii_word(static_cast<unsigned char>(line[i])))
                word.push_back(util::to_lower(line[i++]));
            // List and section numbering ("1.", "(b)", "iii)", "1.1.") is not text. Dropped
            // wherever it stands, not only at a line's start, so that text re-wrapped around
            // it still matches.
            if (is_list_marker(word) && i < line.size() && (line[i] == '.' || line[i] == ')') &&
                (word.size() > 1 || start == 0 || line[start - 1] == '(' ||
                 line[start - 1] == ' ')) {
                continue;
            }
            on_word(canonical(word));
        } else if (c >= 0x80) {
            // Non-ASCII letters (the Chinese of the Mulan licenses) are words of one character.
            std::size_t n = std::min(utf8_length(c), line.size() - i);
            std::string_view ch = line.substr(i, n);
            i += n;
            // Typographic punctuation is not a word: quotes, dashes, bullets, ©, full stops.
            if (ch == "\u201c" || ch == "\u201d" || ch == "\u2018" || ch == "\u2019" ||
                ch == "\u2013" || ch == "\u2014" || ch == "\u2022" || ch == "\u00a9" ||
                ch == "\u00a0" || ch == "\u3001" || ch == "\u3002" || ch == "\uff0c" ||
                ch == "\uff1a" || ch == "\uff1b" || ch == "\uff08" || ch == "\uff09" ||
                ch == "\u201e" || ch == "\u00ab" || ch == "\u00bb")
                continue;
            on_word(ch);
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
            words_of_line(line, [&](std::string_view w) { on_word(w, line_no); });
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

std::uint32_t Dictionary::add(std::string_view word) {
    auto [it, inserted] =
        m_ids.try_emplace(std::string(word), static_cast<std::uint32_t>(m_ids.size() + 1));
    return it->second;
}

std::uint32_t Dictionary::find(std::string_view word) const {
    auto it = m_ids.find(word);
    return it == m_ids.end() ? 0 : it->second;
}

void tokenize(std::string_view text, Dictionary& dict, bool learn, Tokens& out) {
    tokenize_lines(text, [&](std::string_view w, std::uint32_t line) {
        out.words.push_back(learn ? dict.add(w) : dict.find(w));
        out.lines.push_back(line);
    });
}

void tokenize(std::string_view text, const Dictionary& dict, Tokens& out) {
    tokenize_lines(text, [&](std::string_view w, std::uint32_t line) {
        out.words.push_back(dict.find(w));
        out.lines.push_back(line);
    });
}

} // namespace kaiyuan::license
