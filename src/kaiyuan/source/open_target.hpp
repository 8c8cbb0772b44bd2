#pragma once
#include "kaiyuan/source/file_tree.hpp"

#include <memory>

namespace kaiyuan::source {

/// Recognises what `target` is and opens it: a directory (an OCI layout when it holds
/// `oci-layout`), a single .rpm or .deb (by magic), a container image tar (docker-archive or OCI),
/// or any other archive libarchive reads.
Result<std::unique_ptr<FileTree>> open_target(const std::string& target, WalkLimits limits = {});

} // namespace kaiyuan::source
