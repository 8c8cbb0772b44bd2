#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog {

void Environments::add(Environment env) {
    m_envs.push_back(std::move(env));
}

const Environment& Environments::for_path(std::string_view path) const {
    const Environment* best = &m_none;
    for (const auto& e : m_envs)
        if (path.starts_with(e.root) && (best == &m_none || e.root.size() > best->root.size()))
            best = &e;
    return *best;
}

void CatalogResult::append(CatalogResult&& other) {
    for (auto& c : other.components)
        components.push_back(std::move(c));
    for (auto& r : other.relationships)
        relationships.push_back(std::move(r));
    for (auto& d : other.diagnostics)
        diagnostics.push_back(std::move(d));
}

std::string root_prefix(std::string_view path, std::string_view anchor) {
    if (!path.ends_with(anchor)) return {};
    return std::string(path.substr(0, path.size() - anchor.size()));
}

} // namespace kaiyuan::catalog
