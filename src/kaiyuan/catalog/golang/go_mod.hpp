#pragma once
/// go.mod (https://go.dev/ref/mod#go-mod-file): the main module, its requirements (direct, or
/// "// indirect"), replace and exclude directives; go.sum beside it gives each module's h1:
/// hash (https://go.dev/ref/mod#go-sum-files).
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::golang {

/// A golang component: module path "github.com/a/b" -> namespace "github.com/a", name "b".
model::Component go_component(std::string_view module, std::string_view version,
                              const model::Location& file, std::uint32_t line);

/// Parses go.mod; `go_sum` (may be empty) supplies h1: hashes of the required modules.
CatalogResult parse_go_mod(std::string_view text, const model::Location& location,
                           std::string_view go_sum = {});

/// go.mod with the go.sum of the same directory, when there is one.
class GoModCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "go-mod"; }
    std::vector<std::string> globs() const override { return {"**/go.mod", "**/go.sum"}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::golang
