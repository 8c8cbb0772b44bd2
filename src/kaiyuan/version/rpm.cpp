// rpm's version comparison, as rpm 4.18 implements it (lib/rpmvercmp.c: rpmvercmp, and
// rpmVersionCompare for epoch:version-release).
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <cstdint>

namespace kaiyuan::version {

namespace {

using namespace ascii;

int rpmvercmp(std::string_view a, std::string_view b) {
    if (a == b) return 0;
    std::size_t i = 0, j = 0;
    auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
    while (i < a.size() || j < b.size()) {
        while (i < a.size() && !is_alnum(a[i]) && a[i] != '~' && a[i] != '^')
            ++i;
        while (j < b.size() && !is_alnum(b[j]) && b[j] != '~' && b[j] != '^')
            ++j;
        // '~' sorts before everything else.
        if (at(a, i) == '~' || at(b, j) == '~') {
            if (at(a, i) != '~') return 1;
            if (at(b, j) != '~') return -1;
            ++i, ++j;
            continue;
        }
        // '^' sorts after the end, but before anything else.
        if (at(a, i) == '^' || at(b, j) == '^') {
            if (i >= a.size()) return -1;
            if (j >= b.size()) return 1;
            if (a[i] != '^') return 1;
            if (b[j] != '^') return -1;
            ++i, ++j;
            continue;
        }
        if (i >= a.size() || j >= b.size()) break;
        std::size_t ei = i, ej = j;
        bool numeric = is_digit(a[i]);
        if (numeric) {
            while (ei < a.size() && is_digit(a[ei]))
                ++ei;
            while (ej < b.size() && is_digit(b[ej]))
                ++ej;
        } else {
            while (ei < a.size() && is_alpha(a[ei]))
                ++ei;
            while (ej < b.size() && is_alpha(b[ej]))
                ++ej;
        }
        // A segment of the other kind in b: numeric segments are newer than alphabetic ones.
        if (ej == j) return numeric ? 1 : -1;
        std::string_view sa = a.substr(i, ei - i), sb = b.substr(j, ej - j);
        if (numeric) {
            while (sa.size() > 1 && sa.front() == '0')
                sa.remove_prefix(1);
            while (sb.size() > 1 && sb.front() == '0')
                sb.remove_prefix(1);
            // rpm strips every leading zero; "0" and "" then compare equal, as here.
            if (sa == "0") sa = {};
            if (sb == "0") sb = {};
            if (sa.size() != sb.size()) return sa.size() > sb.size() ? 1 : -1;
        }
        if (int rc = sa.compare(sb); rc != 0) return rc < 0 ? -1 : 1;
        i = ei, j = ej;
    }
    if (i >= a.size() && j >= b.size()) return 0;
    return i >= a.size() ? -1 : 1;
}

struct Evr {
    std::string_view epoch, version, release;
    bool has_release = false;
};

// "[epoch:]version[-release]": the release follows the last '-'.
Evr split(std::string_view s) {
    Evr e;
    if (auto colon = s.find(':'); colon != std::string_view::npos) {
        bool digits = colon > 0;
        for (std::size_t k = 0; k < colon; ++k)
            digits = digits && is_digit(s[k]);
        if (digits) {
            e.epoch = s.substr(0, colon);
            s.remove_prefix(colon + 1);
        }
    }
    if (auto dash = s.rfind('-'); dash != std::string_view::npos) {
        e.release = s.substr(dash + 1);
        e.has_release = true;
        s = s.substr(0, dash);
    }
    e.version = s;
    return e;
}

std::uint64_t epoch_value(std::string_view e) {
    std::uint64_t v = 0;
    for (char c : e)
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    return v;
}

} // namespace

int compare_rpm(std::string_view a, std::string_view b) {
    Evr x = split(a), y = split(b);
    auto ex = epoch_value(x.epoch), ey = epoch_value(y.epoch);
    if (ex != ey) return ex < ey ? -1 : 1;
    if (int rc = rpmvercmp(x.version, y.version)) return rc;
    // A version with a release (even an empty one, "1.0-") is newer than the same version
    // without one, as rpm.vercmp (rpm 4.18) decides.
    if (x.has_release != y.has_release) return x.has_release ? 1 : -1;
    return rpmvercmp(x.release, y.release);
}

} // namespace kaiyuan::version
