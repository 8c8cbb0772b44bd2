#pragma once
/// Reading lower-case prose word by word, for the parsers of license names ("the GNU GPL,
/// version 2 or later", "Apache License, Version 2.0", "BSD-3-Clause").
#include <string_view>

namespace kaiyuan::license {

/// A word is a run of letters, digits, '.' and '+'; other characters (spaces, commas, quotes,
/// hyphens, parentheses) only separate words, so "bsd-3-clause" reads as "bsd" "3" "clause" and
/// "Apache-2.0" as "apache" "2.0". A line break ends the words.
class ProseWords {
public:
    explicit ProseWords(std::string_view lower) : m_text(lower) {}
    std::string_view peek() const {
        std::string_view w = raw();
        while (w.size() > 1 && w.back() == '.') // a sentence's full stop, not "2.1"
            w.remove_suffix(1);
        return w;
    }
    /// Past the next word and the full stops after it ("v. 2.0.").
    void next() { m_pos = skip(m_pos) + raw().size(); }
    bool take(std::string_view word) {
        if (peek() != word) return false;
        next();
        return true;
    }
    /// Takes `words` (space-separated) if all come next.
    bool take_all(std::string_view words) {
        ProseWords copy = *this;
        while (!words.empty()) {
            auto sp = words.find(' ');
            if (!copy.take(words.substr(0, sp))) return false;
            words = sp == std::string_view::npos ? std::string_view() : words.substr(sp + 1);
        }
        *this = copy;
        return true;
    }
    /// The offset just after the last word taken.
    std::size_t position() const { return m_pos; }
    /// The offset of the next word.
    std::size_t next_position() const { return skip(m_pos); }

private:
    std::string_view raw() const {
        std::size_t from = skip(m_pos);
        std::size_t to = from;
        while (to < m_text.size() && word_char(m_text[to]))
            ++to;
        return m_text.substr(from, to - from);
    }
    static bool word_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+';
    }
    std::size_t skip(std::size_t at) const {
        while (at < m_text.size() && !word_char(m_text[at]) && m_text[at] != '\n')
            ++at;
        return at;
    }
    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace kaiyuan::license
