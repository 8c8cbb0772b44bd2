#pragma once
/// An upgrade prepared as a packager prepares it (docs/cli.md, "upstream upgrade"), in a package
/// repository of the src-openeuler layout (or Fedora's, whose `sources` file keeps checksums):
///
/// 1. the spec's Version set, Release reset, a %changelog entry added (spec_edit.hpp) with the
///    packager from git's configuration, "update to VERSION" and the CVE ids the upgrade fixes;
/// 2. the new Source0 downloaded from the spec's URL with the new version expanded (or a URL
///    given), its SHA-256 reported, and it replaces the old archive in the repository (where
///    src-openeuler keeps it) or its checksum line in `sources` (Fedora's form);
/// 3. every patch tried on the new release (patch_check.hpp): still applies, already upstream,
///    or must be rebased;
/// 4. the changes committed on a new branch (libgit2), HEAD on it, ready for a pull request.
///
/// Everything that can fail is done before anything is changed (the spec edit, the download,
/// the archive read, the repository's state, the packager); should writing or committing still
/// fail, every file and HEAD are put back. The report says which step failed.
#include "kaiyuan/upstream/http_batch.hpp"
#include "kaiyuan/upstream/patch_check.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kaiyuan::upstream {

struct UpgradeOptions {
    std::string to_version;
    /// Source0's URL instead of the spec's; %{version} and %version in it are the new version.
    std::string source_url;
    std::string branch;             ///< default "upgrade/NAME-VERSION"
    std::string packager;           ///< "Name <email>"; default git's user.name and user.email
    bool commit = true;             ///< false: files changed, nothing committed
    std::vector<std::string> fixed; ///< CVE ids the upgrade fixes, for the changelog
    HttpBatchOptions http;
};

struct UpgradeReport {
    std::string name, from_version, to_version, spec_file;
    std::string source_url, source_file, sha256;
    std::uint64_t source_bytes = 0;
    std::string removed_source; ///< the old archive taken out of the repository
    std::string checksum_file;  ///< `sources`, when its line was replaced
    std::vector<PatchResult> patches;
    std::string branch, commit;
    std::vector<std::string> done;  ///< the steps done, in order
    std::string failed_step, error; ///< set when it failed: then nothing was changed
    bool ok() const { return error.empty(); }
};

UpgradeReport upgrade_package(const std::string& package_dir, const UpgradeOptions& options);

} // namespace kaiyuan::upstream
