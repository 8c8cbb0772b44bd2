// dpkg's version comparison (dpkg lib/dpkg/version.c: dpkg_version_compare, verrevcmp), as
// Debian Policy 5.6.12 describes it.
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <cstdint>

namespace kaiyuan::version {

namespace {

using namespace ascii;

// dpkg's order(): digits 0 (never reached), letters their code, '~' below everything (even the
// end of the string), other characters after all letters.
int order(int c) {
    if (is_digit(static_cast<char>(c))) return 0;
    if (is_alpha(static_cast<char>(c))) return c;
    if (c == '~') return -1;
    if (c) return c + 256;
    return 0;
}

int verrevcmp(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    auto at = [](std::string_view s, std::size_t k) {
        return k < s.size() ? static_cast<unsigned char>(s[k]) : 0;
    };
    while (i < a.size() || j < b.size()) {
        int first_diff = 0;
        while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
            int ac = order(at(a, i)), bc = order(at(b, j));
            if (ac != bc) return ac - bc;
            ++i, ++j;
        }
        while (i < a.size() && a[i] == '0')
            ++i;
        while (j < b.size() && b[j] == '0')
            ++j;
        while (i < a.size() && j < b.size() && is_digit(a[i]) && is_digit(b[j])) {
            if (!first_diff) first_diff = a[i] - b[j];
            ++i, ++j;
        }
        if (i < a.size() && is_digit(a[i])) return 1;
        if (j < b.size() && is_digit(b[j])) return -1;
        if (first_diff) return first_diff;
    }
    return 0;
}

struct Version {
    std::uint64_t epoch = 0;
    std::string_view upstream, revision;
};

Version split(std::string_view s) {
    Version v;
    if (auto colon = s.find(':'); colon != std::string_view::npos) {
        for (std::size_t k = 0; k < colon; ++k)
            if (is_digit(s[k])) v.epoch = v.epoch * 10 + static_cast<std::uint64_t>(s[k] - '0');
        s.remove_prefix(colon + 1);
    }
    if (auto dash = s.rfind('-'); dash != std::string_view::npos) {
        v.revision = s.substr(dash + 1);
        s = s.substr(0, dash);
    }
    v.upstream = s;
    return v;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

// The errors dpkg's parseversion() refuses a version for (warnings, such as a version not
// starting with a digit, are accepted as dpkg --compare-versions accepts them).
std::string dpkg_version_error(std::string_view v) {
    while (!v.empty() && is_space(v.front()))
        v.remove_prefix(1);
    while (!v.empty() && is_space(v.back()))
        v.remove_suffix(1);
    if (v.empty()) return "version string is empty";
    for (char c : v)
        if (is_space(c)) return "version string has embedded spaces";
    if (auto colon = v.find(':'); colon != std::string_view::npos) {
        std::string_view epoch = v.substr(0, colon);
        if (epoch.empty()) return "epoch in version is empty";
        for (char c : epoch)
            if (!is_digit(c))
                return c == '-' ? "epoch in version is negative" : "epoch in version is not number";
        if (epoch.size() > 9 && epoch.find_first_not_of('0') != std::string_view::npos &&
            epoch.substr(epoch.find_first_not_of('0')).size() > 9)
            return "epoch in version is too big";
        v.remove_prefix(colon + 1);
        if (v.empty()) return "nothing after colon in version number";
    }
    if (auto dash = v.rfind('-'); dash != std::string_view::npos && dash + 1 == v.size())
        return "revision number is empty";
    return {};
}

namespace {} // namespace

Result<int> compare_dpkg_checked(std::string_view a, std::string_view b) {
    for (std::string_view v : {a, b})
        if (auto problem = dpkg_version_error(v); !problem.empty())
            return fail("'" + std::string(v) + "': " + problem);
    return compare_dpkg(a, b);
}

int compare_dpkg(std::string_view a, std::string_view b) {
    Version x = split(a), y = split(b);
    if (x.epoch != y.epoch) return x.epoch < y.epoch ? -1 : 1;
    if (int rc = verrevcmp(x.upstream, y.upstream)) return sign(rc);
    return sign(verrevcmp(x.revision, y.revision));
}

} // namespace kaiyuan::version
