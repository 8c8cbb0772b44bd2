// NuGet's version order (NuGet.Versioning's NuGetVersion and VersionComparer.Default,
// https://learn.microsoft.com/nuget/concepts/package-versioning): Major.Minor[.Patch[.Revision]]
// compared as numbers (missing parts are 0, leading zeros allowed), a release after its
// pre-releases, pre-release labels dot by dot (numbers by value before text, text compared
// case-insensitively, fewer labels first), "+metadata" ignored.
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <string>
#include <vector>

namespace kaiyuan::version {

namespace {

using namespace ascii;

struct NuGetVersion {
    std::vector<std::string_view> numbers; // without leading zeros
    std::vector<std::string_view> labels;
};

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::vector<std::string_view> split_dots(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '.') {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

Result<NuGetVersion> parse(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    auto invalid = [&] { return fail("'" + std::string(text) + "' is not a NuGet version"); };
    if (auto plus = s.find('+'); plus != std::string_view::npos) s = s.substr(0, plus);
    NuGetVersion v;
    std::string_view core = s;
    if (auto dash = s.find('-'); dash != std::string_view::npos) {
        core = s.substr(0, dash);
        v.labels = split_dots(s.substr(dash + 1));
        for (std::string_view label : v.labels) {
            if (label.empty()) return invalid();
            for (char c : label)
                if (!is_alnum(c) && c != '-') return invalid();
        }
    }
    auto parts = split_dots(core);
    if (parts.size() < 1 || parts.size() > 4) return invalid();
    for (std::string_view p : parts) {
        if (!all_digits(p) || strip_zeros(p).size() > 10) return invalid();
        v.numbers.push_back(strip_zeros(p));
    }
    while (v.numbers.size() < 4)
        v.numbers.push_back({});
    return v;
}

int compare_label(std::string_view a, std::string_view b) {
    bool an = all_digits(a), bn = all_digits(b);
    if (an && bn) return compare_digits(strip_zeros(a), strip_zeros(b));
    if (an != bn) return an ? -1 : 1;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        char x = util::to_lower(a[i]), y = util::to_lower(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

} // namespace

Result<int> compare_nuget(std::string_view a, std::string_view b) {
    auto x = parse(a);
    if (!x) return unexpected(x.error());
    auto y = parse(b);
    if (!y) return unexpected(y.error());
    for (std::size_t i = 0; i < 4; ++i)
        if (int c = compare_digits(x->numbers[i], y->numbers[i])) return c;
    if (x->labels.empty() || y->labels.empty())
        return x->labels.size() == y->labels.size() ? 0 : (x->labels.empty() ? 1 : -1);
    for (std::size_t i = 0; i < x->labels.size() && i < y->labels.size(); ++i)
        if (int c = compare_label(x->labels[i], y->labels[i])) return c;
    if (x->labels.size() == y->labels.size()) return 0;
    return x->labels.size() < y->labels.size() ? -1 : 1;
}

} // namespace kaiyuan::version
