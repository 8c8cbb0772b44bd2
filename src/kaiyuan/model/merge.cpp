#include "kaiyuan/model/merge.hpp"

#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace kaiyuan::model {

namespace {

/// Types whose names the purl specification compares in lower case.
bool case_insensitive_name(std::string_view type) {
    return type == "npm" || type == "pypi" || type == "github" || type == "bitbucket" ||
           type == "composer" || type == "deb" || type == "apk" || type == "hex" ||
           type == "nuget" || type == "pub";
}

/// What must be equal for two purls to name one package (qualifiers aside).
std::string package_key(const Purl& p) {
    bool fold = case_insensitive_name(p.type);
    return util::to_lower(p.type) + '\n' + (fold ? util::to_lower(p.namespace_) : p.namespace_) +
           '\n' + (fold ? util::to_lower(p.name) : p.name) + '\n' + p.version + '\n' + p.subpath;
}

bool compatible(const Purl& a, const Purl& b) {
    for (const auto& [k, v] : a.qualifiers) {
        auto it = b.qualifiers.find(k);
        if (it != b.qualifiers.end() && !v.empty() && !it->second.empty() && it->second != v)
            return false;
    }
    return true;
}

Component os_component(const Distro& d) {
    Component c;
    c.type = ComponentType::operating_system;
    c.name = d.id.empty() ? d.name : d.id;
    c.version = d.version_id;
    c.description = d.pretty_name;
    assign_id(c);
    return c;
}

} // namespace

bool same_package(std::string_view purl_a, std::string_view purl_b) {
    auto a = Purl::parse(purl_a), b = Purl::parse(purl_b);
    return a && b && package_key(*a) == package_key(*b) && compatible(*a, *b);
}

Sbom merge(std::vector<Sbom> parts) {
    Sbom all;
    for (auto& part : parts) {
        if (all.metadata.distro.empty()) {
            all.metadata.distro = part.metadata.distro;
        } else if (!part.metadata.distro.empty() &&
                   (util::to_lower(part.metadata.distro.id) !=
                        util::to_lower(all.metadata.distro.id) ||
                    part.metadata.distro.version_id != all.metadata.distro.version_id)) {
            // Another distribution (two images, a host and a container): kept as a component.
            all.components.push_back(os_component(part.metadata.distro));
        }
        for (auto& c : part.metadata.creators)
            if (std::find(all.metadata.creators.begin(), all.metadata.creators.end(), c) ==
                all.metadata.creators.end())
                all.metadata.creators.push_back(std::move(c));
        for (auto& c : part.components)
            all.components.push_back(std::move(c));
        for (auto& r : part.relationships)
            all.relationships.push_back(std::move(r));
        for (auto& d : part.diagnostics)
            all.diagnostics.push_back(std::move(d));
    }
    // The same package under purls that differ in qualifiers only: one id for all of them, that
    // of the purl with the most qualifiers (the most said), so normalize() unites them.
    std::map<std::string, std::vector<std::pair<std::size_t, Purl>>> by_package;
    for (std::size_t i = 0; i < all.components.size(); ++i) {
        auto p = Purl::parse(all.components[i].purl);
        if (p) by_package[package_key(*p)].emplace_back(i, std::move(*p));
    }
    std::unordered_map<std::string, std::string> renamed; // old id -> kept id
    for (auto& entry : by_package) {
        auto& list = entry.second; // a plain reference: lambdas below capture it (C++20 clang 14)
        if (list.size() < 2) continue;
        std::vector<bool> done(list.size(), false);
        for (std::size_t a = 0; a < list.size(); ++a) {
            if (done[a]) continue;
            std::vector<std::size_t> group{a};
            for (std::size_t b = a + 1; b < list.size(); ++b)
                if (!done[b] && std::all_of(group.begin(), group.end(), [&](std::size_t g) {
                        return compatible(list[g].second, list[b].second);
                    }))
                    group.push_back(b);
            std::size_t best = *std::max_element(group.begin(), group.end(), [&](auto x, auto y) {
                return list[x].second.qualifiers.size() < list[y].second.qualifiers.size();
            });
            const Component& keep = all.components[list[best].first];
            std::string keep_id = keep.id, keep_purl = keep.purl;
            for (std::size_t g : group) {
                done[g] = true;
                Component& c = all.components[list[g].first];
                if (c.id != keep_id) renamed.emplace(c.id, keep_id);
                c.id = keep_id;
                c.purl = keep_purl;
            }
        }
    }
    for (auto& r : all.relationships) {
        if (auto it = renamed.find(r.from); it != renamed.end()) r.from = it->second;
        if (auto it = renamed.find(r.to); it != renamed.end()) r.to = it->second;
    }
    all.normalize();
    return all;
}

} // namespace kaiyuan::model
