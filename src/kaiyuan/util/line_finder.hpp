#pragma once
/// Line numbers for JSON readers whose parser does not keep them: keys appear in file order, so
/// one forward search per key finds each in linear time overall.
#include <cstdint>
#include <string>
#include <string_view>

namespace kaiyuan::util {

class LineFinder {
public:
    explicit LineFinder(std::string_view text) : m_text(text) {}

    /// The 1-based line of the next occurrence of `needle` at or after the previous find; 0 when
    /// absent (the position does not move then).
    std::uint32_t find(std::string_view needle) {
        auto at = m_text.find(needle, m_pos);
        if (at == std::string_view::npos) return 0;
        for (; m_pos < at; ++m_pos)
            if (m_text[m_pos] == '\n') ++m_line;
        return m_line;
    }
    /// The line of the next JSON object key `"key"`.
    std::uint32_t find_key(std::string_view key) { return find("\"" + std::string(key) + "\""); }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::uint32_t m_line = 1;
};

} // namespace kaiyuan::util
