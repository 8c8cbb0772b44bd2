#include "kaiyuan/model/sbom.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace kaiyuan::model {

const char* to_string(RelationshipType t) {
    switch (t) {
    case RelationshipType::depends_on:
        return "depends-on";
    case RelationshipType::contains:
        return "contains";
    case RelationshipType::dev_depends_on:
        return "dev-depends-on";
    case RelationshipType::optional_depends_on:
        return "optional-depends-on";
    }
    return "depends-on";
}

namespace {
template <class T> void unite(std::vector<T>& into, const std::vector<T>& from) {
    for (const auto& x : from)
        if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
}
void fill(std::string& into, const std::string& from) {
    if (into.empty()) into = from;
}
} // namespace

void Sbom::normalize() {
    for (auto& c : components)
        if (c.id.empty()) assign_id(c);

    std::unordered_map<std::string, std::size_t> first;
    std::vector<Component> merged;
    merged.reserve(components.size());
    for (auto& c : components) {
        auto [it, inserted] = first.emplace(c.id, merged.size());
        if (inserted) {
            merged.push_back(std::move(c));
            continue;
        }
        Component& m = merged[it->second];
        unite(m.locations, c.locations);
        unite(m.files, c.files);
        unite(m.hashes, c.hashes);
        fill(m.supplier, c.supplier);
        fill(m.license_declared, c.license_declared);
        fill(m.license_concluded, c.license_concluded);
        fill(m.source_name, c.source_name);
        fill(m.source_version, c.source_version);
        fill(m.description, c.description);
        fill(m.homepage, c.homepage);
        for (auto& [k, v] : c.properties)
            m.properties.emplace(k, v);
        fill(m.ref, c.ref);
        fill(m.copyright, c.copyright);
        fill(m.download_location, c.download_location);
        fill(m.evidence, c.evidence);
        unite(m.cpes, c.cpes);
        unite(m.external_references, c.external_references);
        unite(m.other_properties, c.other_properties);
    }
    components = std::move(merged);
    for (auto& c : components) {
        std::sort(c.locations.begin(), c.locations.end());
        std::sort(c.hashes.begin(), c.hashes.end());
        std::sort(c.files.begin(), c.files.end());
    }
    std::sort(components.begin(), components.end(), [](const Component& a, const Component& b) {
        return std::tie(a.package_type, a.name, a.version, a.arch, a.id) <
               std::tie(b.package_type, b.name, b.version, b.arch, b.id);
    });

    std::unordered_set<std::string_view> ids;
    for (const auto& c : components)
        ids.insert(c.id);
    std::erase_if(relationships, [&](const Relationship& r) {
        return r.from == r.to || !ids.contains(r.from) || !ids.contains(r.to);
    });
    std::sort(relationships.begin(), relationships.end());
    relationships.erase(std::unique(relationships.begin(), relationships.end()),
                        relationships.end());
    std::stable_sort(
        diagnostics.begin(), diagnostics.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.location.path < b.location.path; });
}

std::ptrdiff_t Sbom::find(std::string_view id) const {
    for (std::size_t i = 0; i < components.size(); ++i)
        if (components[i].id == id) return static_cast<std::ptrdiff_t>(i);
    return -1;
}

std::vector<std::size_t> Sbom::top_level() const {
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < components.size(); ++i)
        index.emplace(components[i].id, i);
    std::vector<std::vector<std::size_t>> out_edges(components.size());
    std::vector<bool> depended(components.size(), false);
    for (const auto& r : relationships) {
        if (r.type == RelationshipType::contains) continue;
        auto a = index.find(r.from), b = index.find(r.to);
        if (a == index.end() || b == index.end() || a->second == b->second) continue;
        out_edges[a->second].push_back(b->second);
        depended[b->second] = true;
    }
    std::vector<std::size_t> roots;
    std::vector<bool> reached(components.size(), false);
    std::vector<std::size_t> stack;
    auto reach = [&](std::size_t from) {
        stack.push_back(from);
        reached[from] = true;
        while (!stack.empty()) {
            std::size_t at = stack.back();
            stack.pop_back();
            for (std::size_t to : out_edges[at])
                if (!reached[to]) {
                    reached[to] = true;
                    stack.push_back(to);
                }
        }
    };
    for (std::size_t i = 0; i < components.size(); ++i)
        if (!depended[i]) {
            roots.push_back(i);
            reach(i);
        }
    // Cycles no root reaches: the first member of each (in component order) stands for it.
    for (std::size_t i = 0; i < components.size(); ++i)
        if (!reached[i]) {
            roots.push_back(i);
            reach(i);
        }
    std::sort(roots.begin(), roots.end());
    return roots;
}

} // namespace kaiyuan::model
