#pragma once
/// ASCII character classes for the comparators: versioning schemes define digits and letters
/// as ASCII, whatever the process locale (the CLI runs in C.UTF-8), so <cctype> is not used.
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

} // namespace kaiyuan::version::ascii
