#pragma once
/// The build information Go (1.18 and later) embeds in every binary it links
/// (https://pkg.go.dev/runtime/debug#BuildInfo; layout in the Go source, debug/buildinfo): a
/// 32-byte header starting "\xff Go buildinf:" at a 16-byte boundary, then the Go version and
/// the module information as varint-prefixed strings. Found by searching for the header, so ELF,
/// PE and Mach-O binaries are read alike.
#include "kaiyuan/catalog/engine/cataloger.hpp"

#include <optional>

namespace kaiyuan::catalog::binary {

struct GoModule {
    std::string path, version, sum;
    std::string replaced_by_path, replaced_by_version; ///< from a "=>" line
};

struct GoBuildInfo {
    std::string go_version; ///< "go1.22.1"
    std::string main_package;
    std::optional<GoModule> main;
    std::vector<GoModule> deps;
    std::vector<std::pair<std::string, std::string>> settings; ///< build key=value lines
};

/// nullopt when the binary carries no (readable) build information.
std::optional<GoBuildInfo> read_go_buildinfo(std::string_view binary,
                                             std::string* problem = nullptr);

/// Components of a Go binary: the main module (an application), its dependencies and the Go
/// standard library it was built with (pkg:golang/stdlib@1.22.1, as vulnerability databases
/// name it).
CatalogResult parse_go_binary(std::string_view binary, const model::Location& location);

} // namespace kaiyuan::catalog::binary
