#pragma once
/// What `vuln`, `review` and `sbom diff` take as an input: an SBOM file, anything `scan` reads,
/// or a revision of a git repository.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/source/file_tree.hpp"

#include <string>

namespace kaiyuan::cli {

/// An SBOM file is read; anything else is scanned as `kaiyuan scan` would. A single file that is
/// neither an SBOM nor an archive, package or file a cataloger reads is an input error, never
/// "0 components, no findings". Errors end the command.
model::Sbom sbom_of(const std::string& target, bool quiet);

/// Scans an opened tree (a git revision, say) as `kaiyuan scan` would, naming it `label`.
model::Sbom sbom_of_tree(source::FileTree& tree, const std::string& label, bool quiet);

} // namespace kaiyuan::cli
