#pragma once
/// Git repositories in a scanned tree: the tree's own repository and its submodules, each as a
/// component whose version is the commit checked out, so that advisories with GIT ranges (OSS-Fuzz,
/// the PSF's CPython records) can be matched by commit.
///
/// Read from the git directory's own files, as git lays them out
/// (https://git-scm.com/docs/gitrepository-layout): HEAD (a ref or a detached commit), the loose
/// ref or the packed-refs line it names, and config for the remote's URL. Submodules keep their
/// git directory under the superproject's .git/modules/<name>/ with the same layout.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::git {

using model::k_commit_property;
using model::k_repository_property;

/// The files of one git directory (`dir` is its path in the tree, "src/.git" or
/// ".git/modules/zlib"): HEAD, config, packed-refs (may be empty) and loose refs by name
/// ("refs/heads/main" -> commit line).
struct GitDirFiles {
    std::string dir;
    std::string head, config, packed_refs;
    std::vector<std::pair<std::string, std::string>> loose_refs;
};

/// The URL of the remote "origin" (else of the first remote) in a git config file; "" when none.
std::string remote_url(std::string_view config);

/// One component for the repository, or a diagnostic saying why there is none (no commit yet,
/// a HEAD that names a ref that does not exist, a malformed HEAD).
CatalogResult parse_git_dir(const GitDirFiles& files, const model::Location& location);

class GitCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "git"; }
    std::vector<std::string> globs() const override;
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::git
