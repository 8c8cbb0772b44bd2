// RubyGems' version order (Gem::Version in rubygems 3.3, lib/rubygems/version.rb): a version is
// digits with dot-separated alphanumeric parts and an optional "-pre" suffix ("-" reads as
// ".pre."); it splits into runs of digits and runs of letters; trailing zeros of the numeric part
// and of the pre-release part are dropped; a letter run (a pre-release) sorts before any number.
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <string>
#include <vector>

namespace kaiyuan::version {

namespace {

using namespace ascii;

struct Segment {
    bool numeric = false;
    std::string text; // numbers without leading zeros ("" is zero)
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Gem::Version::ANCHORED_VERSION_PATTERN:
/// \A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z
bool well_formed(std::string_view s) {
    std::size_t i = 0;
    if (s.empty()) return true;
    if (!is_digit(s[0])) return false;
    while (i < s.size() && is_digit(s[i]))
        ++i;
    while (i + 1 < s.size() && s[i] == '.' && is_alnum(s[i + 1])) {
        ++i;
        while (i < s.size() && is_alnum(s[i]))
            ++i;
    }
    if (i < s.size() && s[i] == '-') {
        auto part = [&] {
            std::size_t start = i;
            while (i < s.size() && (is_alnum(s[i]) || s[i] == '-'))
                ++i;
            return i > start;
        };
        ++i;
        if (!part()) return false;
        while (i < s.size() && s[i] == '.') {
            ++i;
            if (!part()) return false;
        }
    }
    return i == s.size();
}

Result<std::vector<Segment>> canonical_segments(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    if (!well_formed(s)) return fail("'" + std::string(text) + "' is not a RubyGems version");
    // "-" stands for ".pre."; the only letters it adds are "pre", a run of its own.
    std::vector<Segment> segs;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '-') {
            segs.push_back({false, "pre"});
            ++i;
        } else if (is_digit(s[i])) {
            std::size_t start = i;
            while (i < s.size() && is_digit(s[i]))
                ++i;
            segs.push_back({true, std::string(strip_zeros(s.substr(start, i - start)))});
        } else if (is_alpha(s[i])) {
            std::size_t start = i;
            while (i < s.size() && is_alpha(s[i]))
                ++i;
            segs.push_back({false, std::string(s.substr(start, i - start))});
        } else {
            ++i;
        }
    }
    if (segs.empty()) segs.push_back({true, ""}); // "" is "0"
    // _split_segments: the numeric part up to the first letters, then the rest; each loses its
    // trailing zeros.
    std::size_t first_string = 0;
    while (first_string < segs.size() && segs[first_string].numeric)
        ++first_string;
    std::vector<Segment> out;
    auto append_trimmed = [&](std::size_t from, std::size_t to) {
        while (to > from && segs[to - 1].numeric && segs[to - 1].text.empty())
            --to;
        out.insert(out.end(), segs.begin() + static_cast<std::ptrdiff_t>(from),
                   segs.begin() + static_cast<std::ptrdiff_t>(to));
    };
    append_trimmed(0, first_string);
    append_trimmed(first_string, segs.size());
    return out;
}

} // namespace

Result<int> compare_rubygems(std::string_view a, std::string_view b) {
    auto x = canonical_segments(a);
    if (!x) return unexpected(x.error());
    auto y = canonical_segments(b);
    if (!y) return unexpected(y.error());
    static const Segment zero{true, ""};
    for (std::size_t i = 0; i < x->size() || i < y->size(); ++i) {
        const Segment& l = i < x->size() ? (*x)[i] : zero;
        const Segment& r = i < y->size() ? (*y)[i] : zero;
        if (l.numeric != r.numeric) return l.numeric ? 1 : -1;
        if (int c = l.numeric ? compare_digits(l.text, r.text) : sign(l.text.compare(r.text)))
            return c;
    }
    return 0;
}

} // namespace kaiyuan::version
