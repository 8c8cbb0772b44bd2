// Composer's version order (Packagist): versions normalised as composer/semver's
// VersionParser::normalize does ("v1.2" -> "1.2.0.0", "1.0-b2" -> "1.0.0.0-beta2", "1.x-dev" ->
// "1.9999999.9999999.9999999-dev", dates "2023-01-02" -> "2023.01.02"), then compared with PHP's
// version_compare (ext/standard/versioning.c), as Constraint::versionCompare does. Branches
// ("dev-main") are equal only to themselves and not ordered against anything else.
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/ascii.hpp"
#include "kaiyuan/version/compare.hpp"

#include <climits>
#include <cstdlib>
#include <regex>
#include <string>

namespace kaiyuan::version {

namespace {

using namespace ascii;

std::string expand_stability(const std::string& s) {
    std::string l = util::to_lower(s);
    if (l == "a") return "alpha";
    if (l == "b") return "beta";
    if (l == "p" || l == "pl") return "patch";
    if (l == "rc") return "RC";
    return l;
}

// VersionParser::$modifierRegex, and the classical and date patterns built on it.
const std::string k_modifier =
    R"([._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?)";

Result<std::string> normalize(std::string_view text) {
    std::string v(text);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n'))
        v.erase(v.begin());
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n'))
        v.pop_back();
    auto invalid = [&] { return fail("'" + std::string(text) + "' is not a Composer version"); };
    static const std::regex alias(R"(^([^,\s]+) +as +([^,\s]+)$)");
    static const std::regex flag("@(?:stable|RC|beta|alpha|dev)$", std::regex::icase);
    static const std::regex build(R"(^([^,\s+]+)\+[^\s]+$)");
    static const std::regex classical(R"(^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?)" + k_modifier + "$",
                                      std::regex::icase);
    static const std::regex date(R"(^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?))" +
                                     k_modifier + "$",
                                 std::regex::icase);
    static const std::regex dev_suffix(R"(^(.*?)[.-]?dev$)", std::regex::icase);
    static const std::regex branch(
        R"(^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$)", std::regex::icase);
    std::smatch m;
    if (std::regex_match(v, m, alias)) v = m[1];
    if (std::regex_search(v, m, flag)) v = v.substr(0, v.size() - m[0].length());
    if (v == "master" || v == "trunk" || v == "default") v = "dev-" + v;
    if (util::starts_with_icase(v, "dev-")) return "dev-" + v.substr(4);
    if (std::regex_match(v, m, build)) v = m[1];
    std::string out;
    int index = 0;
    if (std::regex_match(v, m, classical)) {
        out = m[1].str() + (m[2].length() ? m[2].str() : ".0") +
              (m[3].length() ? m[3].str() : ".0") + (m[4].length() ? m[4].str() : ".0");
        index = 5;
    } else if (std::regex_match(v, m, date)) {
        out = m[1].str();
        for (char& c : out)
            if (!is_digit(c)) c = '.';
        index = 2;
    }
    if (index) {
        if (m[static_cast<std::size_t>(index)].length()) {
            std::string stability = m[static_cast<std::size_t>(index)].str();
            if (stability == "stable") return out;
            std::string number = m[static_cast<std::size_t>(index + 1)].str();
            while (!number.empty() && (number.front() == '.' || number.front() == '-'))
                number.erase(number.begin());
            out += "-" + expand_stability(stability) + number;
        }
        if (m[static_cast<std::size_t>(index + 2)].length()) out += "-dev";
        return out;
    }
    if (std::regex_match(v, m, dev_suffix)) {
        std::string name = m[1];
        std::smatch b;
        if (std::regex_match(name, b, branch)) {
            std::string r;
            for (std::size_t i = 1; i < 5; ++i) {
                std::string part = b[i].matched ? b[i].str() : ".x";
                for (char& c : part)
                    if (c == '*' || c == 'X') c = 'x';
                r += part;
            }
            std::string expanded;
            for (char c : r)
                expanded += c == 'x' ? std::string("9999999") : std::string(1, c);
            return expanded + "-dev";
        }
    }
    return invalid();
}

// PHP's php_canonicalize_version: '-', '_', '+' and other non-alphanumerics become '.', and a
// '.' goes between a digit and a non-digit.
std::string canonicalize(std::string_view v) {
    std::string q;
    if (v.empty()) return q;
    char lp = v[0];
    q += v[0];
    auto isdig = [](char c) { return is_digit(c); };
    auto isndig = [](char c) { return !is_digit(c) && c != '.'; };
    for (std::size_t i = 1; i < v.size(); ++i) {
        char c = v[i];
        if (c == '-' || c == '_' || c == '+') {
            if (q.back() != '.') q += '.';
        } else if ((isndig(lp) && isdig(c)) || (isdig(lp) && isndig(c))) {
            if (q.back() != '.') q += '.';
            q += c;
        } else if (!is_alnum(c)) {
            if (q.back() != '.') q += '.';
        } else {
            q += c;
        }
        lp = c;
    }
    return q;
}

int special_form(std::string_view form) {
    static constexpr std::pair<std::string_view, int> forms[] = {
        {"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
        {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
    for (auto [name, order] : forms)
        if (form.substr(0, name.size()) == name) return order;
    return -1;
}

int php_version_compare(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return a.empty() && b.empty() ? 0 : (a.empty() ? -1 : 1);
    std::string v1 = a.front() == '#' ? std::string(a) : canonicalize(a);
    std::string v2 = b.front() == '#' ? std::string(b) : canonicalize(b);
    std::size_t p1 = 0, p2 = 0;
    std::size_t n1 = 0, n2 = 0;
    bool more1 = true, more2 = true; // n1, n2 != NULL
    int compare = 0;
    auto number = [](std::string_view s) {
        // strtol: the leading digits, saturating like a long
        long long v = 0;
        for (char c : s) {
            if (!is_digit(c)) break;
            v = v > (LLONG_MAX - 9) / 10 ? LLONG_MAX : v * 10 + (c - '0');
        }
        return v;
    };
    while (p1 < v1.size() && p2 < v2.size() && more1 && more2) {
        n1 = v1.find('.', p1);
        n2 = v2.find('.', p2);
        more1 = n1 != std::string::npos;
        more2 = n2 != std::string::npos;
        std::string_view e1 = std::string_view(v1).substr(p1, more1 ? n1 - p1 : std::string::npos);
        std::string_view e2 = std::string_view(v2).substr(p2, more2 ? n2 - p2 : std::string::npos);
        bool d1 = !e1.empty() && is_digit(e1[0]), d2 = !e2.empty() && is_digit(e2[0]);
        if (d1 && d2) {
            long long l1 = number(e1), l2 = number(e2);
            compare = (l1 > l2) - (l1 < l2);
        } else if (!d1 && !d2) {
            compare = sign(special_form(e1) - special_form(e2));
        } else {
            compare = d1 ? sign(special_form("#N#") - special_form(e2))
                         : sign(special_form(e1) - special_form("#N#"));
        }
        if (compare != 0) break;
        if (more1) p1 = n1 + 1;
        if (more2) p2 = n2 + 1;
    }
    if (compare == 0) {
        if (more1) {
            if (p1 < v1.size() && is_digit(v1[p1]))
                compare = 1;
            else
                compare = php_version_compare(std::string_view(v1).substr(p1), "#N#");
        } else if (more2) {
            if (p2 < v2.size() && is_digit(v2[p2]))
                compare = -1;
            else
                compare = php_version_compare("#N#", std::string_view(v2).substr(p2));
        }
    }
    return compare;
}

} // namespace

Result<int> compare_composer(std::string_view a, std::string_view b) {
    auto x = normalize(a);
    if (!x) return unexpected(x.error());
    auto y = normalize(b);
    if (!y) return unexpected(y.error());
    bool branch_x = x->starts_with("dev-"), branch_y = y->starts_with("dev-");
    if (branch_x || branch_y) {
        if (*x == *y) return 0;
        return fail("'" + std::string(branch_x ? a : b) +
                    "' is a branch: Composer orders it against no version");
    }
    return php_version_compare(*x, *y);
}

} // namespace kaiyuan::version
