#include "kaiyuan/version/vers.hpp"

#include "kaiyuan/util/strings.hpp"

#include <algorithm>

namespace kaiyuan::version {

Scheme scheme_for_vers(std::string_view name) {
    if (name == "npm" || name == "cargo" || name == "golang" || name == "semver" || name == "hex" ||
        name == "pub" || name == "swift")
        return Scheme::semver;
    if (name == "pypi") return Scheme::pep440;
    if (name == "maven") return Scheme::maven;
    if (name == "gem") return Scheme::rubygems;
    if (name == "nuget") return Scheme::nuget;
    if (name == "deb") return Scheme::dpkg;
    if (name == "rpm") return Scheme::rpm;
    if (name == "apk" || name == "alpine") return Scheme::apk;
    if (name == "composer") return Scheme::composer;
    return Scheme::generic;
}

Result<VersRange> VersRange::parse(std::string_view text) {
    std::string s;
    for (char c : text)
        if (c != ' ' && c != '\t') s += c; // the spec: spaces are not significant
    if (!s.starts_with("vers:"))
        return fail("'" + std::string(text) +
                    "' is not a vers range: expected 'vers:<scheme>/<constraints>'");
    auto slash = s.find('/', 5);
    if (slash == std::string::npos || slash == 5)
        return fail("'" + std::string(text) +
                    "': expected a versioning scheme and '/' after 'vers:'");
    VersRange range;
    range.scheme_name = util::to_lower(s.substr(5, slash - 5));
    range.scheme = scheme_for_vers(range.scheme_name);
    std::string rest = s.substr(slash + 1);
    if (rest.empty()) return fail("'" + std::string(text) + "': no constraints after the scheme");
    if (rest == "*") {
        range.all = true;
        return range;
    }
    for (auto part : util::split(rest, '|')) {
        std::string p(part);
        if (p.empty()) return fail("'" + std::string(text) + "': an empty constraint between '|'");
        VersConstraint c;
        for (const char* op : {">=", "<=", "!=", "<", ">", "="}) {
            if (p.starts_with(op)) {
                c.comparator = op;
                break;
            }
        }
        c.version = p.substr(c.comparator.size());
        if (c.comparator.empty()) c.comparator = "=";
        if (c.version.empty())
            return fail("'" + std::string(text) + "': constraint '" + p + "' has no version");
        if (c.version == "*")
            return fail("'" + std::string(text) + "': '*' must be the only constraint");
        // Versions are percent-encoded in vers like in purls; the usual ones are not.
        auto self = compare(range.scheme, c.version, c.version);
        if (!self)
            return fail("'" + std::string(text) + "': version '" + c.version + "' is not a " +
                        range.scheme_name + " version: " + self.error().message);
        range.constraints.push_back(std::move(c));
    }
    std::stable_sort(range.constraints.begin(), range.constraints.end(),
                     [&](const auto& a, const auto& b) {
                         auto r = compare(range.scheme, a.version, b.version);
                         return r && *r < 0;
                     });
    return range;
}

Result<bool> VersRange::contains(std::string_view v) const {
    if (all) return true;
    auto cmp = [&](std::string_view a, std::string_view b) { return compare(scheme, a, b); };
    // 1. Equality with a version an "=", "<=" or ">=" names: in; with a "!=" version: out.
    for (const auto& c : constraints) {
        auto r = cmp(v, c.version);
        if (!r) return unexpected(r.error());
        if (*r == 0) {
            if (c.comparator == "!=") return false;
            if (c.comparator == "=" || c.comparator == "<=" || c.comparator == ">=") return true;
        }
    }
    // 2. The remaining range constraints, in version order, read in pairs.
    std::vector<const VersConstraint*> ranges;
    for (const auto& c : constraints)
        if (c.comparator != "=" && c.comparator != "!=") ranges.push_back(&c);
    if (ranges.empty()) return false;
    auto is_less = [](const VersConstraint* c) { return c->comparator[0] == '<'; };
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const VersConstraint* current = ranges[i];
        auto r = cmp(v, current->version);
        if (!r) return unexpected(r.error());
        if (i == 0 && is_less(current) && *r < 0) return true;
        if (i + 1 == ranges.size()) {
            if (!is_less(current) && *r > 0) return true;
            break;
        }
        const VersConstraint* next = ranges[i + 1];
        if (!is_less(current) && is_less(next)) {
            auto rn = cmp(v, next->version);
            if (!rn) return unexpected(rn.error());
            if (*r > 0 && *rn < 0) return true;
        }
    }
    return false;
}

} // namespace kaiyuan::version
