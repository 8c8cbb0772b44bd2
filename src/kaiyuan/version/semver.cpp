// Semantic Versioning 2.0.0 precedence (https://semver.org/#spec-item-11), as node-semver's
// compare() applies it: a leading "v" or "=" is accepted (npm's loose parsing; Go's "v1.2.3"),
// build metadata ("+incompatible", "+build.5") does not take part.
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kaiyuan::version {

namespace {

using namespace ascii;

struct SemVer {
    std::uint64_t major = 0, minor = 0, patch = 0;
    std::vector<std::string_view> pre;
};

bool parse_number(std::string_view s, std::uint64_t& out) {
    if (s.empty() || s.size() > 16) return false;
    if (s.size() > 1 && s[0] == '0') return false; // no leading zeros (spec item 2)
    out = 0;
    for (char c : s) {
        if (!is_digit(c)) return false;
        out = out * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

bool identifier_ok(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
            return false;
    return true;
}

Result<SemVer> parse(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && (s.front() == ' ' || s.front() == '=' || s.front() == 'v'))
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (auto plus = s.find('+'); plus != std::string_view::npos) s = s.substr(0, plus);
    SemVer v;
    std::string_view core = s;
    if (auto dash = s.find('-'); dash != std::string_view::npos) {
        core = s.substr(0, dash);
        std::string_view pre = s.substr(dash + 1);
        std::size_t start = 0;
        for (std::size_t i = 0; i <= pre.size(); ++i) {
            if (i < pre.size() && pre[i] != '.') continue;
            std::string_view id = pre.substr(start, i - start);
            bool numeric =
                !id.empty() && id.find_first_not_of("0123456789") == std::string_view::npos;
            if (!identifier_ok(id) || (numeric && id.size() > 1 && id[0] == '0'))
                return fail("'" + std::string(text) + "': invalid pre-release identifier");
            v.pre.push_back(id);
            start = i + 1;
        }
    }
    std::uint64_t* parts[] = {&v.major, &v.minor, &v.patch};
    std::size_t start = 0, n = 0;
    for (std::size_t i = 0; i <= core.size(); ++i) {
        if (i < core.size() && core[i] != '.') continue;
        if (n == 3 || !parse_number(core.substr(start, i - start), *parts[n]))
            return fail("'" + std::string(text) +
                        "' is not a semantic version (MAJOR.MINOR.PATCH)");
        ++n;
        start = i + 1;
    }
    if (n != 3)
        return fail("'" + std::string(text) + "' is not a semantic version (MAJOR.MINOR.PATCH)");
    return v;
}

int compare_identifiers(std::string_view a, std::string_view b) {
    bool an = a.find_first_not_of("0123456789") == std::string_view::npos;
    bool bn = b.find_first_not_of("0123456789") == std::string_view::npos;
    if (an && bn) return compare_digits(a, b);
    if (an != bn) return an ? -1 : 1; // numeric identifiers sort before alphanumeric ones
    return sign(a.compare(b));
}

} // namespace

Result<int> compare_semver(std::string_view a, std::string_view b) {
    auto x = parse(a);
    if (!x) return unexpected(x.error());
    auto y = parse(b);
    if (!y) return unexpected(y.error());
    for (auto [p, q] : {std::pair{x->major, y->major}, std::pair{x->minor, y->minor},
                        std::pair{x->patch, y->patch}})
        if (p != q) return p < q ? -1 : 1;
    // A pre-release sorts before its release; then identifiers left to right.
    if (x->pre.empty() || y->pre.empty())
        return x->pre.size() == y->pre.size() ? 0 : (x->pre.empty() ? 1 : -1);
    for (std::size_t i = 0; i < x->pre.size() && i < y->pre.size(); ++i)
        if (int c = compare_identifiers(x->pre[i], y->pre[i])) return c;
    if (x->pre.size() == y->pre.size()) return 0;
    return x->pre.size() < y->pre.size() ? -1 : 1;
}

} // namespace kaiyuan::version
