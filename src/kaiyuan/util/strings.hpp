#pragma once
/// Small string helpers with no SBOM knowledge.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::util {

std::string_view trim(std::string_view s);
bool starts_with_icase(std::string_view s, std::string_view prefix);
bool equals_icase(std::string_view a, std::string_view b);
/// ASCII case mapping, whatever the process locale (versions, ecosystem names, severities).
inline char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
/// Splits on runs of whitespace; empty pieces are dropped.
std::vector<std::string_view> split_ws(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
void replace_all(std::string& s, std::string_view from, std::string_view to);
/// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);
/// Replaces invalid UTF-8 sequences and control characters (other than \t \n) with U+FFFD, so
/// that any text taken from input can go into JSON or XML output.
std::string sanitize_text(std::string_view s);
/// Lower-case hexadecimal of bytes.
std::string to_hex(std::string_view bytes);
/// Parses an unsigned decimal; false on anything else or overflow.
bool parse_uint(std::string_view s, std::uint64_t& out);

} // namespace kaiyuan::util
