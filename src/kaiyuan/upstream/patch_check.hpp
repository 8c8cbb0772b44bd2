#pragma once
/// Which of a package's patches still apply to a new upstream release, and which upstream
/// already contains (docs/cli.md, "upstream upgrade"). The release's archive is unpacked with
/// libarchive into a temporary directory (paths normalised: nothing lands outside it; links are
/// not made), and each patch is tried with GNU patch, nothing changed:
/// `patch -p<N> --dry-run --batch --force -s`, then, when it does not apply, the same with `-R`:
/// a patch that applies in reverse is one upstream has taken.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::upstream {

enum class PatchFate {
    applies,          ///< still needed and still applies
    already_upstream, ///< applies in reverse: upstream contains it; drop it
    does_not_apply,   ///< neither: it must be rebased
    missing,          ///< the spec names it, the package repository does not hold it
};
std::string_view to_string(PatchFate f);

struct PatchToCheck {
    std::string tag;  ///< "Patch6000"
    std::string path; ///< the patch file
};

struct PatchResult {
    std::string tag, file;
    PatchFate fate = PatchFate::missing;
};

/// The strip level of the spec's `%autosetup -pN` / `%autopatch -pN` / `%patch -pN`; 1 when it
/// says none (what %autosetup users write almost always).
int patch_strip_level(std::string_view spec_text);

/// Unpacks `archive` (a release tarball's bytes; `name` names it in errors) and tries each patch
/// on its top directory. Fails when the archive cannot be unpacked or `patch` cannot be run.
Result<std::vector<PatchResult>> check_patches(std::string_view archive, const std::string& name,
                                               const std::vector<PatchToCheck>& patches, int strip);

} // namespace kaiyuan::upstream
