#pragma once
/// A revision of a git repository as a file tree, read straight from the object database through
/// libgit2: no checkout, no temporary copy, nothing written. `kaiyuan review --git REPO BASE
/// HEAD` scans two revisions this way.
///
/// Blobs are read only when a cataloger wants them by name; for sniffing (executables found by
/// their contents) only blobs of mode 100755 are looked into, as a source repository's other
/// blobs are not programs and inflating every one of them would cost more than the scan.
/// Symlinks (mode 120000) are reported with their target; submodules (gitlinks) are reported as
/// entries of type `other` and not entered, as their objects live in another repository.
#include "kaiyuan/source/file_tree.hpp"

#include <memory>
#include <string>

namespace kaiyuan::source {

/// Opens `revision` (anything git rev-parse takes: a branch, tag, "HEAD~2", "origin/main", a
/// commit id) of the repository at `repository` (a work tree, or a bare or .git directory).
Result<std::unique_ptr<FileTree>>
open_git_tree(const std::string& repository, const std::string& revision, WalkLimits limits = {});

/// The commit id `revision` names, in full.
Result<std::string> resolve_commit(const std::string& repository, const std::string& revision);

/// The best common ancestor of two revisions (git merge-base A B), as a commit id.
Result<std::string> merge_base(const std::string& repository, const std::string& a,
                               const std::string& b);

} // namespace kaiyuan::source
