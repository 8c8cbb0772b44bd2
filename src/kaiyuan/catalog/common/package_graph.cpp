#include "kaiyuan/catalog/common/package_graph.hpp"

#include "kaiyuan/model/purl.hpp"

#include <algorithm>
#include <tuple>

namespace kaiyuan::catalog {

model::Component make_package(std::string_view purl_type, std::string_view ns,
                              std::string_view name, std::string_view version,
                              const model::Location& file, std::uint32_t line,
                              const std::map<std::string, std::string>& qualifiers) {
    model::Component c;
    c.package_type = std::string(purl_type);
    c.name = std::string(name);
    c.version = std::string(version);
    if (!name.empty()) {
        model::Purl purl;
        purl.type = std::string(purl_type);
        purl.namespace_ = std::string(ns);
        purl.name = std::string(name);
        purl.version = std::string(version);
        purl.qualifiers = qualifiers;
        c.purl = purl.to_string();
    }
    c.locations.push_back({file.path, file.layer, line});
    model::assign_id(c);
    return c;
}

std::string project_name_from_path(std::string_view file_path) {
    auto slash = file_path.rfind('/');
    if (slash == std::string_view::npos) return "project";
    std::string_view dir = file_path.substr(0, slash);
    std::string_view name = dir.substr(dir.rfind('/') + 1); // npos + 1 == 0: the whole dir
    return name.empty() ? "project" : std::string(name);
}

model::Component& PackageGraph::add(const std::string& key, model::Component c) {
    auto [it, inserted] = m_index.emplace(key, m_packages.size());
    if (inserted) m_packages.emplace_back(key, std::move(c));
    return m_packages[it->second].second;
}

model::Component& PackageGraph::add_root(const std::string& key, model::Component c) {
    c.type = model::ComponentType::application;
    m_root = key;
    return add(key, std::move(c));
}

void PackageGraph::set_root(const std::string& key) {
    if (model::Component* c = find(key)) {
        c->type = model::ComponentType::application;
        m_root = key;
    }
}

model::Component* PackageGraph::find(const std::string& key) {
    auto it = m_index.find(key);
    return it == m_index.end() ? nullptr : &m_packages[it->second].second;
}

void PackageGraph::edge(const std::string& from, const std::string& to,
                        model::RelationshipType type) {
    m_edges.push_back({from, to, type});
}

void PackageGraph::warn(std::string message, std::uint32_t line) {
    m_diagnostics.push_back(
        {model::Severity::warning, {m_file.path, m_file.layer, line}, std::move(message)});
}

void PackageGraph::info(std::string message, std::uint32_t line) {
    m_diagnostics.push_back(
        {model::Severity::info, {m_file.path, m_file.layer, line}, std::move(message)});
}

namespace {

enum Reach : std::uint8_t { none = 0, dev = 1, optional = 2, required = 3 };

} // namespace

CatalogResult PackageGraph::finish(bool derive_scopes) {
    CatalogResult out;
    const std::size_t n = m_packages.size();
    // Edges as index pairs; those naming unknown keys are counted.
    struct IndexEdge {
        std::size_t from, to;
        model::RelationshipType type;
    };
    std::vector<IndexEdge> edges;
    std::size_t dangling = 0;
    std::string example;
    for (const auto& e : m_edges) {
        auto f = m_index.find(e.from);
        auto t = m_index.find(e.to);
        if (f == m_index.end() || t == m_index.end()) {
            ++dangling;
            if (example.empty()) example = e.from + " -> " + e.to;
            continue;
        }
        if (f->second != t->second) edges.push_back({f->second, t->second, e.type});
    }
    if (dangling > 0) {
        info(std::to_string(dangling) +
             " dependency reference(s) name no package in the file (not installed or "
             "not locked), e.g. " +
             example);
    }

    if (!m_root.empty()) {
        std::size_t root = m_index.at(m_root);
        std::vector<std::vector<IndexEdge>> out_edges(n);
        for (const auto& e : edges)
            out_edges[e.from].push_back(e);
        for (const auto& e : out_edges[root])
            if (e.type != model::RelationshipType::contains)
                m_packages[e.to].second.properties["kaiyuan:direct"] = "true";
        if (derive_scopes) {
            // The strongest way each package is reached: required beats optional beats dev.
            std::vector<Reach> reach(n, none);
            reach[root] = required;
            std::vector<std::size_t> work{root};
            while (!work.empty()) {
                std::size_t at = work.back();
                work.pop_back();
                for (const auto& e : out_edges[at]) {
                    Reach r = reach[at];
                    if (e.type == model::RelationshipType::dev_depends_on)
                        r = dev;
                    else if (e.type == model::RelationshipType::optional_depends_on && r > optional)
                        r = optional;
                    if (r > reach[e.to]) {
                        reach[e.to] = r;
                        work.push_back(e.to);
                    }
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (i == root) continue;
                auto& props = m_packages[i].second.properties;
                if (reach[i] == dev)
                    props["kaiyuan:scope"] = "dev";
                else if (reach[i] == optional)
                    props["kaiyuan:scope"] = "optional";
            }
        }
    }

    // Components in insertion order; one per id (two keys can name one package, like pnpm's
    // peer-dependency variants). Edges are deduplicated on component positions.
    std::unordered_map<std::string, std::size_t> position;
    std::vector<std::size_t> position_of(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& c = m_packages[i].second;
        auto [it, inserted] = position.emplace(c.id, out.components.size());
        position_of[i] = it->second;
        if (inserted) out.components.push_back(std::move(c));
    }
    std::vector<std::tuple<std::size_t, std::size_t, model::RelationshipType>> unique;
    unique.reserve(edges.size());
    for (const auto& e : edges)
        if (position_of[e.from] != position_of[e.to])
            unique.emplace_back(position_of[e.from], position_of[e.to], e.type);
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    out.relationships.reserve(unique.size());
    for (const auto& [from, to, type] : unique)
        out.relationships.push_back({out.components[from].id, out.components[to].id, type});
    out.diagnostics = std::move(m_diagnostics);
    return out;
}

} // namespace kaiyuan::catalog
