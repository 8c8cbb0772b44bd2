// PEP 440 version ordering
// (https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering), with the
// normalisations PyPA's `packaging` accepts (packaging 23, version.py VERSION_PATTERN): a leading
// "v", case-insensitive letters, alternative spellings (alpha, beta, c, pre, preview, rev, r),
// separators '-', '_', '.' before a suffix, implicit zero numbers, "-N" as a post-release.
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <string>
#include <vector>

namespace kaiyuan::version {

namespace {

using namespace ascii;

/// A digit run without its leading zeros, so that numbers of any size compare as text.
struct Number {
    std::string_view digits; // no leading zeros; "" is zero
};

int compare_numbers(Number a, Number b) {
    return compare_digits(a.digits, b.digits);
}

struct LocalPart {
    bool numeric = false;
    std::string text; // lower case; numbers without leading zeros
};

struct Pep440 {
    Number epoch;
    std::vector<Number> release; // trailing zeros removed
    int pre_kind = -1;           // -1 none; 0 a, 1 b, 2 rc
    Number pre;
    bool has_post = false, has_dev = false;
    Number post, dev;
    bool has_local = false;
    std::vector<LocalPart> local;
};

bool is_separator(char c) {
    return c == '-' || c == '_' || c == '.';
}

/// Reads text case-insensitively at s[i]; moves i past it on success.
bool take_word(std::string_view s, std::size_t& i, std::string_view word) {
    if (s.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (util::to_lower(s[i + k]) != word[k]) return false;
    i += word.size();
    return true;
}

Number take_number(std::string_view s, std::size_t& i) {
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i]))
        ++i;
    return Number{strip_zeros(s.substr(start, i - start))};
}

/// [-_.]? word [-_.]? N? at s[i], the shape of the pre-release, post-release and dev parts.
/// Returns the index of the word matched in `words` (or -1, leaving i unchanged).
int take_suffix(std::string_view s, std::size_t& i, std::initializer_list<std::string_view> words,
                Number& number) {
    std::size_t j = i;
    if (j < s.size() && is_separator(s[j])) ++j;
    int which = -1, k = 0;
    // Longest spelling first ("preview" before "pre"); no shorter one could complete the match.
    std::size_t best = 0;
    for (std::string_view w : words) {
        std::size_t t = j;
        if (take_word(s, t, w) && w.size() > best) {
            best = w.size();
            which = k;
        }
        ++k;
    }
    if (which < 0) return -1;
    j += best;
    // The separator after the word is taken even without a number: "1.0a.post1", "1.0a.-1".
    if (j < s.size() && is_separator(s[j])) ++j;
    if (j < s.size() && is_digit(s[j])) number = take_number(s, j);
    i = j;
    return which;
}

Result<Pep440> parse(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
        s.remove_suffix(1);
    auto invalid = [&] { return fail("'" + std::string(text) + "' is not a PEP 440 version"); };
    Pep440 v;
    std::size_t i = 0;
    if (i < s.size() && util::to_lower(s[i]) == 'v') ++i;
    if (i == s.size() || !is_digit(s[i])) return invalid();
    // Epoch "N!" or the first release number.
    std::size_t save = i;
    Number first = take_number(s, i);
    if (i < s.size() && s[i] == '!') {
        v.epoch = first;
        ++i;
        if (i == s.size() || !is_digit(s[i])) return invalid();
    } else {
        i = save;
    }
    v.release.push_back(take_number(s, i));
    while (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
        ++i;
        v.release.push_back(take_number(s, i));
    }
    while (!v.release.empty() && v.release.back().digits.empty())
        v.release.pop_back();

    int kind = take_suffix(s, i, {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"}, v.pre);
    if (kind >= 0) v.pre_kind = kind <= 1 ? 0 : kind <= 3 ? 1 : 2;
    // Post-release: "-N", or [-_.]? (post|rev|r) [-_.]? N?
    if (i + 1 < s.size() && s[i] == '-' && is_digit(s[i + 1])) {
        ++i;
        v.has_post = true;
        v.post = take_number(s, i);
    } else if (take_suffix(s, i, {"post", "rev", "r"}, v.post) >= 0) {
        v.has_post = true;
    }
    if (take_suffix(s, i, {"dev"}, v.dev) >= 0) v.has_dev = true;
    if (i < s.size() && s[i] == '+') {
        ++i;
        v.has_local = true;
        std::size_t start = i;
        for (; i <= s.size(); ++i) {
            if (i < s.size() && (is_alnum(s[i]))) continue;
            if (i < s.size() && !is_separator(s[i])) return invalid();
            std::string_view part = s.substr(start, i - start);
            if (part.empty()) return invalid();
            LocalPart p;
            p.numeric = part.find_first_not_of("0123456789") == std::string_view::npos;
            if (p.numeric) {
                while (part.size() > 1 && part.front() == '0')
                    part.remove_prefix(1);
                p.text = std::string(part);
            } else {
                p.text = util::to_lower(part);
            }
            v.local.push_back(std::move(p));
            start = i + 1;
            if (i == s.size()) break;
        }
    }
    if (i != s.size()) return invalid();
    return v;
}

int compare_release(const std::vector<Number>& a, const std::vector<Number>& b) {
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k)
        if (int c = compare_numbers(a[k], b[k])) return c;
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

/// packaging's _cmpkey: a dev release with neither pre nor post sorts before every pre-release
/// of its release; no pre-release sorts after all of them; no post before any; no dev after any.
int compare_pre(const Pep440& a, const Pep440& b) {
    auto rank = [](const Pep440& v) {
        if (v.pre_kind < 0 && !v.has_post && v.has_dev) return -1;
        if (v.pre_kind < 0) return 3;
        return v.pre_kind;
    };
    int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    if (a.pre_kind >= 0) return compare_numbers(a.pre, b.pre);
    return 0;
}

int compare_local(const Pep440& a, const Pep440& b) {
    if (a.has_local != b.has_local) return a.has_local ? 1 : -1;
    for (std::size_t k = 0; k < a.local.size() && k < b.local.size(); ++k) {
        const LocalPart& x = a.local[k];
        const LocalPart& y = b.local[k];
        if (x.numeric != y.numeric) return x.numeric ? 1 : -1; // letters sort before numbers
        int c = x.numeric ? compare_numbers(Number{x.text == "0" ? std::string_view{} : x.text},
                                            Number{y.text == "0" ? std::string_view{} : y.text})
                          : x.text.compare(y.text);
        if (c) return sign(c);
    }
    if (a.local.size() == b.local.size()) return 0;
    return a.local.size() < b.local.size() ? -1 : 1;
}

} // namespace

Result<int> compare_pep440(std::string_view a, std::string_view b) {
    auto x = parse(a);
    if (!x) return unexpected(x.error());
    auto y = parse(b);
    if (!y) return unexpected(y.error());
    if (int c = compare_numbers(x->epoch, y->epoch)) return c;
    if (int c = compare_release(x->release, y->release)) return c;
    if (int c = compare_pre(*x, *y)) return c;
    if (x->has_post != y->has_post) return x->has_post ? 1 : -1;
    if (int c = compare_numbers(x->post, y->post)) return c;
    if (x->has_dev != y->has_dev) return x->has_dev ? -1 : 1;
    if (int c = compare_numbers(x->dev, y->dev)) return c;
    return compare_local(*x, *y);
}

} // namespace kaiyuan::version
