#pragma once
/// What every lockfile and manifest parser does after reading: packages under the keys the format
/// uses ("name@version", a node_modules path, ...), edges between those keys, the project itself
/// as the root, and from that graph: components, relationships, direct/transitive marks and
/// scopes. Parsers stay about their format; this class is about the graph.
#include "kaiyuan/catalog/engine/cataloger.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

namespace kaiyuan::catalog {

/// A component of `purl_type` with its purl, package type, location (file and line) and id.
/// `ns` is the purl namespace (npm scope, Maven group, Go module path prefix, ...).
model::Component make_package(std::string_view purl_type, std::string_view ns,
                              std::string_view name, std::string_view version,
                              const model::Location& file, std::uint32_t line,
                              const std::map<std::string, std::string>& qualifiers = {});

/// The name a project gets when its manifest does not give one: the directory holding
/// `file_path` ("web/pnpm-lock.yaml" -> "web"), or "project" at the root of the scanned tree.
std::string project_name_from_path(std::string_view file_path);

class PackageGraph {
public:
    explicit PackageGraph(model::Location file) : m_file(std::move(file)) {}

    /// Adds a package under `key`; a key added twice keeps the first package.
    model::Component& add(const std::string& key, model::Component c);
    /// Adds the project the file describes, as an application that every direct dependency
    /// hangs from.
    model::Component& add_root(const std::string& key, model::Component c);
    /// Makes a package already added the root (an application).
    void set_root(const std::string& key);
    model::Component* find(const std::string& key);
    bool has_root() const { return !m_root.empty(); }
    const std::string& root_key() const { return m_root; }

    /// An edge between keys; edges naming a key never added are counted and reported once.
    void edge(const std::string& from, const std::string& to,
              model::RelationshipType type = model::RelationshipType::depends_on);

    void warn(std::string message, std::uint32_t line = 0);
    void info(std::string message, std::uint32_t line = 0);

    /// Turns the graph into a result. With `derive_scopes`, packages reachable from the root
    /// only through development edges get kaiyuan:scope "dev", only through optional ones
    /// "optional" (formats that record scopes per package set them themselves). Direct
    /// dependencies of the root get kaiyuan:direct "true".
    CatalogResult finish(bool derive_scopes);

    const model::Location& file() const { return m_file; }

private:
    model::Location m_file;
    std::vector<std::pair<std::string, model::Component>> m_packages;
    std::unordered_map<std::string, std::size_t> m_index;
    struct Edge {
        std::string from, to;
        model::RelationshipType type;
    };
    std::vector<Edge> m_edges;
    std::string m_root;
    std::vector<model::Diagnostic> m_diagnostics;
};

} // namespace kaiyuan::catalog
