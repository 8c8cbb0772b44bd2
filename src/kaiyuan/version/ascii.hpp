#pragma once
#include <string_view>

/// ASCII character classes and digit-string arithmetic for the comparators: versioning schemes
/// define digits and letters as ASCII, whatever the process locale (the CLI runs in C.UTF-8), so
/// <cctype> is not used.
namespace kaiyuan::version::ascii {

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_alnum(char c) {
    return is_digit(c) || is_alpha(c);
}

/// -1, 0 or 1 from a three-way result.
inline int sign(int c) {
    return (c > 0) - (c < 0);
}

/// A run of digits without its leading zeros ("" for zero), so numbers of any size compare as
/// text through compare_digits.
inline std::string_view strip_zeros(std::string_view digits) {
    while (!digits.empty() && digits.front() == '0')
        digits.remove_prefix(1);
    return digits;
}

/// Numeric order of two digit runs that have no leading zeros.
inline int compare_digits(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return sign(a.compare(b));
}

} // namespace kaiyuan::version::ascii
