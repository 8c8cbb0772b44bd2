#pragma once
/// Line-by-line reading shared by the finders of short license statements (tags, references).
#include "kaiyuan/util/strings.hpp"

#include <cstdint>
#include <string_view>

namespace kaiyuan::license {

/// Calls on_line(line, number) for each line of `text`, numbered from 1.
template <class OnLine> void for_each_line(std::string_view text, OnLine&& on_line) {
    std::uint32_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        on_line(text.substr(pos, eol - pos), ++number);
        pos = eol + 1;
    }
}

/// Case-insensitive search for a lower-case `needle`.
inline std::size_t find_icase(std::string_view hay, std::string_view needle, std::size_t from = 0) {
    if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (util::to_lower(hay[i]) == needle[0] && util::starts_with_icase(hay.substr(i), needle))
            return i;
    return std::string_view::npos;
}

/// A line without the comment markers and indentation before its text: symbols ("#", "//",
/// " * ", ";;", "%", "--"), m4's "dnl " and the "?RCS: " of metaconfig units (perl's
/// regen/*.pl and Configure), which would otherwise sit inside a sentence wrapped over lines.
inline std::string_view without_comment_markers(std::string_view line) {
    auto symbols = [&] {
        while (!line.empty() &&
               std::string_view(" \t*#/;%!-").find(line.front()) != std::string_view::npos)
            line.remove_prefix(1);
    };
    symbols();
    if (line.starts_with("dnl ") || line.starts_with("dnl\t")) {
        line.remove_prefix(4);
        symbols();
    } else if (line.size() > 3 && line.front() == '?') {
        std::size_t i = 1;
        while (i < line.size() && i < 8 && line[i] >= 'A' && line[i] <= 'Z')
            ++i;
        if (i > 1 && i < line.size() && line[i] == ':') {
            line.remove_prefix(i + 1);
            symbols();
        }
    }
    return line;
}

} // namespace kaiyuan::license
