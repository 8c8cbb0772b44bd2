#include "kaiyuan/cli/targets.hpp"

#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/glob.hpp"

#include <filesystem>
#include <optional>

namespace kaiyuan::cli {

namespace {

/// Whether some cataloger reads a file of this name (by its globs).
bool a_cataloger_reads(const std::vector<std::unique_ptr<catalog::Cataloger>>& catalogers,
                       const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    for (const auto& c : catalogers)
        for (const auto& g : c->globs())
            if (util::glob_match(g, name)) return true;
    return false;
}

} // namespace

model::Sbom sbom_of(const std::string& target, bool quiet) {
    auto catalogers = catalog::all_catalogers();
    std::optional<std::string> not_sbom; // why a single file is not an SBOM
    std::error_code ec;
    if (std::filesystem::is_regular_file(target, ec)) {
        // A file too large to be read whole (an image tar) is no SBOM: it is scanned below.
        if (auto text = util::read_file(target, 256ull << 20)) {
            auto detected = format::detect(*text);
            if (detected) {
                auto sbom = format::read(*text, target);
                if (!sbom) throw CommandError{sbom.error().message};
                report_diagnostics(sbom->diagnostics, quiet);
                if (sbom->metadata.target.empty()) sbom->metadata.target = target;
                return std::move(*sbom);
            }
            not_sbom = detected.error().message;
        }
    }
    auto tree = source::open_target(target);
    if (!tree) throw CommandError{tree.error().message};
    if (not_sbom && (*tree)->kind() == "file" && !a_cataloger_reads(catalogers, target))
        throw CommandError{target + ": not an SBOM (" + *not_sbom +
                           ") and not a lockfile, manifest, archive, image or package that "
                           "kaiyuan reads"};
    return sbom_of_tree(**tree, target, quiet);
}

model::Sbom sbom_of_tree(source::FileTree& tree, const std::string& label, bool quiet) {
    auto progress = make_progress(quiet);
    auto sbom = catalog::scan(tree, catalog::all_catalogers(), {progress.get()});
    if (!sbom) throw CommandError{sbom.error().message};
    sbom->metadata.target = label;
    sbom->metadata.name = label;
    sbom->metadata.created = format::now_rfc3339();
    sbom->metadata.tool_version = format::k_tool_version;
    report_diagnostics(sbom->diagnostics, quiet);
    return std::move(*sbom);
}

} // namespace kaiyuan::cli
