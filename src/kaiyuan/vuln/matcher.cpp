#include "kaiyuan/vuln/matcher.hpp"

#include "kaiyuan/vuln/affected.hpp"
#include "kaiyuan/vuln/package_key.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kaiyuan::vuln {

Result<MatchResult> match(const model::Sbom& sbom, Database& db) {
    MatchResult out;
    // Records are read once per run, however many components they affect.
    std::map<std::string, std::shared_ptr<const Advisory>, std::less<>> cache;
    auto record = [&](const std::string& id) -> Result<std::shared_ptr<const Advisory>> {
        if (auto it = cache.find(id); it != cache.end()) return it->second;
        auto a = db.advisory(id);
        if (!a) return unexpected(a.error());
        auto p = std::make_shared<const Advisory>(std::move(*a));
        cache.emplace(id, p);
        return p;
    };
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const model::Component& c = sbom.components[i];
        auto keys = package_keys(c, sbom.metadata.distro);
        if (keys.empty()) {
            ++out.components_without_ecosystem;
            continue;
        }
        ++out.components_checked;
        std::set<std::string> matched; // one finding per advisory and component
        for (const PackageKey& key : keys) {
            auto hits = db.lookup(key.ecosystem, key.name);
            if (!hits) return unexpected(hits.error());
            for (const AffectedHit& hit : *hits) {
                if (matched.count(hit.advisory_id) || !ecosystem_applies(hit.ecosystem, key))
                    continue;
                auto adv = record(hit.advisory_id);
                if (!adv) return unexpected(adv.error());
                auto scheme = version::scheme_for(hit.ecosystem);
                for (const Affected& af : (*adv)->affected) {
                    if (af.ecosystem != hit.ecosystem ||
                        normalize_package_name(key.ecosystem, af.name) != key.name)
                        continue;
                    Evaluation e;
                    if (scheme) {
                        e = evaluate(af, key.version, *scheme);
                    } else if (std::find(af.versions.begin(), af.versions.end(), key.version) !=
                               af.versions.end()) {
                        e.verdict = Evaluation::Verdict::affected;
                    } else if (!af.ranges.empty()) {
                        e.verdict = Evaluation::Verdict::unknown;
                        e.why = scheme.error().message;
                    }
                    if (e.verdict == Evaluation::Verdict::unknown) {
                        out.diagnostics.push_back({model::Severity::warning,
                                                   {c.purl.empty() ? c.name : c.purl, {}, 0},
                                                   hit.advisory_id + " not decided: " + e.why});
                        continue;
                    }
                    if (e.verdict != Evaluation::Verdict::affected) continue;
                    matched.insert(hit.advisory_id);
                    Finding found;
                    found.component = i;
                    found.advisory = *adv;
                    found.ecosystem = hit.ecosystem;
                    found.package = af.name;
                    found.version = key.version;
                    found.fixed = std::move(e.fixed);
                    out.findings.push_back(std::move(found));
                    break;
                }
            }
        }
    }
    std::stable_sort(out.findings.begin(), out.findings.end(),
                     [](const Finding& a, const Finding& b) {
                         return a.component != b.component ? a.component < b.component
                                                           : a.advisory->id < b.advisory->id;
                     });
    return out;
}

} // namespace kaiyuan::vuln
