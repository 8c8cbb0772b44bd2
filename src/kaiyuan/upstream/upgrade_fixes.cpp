#include "kaiyuan/upstream/upgrade_fixes.hpp"

#include "kaiyuan/version/compare.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/matcher.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <set>

namespace kaiyuan::upstream {

std::string_view to_string(FixedBy f) {
    switch (f) {
    case FixedBy::upgrade:
        return "upgrade";
    case FixedBy::release:
        return "release";
    case FixedBy::nothing:
        return "nothing";
    }
    return "nothing";
}

std::string openeuler_dist(std::string_view r) {
    // "YY.MM", then "-LTS", then "-SPn".
    if (r.size() < 5 || r[2] != '.') return {};
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (r[i] < '0' || r[i] > '9') return {};
    std::string yymm{r[0], r[1], r[3], r[4]};
    std::string_view rest = r.substr(5);
    std::string sp;
    if (rest.starts_with("-LTS")) {
        rest.remove_prefix(4);
        if (rest.starts_with("-SP") && rest.size() > 3) {
            sp = "sp" + std::string(rest.substr(3));
            rest = {};
        }
    }
    if (!rest.empty()) return {};
    bool old_scheme = yymm == "2009" || yymm == "2103" || yymm == "2109" ||
                      (yymm == "2003" && (sp.empty() || sp == "sp1" || sp == "sp2" || sp == "sp3"));
    return old_scheme ? ".oe1" : ".oe" + yymm + sp;
}

namespace {

/// "1:2.3-4.oe2203" -> "1:2.3": the epoch and upstream version, without the release.
std::string without_release(std::string_view evr) {
    auto dash = evr.rfind('-');
    return std::string(dash == std::string_view::npos ? evr : evr.substr(0, dash));
}

/// The upgrade carries the packaged epoch (an epoch never goes down).
std::string with_epoch_of(const std::string& upgrade, std::string_view packaged) {
    auto colon = packaged.find(':');
    if (colon == std::string_view::npos || upgrade.find(':') != std::string::npos) return upgrade;
    return std::string(packaged.substr(0, colon + 1)) + upgrade;
}

} // namespace

Result<std::vector<AdvisoryAndFix>>
advisories_and_fixes(vuln::KeyMatcher& matcher, const std::string& name,
                     const std::string& packaged, const std::string& upgrade,
                     const std::string& distro_release,
                     std::vector<model::Diagnostic>& diagnostics) {
    std::vector<vuln::PackageKey> keys{
        {"openEuler", distro_release, vuln::normalize_package_name("openEuler", name), packaged}};
    vuln::MatchResult result;
    if (auto r = matcher.match(0, keys, name, result); !r) return unexpected(r.error());
    for (auto& d : result.diagnostics)
        diagnostics.push_back(std::move(d));
    for (const auto& u : result.undecided) {
        model::Diagnostic d;
        d.location.path = name;
        d.message = u.advisory + ": cannot be decided for " + packaged + " (" + u.reason + ")";
        diagnostics.push_back(std::move(d));
    }
    std::string target = upgrade.empty() ? std::string() : with_epoch_of(upgrade, packaged);
    std::vector<AdvisoryAndFix> out;
    std::set<std::string> seen;
    for (const auto& f : result.findings) {
        if (!seen.insert(f.advisory->id).second) continue;
        AdvisoryAndFix a;
        a.id = f.advisory->id;
        a.aliases = f.advisory->aliases;
        a.severity = vuln::severity_of(*f.advisory);
        a.ecosystem = f.ecosystem;
        a.fixed = f.fixed;
        for (const auto& fixed : f.fixed) {
            std::string upstream_part = without_release(fixed);
            if (!target.empty() && version::compare_rpm(target, upstream_part) > 0) {
                a.fixed_by = FixedBy::upgrade;
                break;
            }
            a.fixed_by = FixedBy::release;
        }
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace kaiyuan::upstream
