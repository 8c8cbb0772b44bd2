#include "kaiyuan/review/placement.hpp"

#include <deque>
#include <unordered_map>

namespace kaiyuan::review {

std::vector<Placement> place_components(const model::Sbom& sbom) {
    const auto& cs = sbom.components;
    std::vector<Placement> out(cs.size());
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < cs.size(); ++i)
        index.emplace(cs[i].id, i);
    std::vector<std::vector<std::size_t>> children(cs.size());
    bool any_edge = false;
    for (const auto& r : sbom.relationships) {
        if (r.type == model::RelationshipType::contains) continue;
        auto a = index.find(r.from), b = index.find(r.to);
        if (a == index.end() || b == index.end() || a->second == b->second) continue;
        children[a->second].push_back(b->second);
        any_edge = true;
    }
    // Breadth first from every top-level component at once: the first parent to reach a
    // component lies on a shortest path to it.
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent(cs.size(), none), depth(cs.size(), none);
    std::deque<std::size_t> queue;
    for (std::size_t root : sbom.top_level()) {
        depth[root] = 0;
        out[root].top_level = true;
        queue.push_back(root);
    }
    while (!queue.empty()) {
        std::size_t at = queue.front();
        queue.pop_front();
        for (std::size_t to : children[at])
            if (depth[to] == none) {
                depth[to] = depth[at] + 1;
                parent[to] = at;
                queue.push_back(to);
            }
    }
    bool marked = false;
    for (const auto& c : cs)
        if (c.properties.count("kaiyuan:direct")) {
            marked = true;
            break;
        }
    for (std::size_t i = 0; i < cs.size(); ++i) {
        for (std::size_t p = parent[i]; p != none; p = parent[p])
            out[i].path.insert(out[i].path.begin(), p);
        if (marked)
            out[i].direct = cs[i].properties.count("kaiyuan:direct") > 0;
        else
            out[i].direct = any_edge ? depth[i] == 1 : true;
    }
    return out;
}

std::string scope_of(const model::Component& c) {
    auto it = c.properties.find("kaiyuan:scope");
    if (it == c.properties.end()) return "runtime";
    const std::string& s = it->second;
    if (s == "dev" || s == "dev-optional" || s == "development" || s == "test")
        return "development";
    if (s == "optional") return "optional";
    if (s == "build") return "build";
    return "runtime";
}

std::string ecosystem_of(const model::Component& c) {
    if (c.purl.starts_with("pkg:")) {
        auto slash = c.purl.find('/', 4);
        if (slash != std::string::npos) return c.purl.substr(4, slash - 4);
    }
    if (!c.package_type.empty()) return c.package_type;
    return "unknown";
}

} // namespace kaiyuan::review
