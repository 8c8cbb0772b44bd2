#pragma once
/// Tables for people on a terminal: columns as wide as their widest cell, shrunk to fit the
/// width when they do not (widest first, never below a floor), cells cut with an ellipsis.
/// Other formats carry the full values.
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::util {

struct TextTable {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows; ///< each as many cells as headers
};

/// The table in `width` columns (display columns: UTF-8 characters count one each), two spaces
/// between columns, the last column not padded. Rows keep their order.
std::string render(const TextTable& table, std::size_t width);

/// The width to render for: the terminal's when standard output is one, else $COLUMNS, else 120.
std::size_t terminal_width();

/// A Markdown table cell (GitHub Flavored Markdown): pipes escaped, line breaks as spaces, "–"
/// for an empty cell, so that no value can break its row.
std::string markdown_cell(std::string_view s);

/// The table in Markdown (a header row, a delimiter row, the rows), every cell markdown_cell'd.
std::string render_markdown(const TextTable& table);

/// Display columns of `s`: its UTF-8 characters (continuation bytes do not count).
std::size_t display_width(std::string_view s);

} // namespace kaiyuan::util
