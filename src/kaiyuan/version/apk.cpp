// Alpine's apk version order, as apk-tools 2.x compares (src/version.c, apk_version_compare):
// the text is read as tokens (digits, a letter, "_suffix" with an optional number, "-rN"), each
// compared in turn; digits after a '.' with leading zeros compare as negative numbers
// (1.01 < 1.1); pre-release suffixes (_alpha, _beta, _pre, _rc) sort before the end, post-release
// ones (_cvs, _svn, _git, _hg, _p) after it.
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <array>
#include <cstdint>

namespace kaiyuan::version {

namespace {

using namespace ascii;

// Token kinds in the order apk-tools gives them: a later kind "ends" a version sooner.
enum Token : int {
    invalid = -1,
    digit_or_zero = 0,
    digit = 1,
    letter = 2,
    suffix = 3,
    suffix_no = 4,
    revision_no = 5,
    end = 6
};

constexpr std::array<std::string_view, 4> k_pre = {"alpha", "beta", "pre", "rc"};
constexpr std::array<std::string_view, 5> k_post = {"cvs", "svn", "git", "hg", "p"};

class Reader {
public:
    explicit Reader(std::string_view s) : m_s(s) {}

    /// The kind of the next token, after a token of kind `t` (apk-tools' next_token).
    Token next(Token t) {
        Token n = invalid;
        if (m_i >= m_s.size()) {
            n = end;
        } else if ((t == digit || t == digit_or_zero) && m_s[m_i] >= 'a' && m_s[m_i] <= 'z') {
            n = letter;
        } else if (t == letter && is_digit(m_s[m_i])) {
            n = digit;
        } else if (t == suffix && is_digit(m_s[m_i])) {
            n = suffix_no;
        } else {
            switch (m_s[m_i]) {
            case '.':
                n = digit_or_zero;
                break;
            case '_':
                n = suffix;
                break;
            case '-':
                if (m_i + 1 < m_s.size() && m_s[m_i + 1] == 'r') {
                    n = revision_no;
                    ++m_i;
                } else {
                    n = invalid;
                }
                break;
            }
            ++m_i;
        }
        if (n < t) {
            if ((n == digit_or_zero && t == digit) || (n == suffix && t == suffix_no) ||
                (n == digit && t == letter))
                return n;
            return invalid;
        }
        return n;
    }

    /// The value of a token of kind `t`, and the kind of the one after it (get_token).
    std::int64_t get(Token& t) {
        std::int64_t v = 0;
        Token nt = invalid;
        if (m_i >= m_s.size()) {
            t = end;
            return 0;
        }
        switch (t) {
        case digit_or_zero:
            // Leading zeros: the more there are, the lower the value.
            if (m_s[m_i] == '0') {
                while (m_i < m_s.size() && m_s[m_i] == '0') {
                    --v;
                    ++m_i;
                }
                nt = digit;
                break;
            }
            [[fallthrough]];
        case digit:
        case suffix_no:
        case revision_no:
            while (m_i < m_s.size() && is_digit(m_s[m_i])) {
                if (v < (INT64_MAX - 9) / 10) v = v * 10 + (m_s[m_i] - '0');
                ++m_i;
            }
            break;
        case letter:
            v = static_cast<unsigned char>(m_s[m_i++]);
            break;
        case suffix: {
            bool found = false;
            for (std::size_t k = 0; k < k_pre.size() && !found; ++k)
                if (m_s.substr(m_i).starts_with(k_pre[k])) {
                    v = static_cast<std::int64_t>(k) - static_cast<std::int64_t>(k_pre.size());
                    m_i += k_pre[k].size();
                    found = true;
                }
            for (std::size_t k = 0; k < k_post.size() && !found; ++k)
                if (m_s.substr(m_i).starts_with(k_post[k])) {
                    v = static_cast<std::int64_t>(k);
                    m_i += k_post[k].size();
                    found = true;
                }
            if (found) break;
            t = invalid;
            return -1;
        }
        default:
            t = invalid;
            return -1;
        }
        if (m_i >= m_s.size())
            t = end;
        else if (nt != invalid)
            t = nt;
        else
            t = next(t);
        return v;
    }

private:
    std::string_view m_s;
    std::size_t m_i = 0;
};

bool valid(std::string_view s) {
    Reader r(s);
    Token t = digit;
    while (t != end && t != invalid)
        (void)r.get(t);
    return t == end;
}

} // namespace

Result<int> compare_apk(std::string_view a, std::string_view b) {
    for (std::string_view v : {a, b})
        if (!valid(v)) return fail("'" + std::string(v) + "' is not an apk version");
    Reader x(a), y(b);
    Token at = digit, bt = digit;
    std::int64_t av = 0, bv = 0;
    while (at == bt && at != end && at != invalid && av == bv) {
        av = x.get(at);
        bv = y.get(bt);
    }
    if (av != bv) return av < bv ? -1 : 1;
    if (at == bt) return 0;
    // Equal so far: the longer version is newer, unless what follows is a pre-release suffix.
    Token peek = at;
    if (at == suffix && x.get(peek) < 0) return -1;
    peek = bt;
    if (bt == suffix && y.get(peek) < 0) return 1;
    if (at > bt) return -1;
    if (at < bt) return 1;
    return 0;
}

} // namespace kaiyuan::version
