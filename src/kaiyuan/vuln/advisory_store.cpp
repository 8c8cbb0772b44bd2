#include "kaiyuan/vuln/advisory_store.hpp"

#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/osv_json.hpp"
#include "kaiyuan/vuln/package_key.hpp"

#include <map>
#include <set>

namespace kaiyuan::vuln {

ImportAction import_action(const Advisory& incoming, const std::string* stored_modified) {
    if (!incoming.withdrawn.empty())
        return stored_modified ? ImportAction::withdraw : ImportAction::skip_withdrawn;
    if (!stored_modified) return ImportAction::add;
    return *stored_modified >= incoming.modified ? ImportAction::keep : ImportAction::replace;
}

IndexedAdvisory index_advisory(const Advisory& a) {
    IndexedAdvisory out;
    out.record = to_osv_json(a);
    Advisory header = a;
    header.affected.clear();
    out.header = to_osv_json(header);
    // One row per (ecosystem, package name) with all of the advisory's entries for it.
    std::map<std::pair<std::string, std::string>, std::vector<Affected>> rows;
    for (const Affected& af : a.affected) {
        // GIT ranges are found by repository, whether or not the entry names a package.
        std::set<std::string> repositories;
        for (const AffectedRange& r : af.ranges)
            if (r.type == "GIT" && !r.repo.empty())
                repositories.insert(normalize_repository_url(r.repo));
        for (const std::string& repo : repositories)
            rows[{k_git_ecosystem, repo}].push_back(af);
        if (af.ecosystem.empty() || af.name.empty()) continue;
        std::string base(ecosystem_base(af.ecosystem));
        rows[{af.ecosystem, normalize_package_name(base, af.name)}].push_back(af);
    }
    for (const auto& [key, entries] : rows)
        out.affected.push_back(
            {key.first, std::string(ecosystem_base(key.first)), key.second, to_osv_json(entries)});
    return out;
}

} // namespace kaiyuan::vuln
