#include "kaiyuan/catalog/engine/ownership.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kaiyuan::catalog {

std::size_t relate_owned_packages(model::Sbom& sbom) {
    // The paths language packages were found at (few), looked up in the OS packages' file
    // lists (many): one reused buffer, no string per owned file.
    std::unordered_map<std::string_view, std::vector<std::size_t>> wanted;
    bool any_files = false;
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const auto& c = sbom.components[i];
        if (model::is_os_package(c)) {
            any_files |= !c.files.empty();
            continue;
        }
        for (const auto& loc : c.locations)
            wanted[loc.path].push_back(i);
    }
    if (wanted.empty() || !any_files) return 0;
    std::vector<std::pair<std::size_t, std::size_t>> owned; // language package, OS package
    std::string path;
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const auto& c = sbom.components[i];
        if (!model::is_os_package(c) || c.files.empty()) continue;
        std::string root =
            model::package_database_root(c.locations.empty() ? "" : c.locations.front().path);
        for (const auto& f : c.files) {
            std::string_view file = f;
            while (file.starts_with('/'))
                file.remove_prefix(1);
            path.assign(root);
            path.append(file);
            auto it = wanted.find(path);
            if (it == wanted.end()) continue;
            for (std::size_t lang : it->second)
                owned.emplace_back(lang, i);
        }
    }
    // A file two packages list (dpkg diversions, directories) keeps its first owner, in
    // component order, so the result is deterministic.
    std::sort(owned.begin(), owned.end());
    std::size_t related = 0;
    for (std::size_t k = 0; k < owned.size(); ++k) {
        if (k && owned[k].first == owned[k - 1].first) continue;
        auto& c = sbom.components[owned[k].first];
        auto& os = sbom.components[owned[k].second];
        // Called before normalize(): ids may not be assigned yet.
        if (c.id.empty()) model::assign_id(c);
        if (os.id.empty()) model::assign_id(os);
        c.properties[model::k_owned_by_property] = os.purl.empty() ? os.name : os.purl;
        sbom.relationships.push_back({os.id, c.id, model::RelationshipType::contains});
        ++related;
    }
    return related;
}

} // namespace kaiyuan::catalog
