#include "kaiyuan/util/text_table.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <sys/ioctl.h>
#include <unistd.h>

namespace kaiyuan::util {

namespace {

constexpr std::size_t k_gap = 2;
constexpr std::size_t k_floor = 6; ///< no column is shrunk below this (or its header)
constexpr std::string_view k_ellipsis = "\u2026";

bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// `s` cut to `width` display columns, its last one an ellipsis when something was cut.
std::string fit(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) return std::string(s);
    if (width == 0) return {};
    std::size_t columns = 0, i = 0;
    while (i < s.size() && columns + 1 < width) {
        ++i;
        while (i < s.size() && continuation(s[i]))
            ++i;
        ++columns;
    }
    return std::string(s.substr(0, i)) + std::string(k_ellipsis);
}

} // namespace

std::size_t display_width(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return !continuation(c); }));
}

std::size_t terminal_width() {
    winsize ws{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        char* end = nullptr;
        long n = std::strtol(columns, &end, 10);
        if (end != columns && n >= 20 && n <= 10000) return static_cast<std::size_t>(n);
    }
    return 120;
}

std::string render(const TextTable& table, std::size_t width) {
    const std::size_t n = table.headers.size();
    if (n == 0) return {};
    std::vector<std::size_t> natural(n), floor(n);
    for (std::size_t i = 0; i < n; ++i) {
        natural[i] = display_width(table.headers[i]);
        floor[i] = std::max(natural[i], k_floor);
    }
    for (const auto& row : table.rows)
        for (std::size_t i = 0; i < n && i < row.size(); ++i)
            natural[i] = std::max(natural[i], display_width(row[i]));
    for (std::size_t i = 0; i < n; ++i)
        floor[i] = std::min(floor[i], natural[i]);
    std::vector<std::size_t> col = natural;
    auto total = [&] { return std::accumulate(col.begin(), col.end(), k_gap * (n - 1)); };
    // Shrink the widest column that can still give, one column at a time, until it fits.
    while (total() > width) {
        std::size_t widest = n;
        for (std::size_t i = 0; i < n; ++i)
            if (col[i] > floor[i] && (widest == n || col[i] > col[widest])) widest = i;
        if (widest == n) break; // every column at its floor: the line stays too long
        std::size_t second = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (i != widest) second = std::max(second, col[i]);
        std::size_t over = total() - width;
        std::size_t step =
            std::max<std::size_t>(1, std::min(over, col[widest] - std::max(second, floor[widest])));
        col[widest] -= std::min(step, col[widest] - floor[widest]);
    }
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string l;
        for (std::size_t i = 0; i < n; ++i) {
            std::string cell = fit(i < cells.size() ? cells[i] : "", col[i]);
            l += cell;
            if (i + 1 < n) l.append(col[i] - display_width(cell) + k_gap, ' ');
        }
        while (!l.empty() && l.back() == ' ')
            l.pop_back();
        out += l;
        out += '\n';
    };
    line(table.headers);
    for (const auto& row : table.rows)
        line(row);
    return out;
}

std::string markdown_cell(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|')
            out += "\\|";
        else if (ch == '\n' || ch == '\r')
            out += ' ';
        else
            out += ch;
    }
    return out.empty() ? "–" : out;
}

std::string render_markdown(const TextTable& table) {
    auto row = [](const std::vector<std::string>& cells) {
        std::string line = "|";
        for (const auto& c : cells)
            line += " " + markdown_cell(c) + " |";
        return line + "\n";
    };
    std::string out = row(table.headers) + "|";
    for (std::size_t i = 0; i < table.headers.size(); ++i)
        out += " --- |";
    out += "\n";
    for (const auto& r : table.rows)
        out += row(r);
    return out;
}

} // namespace kaiyuan::util
