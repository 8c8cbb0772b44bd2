#include "kaiyuan/jobs/analysis.hpp"

#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/vuln/matcher.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <cmath>
#include <deque>
#include <set>
#include <sstream>
#include <unordered_map>

namespace kaiyuan::jobs {

namespace {

std::string path_text(const std::vector<std::size_t>& path) {
    std::string out;
    for (std::size_t i : path)
        out += (out.empty() ? "" : " ") + std::to_string(i);
    return out;
}

store::NewFinding new_finding(const vuln::Finding& f, std::int64_t idx, const std::string& path) {
    store::NewFinding out;
    out.idx = idx;
    out.advisory_id = f.advisory->id;
    out.ecosystem = f.ecosystem;
    out.package = f.package;
    out.version = f.version;
    for (const auto& v : f.fixed)
        out.fixed += (out.fixed.empty() ? "" : "\n") + v;
    out.severity = vuln::severity_of(*f.advisory);
    out.score = std::lround(vuln::top_score(*f.advisory) * 10);
    out.path = path;
    return out;
}

/// The store's advisories as seen by a re-match: only the changed ones are found, so that only
/// their findings are computed (their headers and aliases are read as they are).
class OnlyAdvisories final : public vuln::AdvisoryIndex {
public:
    OnlyAdvisories(vuln::AdvisoryIndex& all, std::set<std::string, std::less<>> ids)
        : m_all(all), m_ids(std::move(ids)) {}
    Result<std::vector<vuln::AffectedHit>> lookup(std::string_view base,
                                                  std::string_view name) override {
        auto hits = m_all.lookup(base, name);
        if (hits)
            std::erase_if(*hits,
                          [&](const vuln::AffectedHit& h) { return !m_ids.count(h.advisory_id); });
        return hits;
    }
    Result<std::string> affected_entries(std::int64_t row) override {
        return m_all.affected_entries(row);
    }
    Result<vuln::Advisory> advisory(std::string_view id) override { return m_all.advisory(id); }
    Result<vuln::Advisory> advisory_header(std::string_view id) override {
        return m_all.advisory_header(id);
    }
    Result<std::vector<std::string>> covered_ecosystems() override {
        return m_all.covered_ecosystems();
    }

private:
    vuln::AdvisoryIndex& m_all;
    std::set<std::string, std::less<>> m_ids;
};

} // namespace

std::vector<std::vector<std::size_t>> dependency_paths(const model::Sbom& sbom) {
    std::size_t n = sbom.components.size();
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i)
        index.emplace(sbom.components[i].id, i);
    std::vector<std::vector<std::size_t>> edges(n);
    for (const auto& r : sbom.relationships) {
        if (r.type == model::RelationshipType::contains) continue;
        auto a = index.find(r.from), b = index.find(r.to);
        if (a == index.end() || b == index.end() || a->second == b->second) continue;
        edges[a->second].push_back(b->second);
    }
    // Breadth first from every top-level component at once: the first path found is a shortest.
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent(n, none);
    std::vector<bool> seen(n, false);
    std::deque<std::size_t> queue;
    for (std::size_t top : sbom.top_level()) {
        seen[top] = true;
        queue.push_back(top);
    }
    while (!queue.empty()) {
        std::size_t at = queue.front();
        queue.pop_front();
        for (std::size_t to : edges[at])
            if (!seen[to]) {
                seen[to] = true;
                parent[to] = at;
                queue.push_back(to);
            }
    }
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t p = parent[i]; p != none && out[i].size() < n; p = parent[p])
            out[i].push_back(p);
        std::reverse(out[i].begin(), out[i].end());
    }
    return out;
}

/// Each component's license counted by category, and judged by the policy when there is one.
void judge_licenses(const model::Sbom& sbom, const license::Policy* policy, store::Analysis& out) {
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const model::Component& c = sbom.components[i];
        auto verdict = judge_license({c.license_declared, c.license_concluded}, policy);
        ++out.license_categories[verdict.category];
        if (verdict.violation)
            out.violations.push_back({static_cast<std::int64_t>(i), verdict.violation->license,
                                      verdict.violation->reasons});
    }
}

LicenseVerdict judge_license(const store::LicensedComponent& c, const license::Policy* policy) {
    LicenseVerdict out;
    const std::string& text = c.concluded.empty() ? c.declared : c.concluded;
    if (text.empty() || text == "NOASSERTION" || text == "NONE") {
        out.category = "none";
        return out;
    }
    auto expression = model::LicenseExpression::parse(text);
    if (!expression) {
        out.category = license::to_string(license::Category::unknown);
        if (policy)
            out.violation =
                store::NewViolation{0, text, "'" + text + "' is not an SPDX license expression"};
        return out;
    }
    out.category = license::to_string(license::strictest_category(*expression));
    if (!policy) return out;
    auto verdict = license::evaluate(*policy, *expression);
    if (verdict.accepted) return out;
    std::string reasons;
    for (const auto& r : verdict.reasons)
        reasons += (reasons.empty() ? "" : "\n") + r;
    out.violation = store::NewViolation{0, text, reasons};
    return out;
}

Result<std::optional<license::Policy>> store_policy(store::Store& store, std::string& text) {
    auto stored = store.license_policy();
    if (!stored) return unexpected(stored.error());
    text = *stored;
    if (text.empty()) return std::optional<license::Policy>();
    auto read = license::read_policy(text, "the store's license policy");
    if (!read) return unexpected(read.error());
    return std::optional<license::Policy>(std::move(*read));
}

Result<void> run_rejudge(store::Store& store, const store::ClaimedJob& job) {
    std::string text;
    auto policy = store_policy(store, text);
    if (!policy) return store.fail_job(job, policy.error().message);
    const license::Policy* p = *policy ? &**policy : nullptr;
    auto done = store.rejudge(
        job, [p](const store::LicensedComponent& c) { return judge_license(c, p).violation; });
    if (!done) return unexpected(done.error());
    return {};
}

Result<store::Analysis> analyse(const model::Sbom& sbom, vuln::AdvisoryIndex& advisories,
                                const license::Policy* policy) {
    store::Analysis out;
    judge_licenses(sbom, policy, out);
    auto paths = dependency_paths(sbom);
    vuln::KeyMatcher matcher(advisories, nullptr);
    vuln::MatchResult result;
    std::vector<std::string> path_texts(sbom.components.size());
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const model::Component& c = sbom.components[i];
        if (c.properties.count(model::k_owned_by_property)) continue;
        auto keys = vuln::package_keys(c, sbom.metadata.distro);
        if (keys.empty()) continue;
        path_texts[i] = path_text(paths[i]);
        for (std::size_t k = 0; k < keys.size(); ++k)
            out.keys.push_back({static_cast<std::int64_t>(i), static_cast<std::int64_t>(k),
                                keys[k].ecosystem, keys[k].release, keys[k].name, keys[k].version,
                                path_texts[i]});
        if (auto r = matcher.match(i, keys, c.purl.empty() ? c.name : c.purl, result); !r)
            return unexpected(r.error());
    }
    for (const vuln::Finding& f : result.findings)
        out.findings.push_back(
            new_finding(f, static_cast<std::int64_t>(f.component), path_texts[f.component]));
    return out;
}

Result<void> run_rematch(store::Store& store, vuln::AdvisoryIndex& advisories,
                         const store::ClaimedJob& job) {
    std::set<std::string, std::less<>> ids;
    std::istringstream in(job.payload);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) ids.insert(line);
    OnlyAdvisories changed(advisories, ids);
    auto evaluate = [&](const std::vector<store::KeyedComponent>& keyed)
        -> Result<std::vector<store::RematchFinding>> {
        vuln::KeyMatcher matcher(changed, nullptr);
        std::vector<store::RematchFinding> out;
        // The rows come ordered by SBOM, component and key number: one component's keys follow
        // each other.
        for (std::size_t start = 0; start < keyed.size();) {
            std::size_t end = start;
            std::vector<vuln::PackageKey> keys;
            while (end < keyed.size() && keyed[end].sbom_id == keyed[start].sbom_id &&
                   keyed[end].key.idx == keyed[start].key.idx) {
                const store::StoredKey& k = keyed[end].key;
                keys.push_back({k.ecosystem, k.release, k.name, k.version});
                ++end;
            }
            const store::KeyedComponent& first = keyed[start];
            vuln::MatchResult result;
            auto idx = static_cast<std::size_t>(first.key.idx);
            if (auto r = matcher.match(idx, keys, keys.front().name, result); !r)
                return unexpected(r.error());
            for (const vuln::Finding& f : result.findings)
                out.push_back({first.project_id, first.sbom_id,
                               new_finding(f, first.key.idx, first.key.path)});
            start = end;
        }
        return out;
    };
    std::vector<std::string> list(ids.begin(), ids.end());
    auto done = store.rematch(job, list, evaluate);
    if (!done) return unexpected(done.error());
    return {};
}

} // namespace kaiyuan::jobs
