#pragma once
/// The contract between the catalog engine and one ecosystem. A cataloger declares the globs it
/// wants; the engine walks the tree once, collects the matching files, and hands them over. The
/// cataloger's parsers are pure functions of bytes and location: no I/O, no globals.
#include "kaiyuan/model/sbom.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::catalog {

/// A file the engine collected for a cataloger.
struct FileData {
    std::string path;  ///< relative to the tree root
    std::string layer; ///< image layer digest, empty elsewhere
    std::string data;
    model::Location location() const { return {path, layer, 0}; }
};

/// What a root filesystem inside the tree looks like: where it starts and its distribution.
struct Environment {
    std::string root; ///< path prefix of the root ("" or "rootfs/"), ending in '/' when not empty
    model::Distro distro;
};

/// Finds the environment of a path: the deepest root (a directory with etc/os-release or
/// usr/lib/os-release) that contains it.
class Environments {
public:
    void add(Environment env);
    const Environment& for_path(std::string_view path) const;
    const std::vector<Environment>& all() const { return m_envs; }

private:
    std::vector<Environment> m_envs;
    Environment m_none;
};

struct CatalogResult {
    std::vector<model::Component> components;
    std::vector<model::Relationship> relationships;
    std::vector<model::Diagnostic> diagnostics;
    void append(CatalogResult&& other);
};

class Cataloger {
public:
    virtual ~Cataloger() = default;
    virtual std::string_view name() const = 0;
    /// Globs over tree paths (kaiyuan/util/glob.hpp syntax).
    virtual std::vector<std::string> globs() const = 0;
    /// Byte prefixes (magic numbers) of files this cataloger wants whatever their names, such
    /// as "\x7f" "ELF" for executables. Only files whose names suggest a program are looked at
    /// (no extension, or .exe): reading every file's head would cost a scan its speed.
    virtual std::vector<std::string> magic() const { return {}; }
    /// For ELF files: only those with one of these sections are wanted (".go.buildinfo"); the
    /// engine looks at the section table without reading the rest. Empty: every ELF file.
    virtual std::vector<std::string> elf_sections() const { return {}; }
    /// Catalogs every file collected for this cataloger, in path order.
    virtual CatalogResult catalog(const std::vector<const FileData*>& files,
                                  const Environments& envs) const = 0;
};

/// Returns the root prefix of `path` given the path that anchors the root, e.g.
/// root_prefix("a/var/lib/dpkg/status", "var/lib/dpkg/status") == "a/".
std::string root_prefix(std::string_view path, std::string_view anchor);

} // namespace kaiyuan::catalog
