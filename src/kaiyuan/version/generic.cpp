// The fallback order for ecosystems without a comparator of their own (CRAN, Hackage, SwiftURL,
// ConanCenter, Bitnami, ...): a "natural" version order. The text splits into runs of digits and
// runs of letters (other characters separate); digit runs compare as numbers, letter runs
// case-insensitively; a number beats a word at the same place; a word where the other version has
// ended marks a pre-release (1.0rc1 < 1.0) unless it is a post-release word (post, patch, p, pl,
// r, rev: 1.0 < 1.0-post1 < 1.0.1); a leading "v" is dropped. It decides every pair.
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <string>
#include <vector>

namespace kaiyuan::version {

namespace {

using namespace ascii;

struct Run {
    bool numeric;
    std::string text; // numbers without leading zeros; words in lower case
};

std::vector<Run> runs(std::string_view s) {
    std::vector<Run> out;
    if (s.size() > 1 && (s[0] == 'v' || s[0] == 'V') && is_digit(s[1])) s.remove_prefix(1);
    for (std::size_t i = 0; i < s.size();) {
        if (is_digit(s[i])) {
            std::size_t start = i;
            while (i < s.size() && is_digit(s[i]))
                ++i;
            out.push_back({true, std::string(strip_zeros(s.substr(start, i - start)))});
        } else if (is_alpha(s[i])) {
            std::string w;
            while (i < s.size() && is_alpha(s[i])) {
                char c = s[i++];
                w += util::to_lower(c);
            }
            out.push_back({false, w});
        } else {
            ++i;
        }
    }
    return out;
}

bool post_release(const std::string& w) {
    return w == "post" || w == "patch" || w == "p" || w == "pl" || w == "r" || w == "rev";
}

} // namespace

int compare_generic(std::string_view a, std::string_view b) {
    auto x = runs(a), y = runs(b);
    for (std::size_t i = 0; i < x.size() || i < y.size(); ++i) {
        if (i >= x.size() || i >= y.size()) {
            // One has ended: a word after it is a pre-release, a number or post word more.
            const Run& r = i < x.size() ? x[i] : y[i];
            int more = (r.numeric || post_release(r.text)) ? 1 : -1;
            return i < x.size() ? more : -more;
        }
        const Run& l = x[i];
        const Run& r = y[i];
        // A number against a word: the number (a further release component) is more.
        if (l.numeric != r.numeric) return l.numeric ? 1 : -1;
        int c = l.numeric ? compare_digits(l.text, r.text) : sign(l.text.compare(r.text));
        if (c) return c;
    }
    return 0;
}

} // namespace kaiyuan::version
