#include "kaiyuan/license/gnu_names.hpp"

#include <array>
#include <utility>

namespace kaiyuan::license {

namespace {

/// Reads the text word by word, where a word is a run of letters, digits, '.' and '+'; other
/// characters (spaces, commas, quotes, parentheses) only separate words.
class Words {
public:
    explicit Words(std::string_view text) : m_text(text) {}
    std::string_view peek() const {
        std::size_t from = skip(m_pos);
        std::size_t to = from;
        while (to < m_text.size() && word_char(m_text[to]))
            ++to;
        std::string_view w = m_text.substr(from, to - from);
        while (w.size() > 1 && w.back() == '.') // a sentence's full stop, not "2.1"
            w.remove_suffix(1);
        return w;
    }
    void next() { m_pos = skip(m_pos) + peek().size(); }
    bool take(std::string_view word) {
        if (peek() != word) return false;
        next();
        return true;
    }
    /// Takes `words` (space-separated) if all come next.
    bool take_all(std::string_view words) {
        Words copy = *this;
        while (!words.empty()) {
            auto sp = words.find(' ');
            if (!copy.take(words.substr(0, sp))) return false;
            words = sp == std::string_view::npos ? std::string_view() : words.substr(sp + 1);
        }
        *this = copy;
        return true;
    }
    std::size_t position() const { return m_pos; }

private:
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

struct Family {
    std::string_view prefix; ///< SPDX id prefix
    std::string_view long_name, short_name;
};

constexpr std::array k_families{
    Family{"LGPL", "lesser general public license", "lgpl"},
    Family{"LGPL", "library general public license", "lgpl"},
    Family{"AGPL", "affero general public license", "agpl"},
    Family{"GPL", "general public license", "gpl"},
};

/// "2" -> "2.0", "2.1" -> "2.1"; "" when not a version of `prefix`'s license.
std::string_view spdx_version(std::string_view prefix, std::string_view v) {
    if (v.ends_with(".0")) v.remove_suffix(2);
    static constexpr std::pair<std::string_view, std::string_view> k_versions[] = {
        {"1", "1.0"}, {"2", "2.0"}, {"2.1", "2.1"}, {"3", "3.0"}};
    for (auto [given, spdx] : k_versions)
        if (v == given) {
            if (prefix == "GPL" && spdx == "2.1") return {};
            if (prefix == "LGPL" && spdx == "1.0") return {};
            if (prefix == "AGPL" && spdx != "3.0") return {};
            return spdx;
        }
    return {};
}

} // namespace

std::string gnu_license_name(std::string_view text, std::size_t& consumed) {
    Words w(text);
    w.take("the");
    w.take("gnu");
    const Family* family = nullptr;
    std::string_view version;
    bool plus = false;
    for (const Family& f : k_families) {
        if (w.take_all(f.long_name)) {
            w.take(f.short_name); // 'General Public License ("GPL")'
            family = &f;
            break;
        }
        // "gpl", "gplv2", "gpl2", "gpl-2.0" (the '-' separates), "gplv2+".
        std::string_view word = w.peek();
        if (!word.starts_with(f.short_name)) continue;
        std::string_view rest = word.substr(f.short_name.size());
        if (rest.starts_with('v')) rest.remove_prefix(1);
        if (rest.ends_with('+')) {
            plus = true;
            rest.remove_suffix(1);
        }
        if (!rest.empty() && spdx_version(f.prefix, rest).empty()) continue;
        version = rest;
        family = &f;
        w.next();
        break;
    }
    if (!family) return {};
    if (version.empty()) {
        w.take_all("as published by the free software foundation");
        w.take("either");
        if (!w.take("version") && !w.take("ver")) w.take("v");
        std::string_view word = w.peek();
        if (word.starts_with('v')) word.remove_prefix(1);
        if (word.ends_with('+')) {
            plus = true;
            word.remove_suffix(1);
        }
        if (spdx_version(family->prefix, word).empty()) return {};
        version = word;
        w.next();
    }
    std::string_view spdx = spdx_version(family->prefix, version);
    if (spdx.empty()) return {};
    w.take_all("of the license");
    if (!plus)
        plus = w.take_all("or later") || w.take_all("or any later version") ||
               w.take_all("or at your option any later version") || w.take_all("or newer") ||
               w.take_all("or higher");
    consumed = w.position();
    return std::string(family->prefix) + "-" + std::string(spdx) + (plus ? "-or-later" : "-only");
}

} // namespace kaiyuan::license
