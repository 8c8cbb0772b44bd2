#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/source/file_tree.hpp"
#include "kaiyuan/util/progress.hpp"

#include <memory>

namespace kaiyuan::catalog {

struct ScanOptions {
    util::Progress* progress = nullptr; ///< null: no progress
};

/// Walks `tree` once, runs every cataloger on the files it asked for, and returns the SBOM
/// (components, relationships, diagnostics, distribution and target facts), normalised.
Result<model::Sbom> scan(source::FileTree& tree,
                         const std::vector<std::unique_ptr<Cataloger>>& catalogers,
                         const ScanOptions& options = {});

} // namespace kaiyuan::catalog
