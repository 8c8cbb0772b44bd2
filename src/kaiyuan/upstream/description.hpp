#pragma once
/// Where a package's upstream releases are, as openEuler-Advisor describes it in
/// `upstream-info/<package>.yaml` (2,700 packages): `version_control` (the kind of upstream),
/// `src_repo`, and how tags become versions (`tag_prefix`, `tag_pattern`, `tag_reorder` with
/// `tag_neworder`, `separator`), read exactly as openEuler-Advisor's check_upstream.py reads
/// them (docs/cli.md, "upstream").
///
/// Real files hold misspellings (`version-control`, `version-ctrl`, `seperator`, `sepreator`,
/// `tag_prefixi`, `meatcpan`) and kinds nothing can check (`NA`, `cvs`, `fossil`): each is a
/// diagnostic naming the file and line; a misspelt key or kind whose meaning is plain is read as
/// meant, and said so.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaiyuan::upstream {

enum class UpstreamKind {
    none, ///< no upstream described ("NA", "None", absent) or a kind that cannot be checked
    github,
    gitee,
    gitlab_gnome,
    git,
    hg,
    svn,
    pypi,
    rubygem,
    metacpan,
    gnu_ftp,
    ftp,
    sourceforge,
    // Registries of language ecosystems (SBOM components, nvchecker sources), and a page read
    // with a pattern (nvchecker's regex source).
    npm,
    cratesio,
    maven,
    go,
    packagist,
    nuget,
    regex,
};

/// The kind's name as openEuler-Advisor writes it ("gitlab.gnome"); "" for none.
std::string_view kind_name(UpstreamKind kind);
/// The kind `name` names ("gitlab.gnome", "pypi"); none for a name that is no kind.
UpstreamKind kind_from_name(std::string_view name);

struct UpstreamDescription {
    std::string package; ///< the file's name without .yaml
    std::string file;
    UpstreamKind kind = UpstreamKind::none;
    std::string kind_as_written;
    std::string src_repo;
    std::string tag_prefix, tag_pattern, tag_reorder, tag_neworder, separator;
    /// nvchecker's `include_regex` / `exclude_regex`: versions kept only when the first matches
    /// them whole, and left out when the second does.
    std::string include_regex, exclude_regex;
    /// nvchecker's regex source: the versions are the first group of this pattern's matches on
    /// the page at `url`.
    std::string regex;
    std::string url; ///< `url`: a page listing releases, for the ftp-like kinds
    /// `git_tag`: tags openEuler-Advisor recorded, "2017-01-15 v1.2.11" as date and tag.
    std::vector<std::pair<std::string, std::string>> recorded_tags;
};

/// Reads one upstream-info file's text; `file` names it in diagnostics. Fails only when the
/// text is not YAML or not a mapping.
Result<UpstreamDescription> read_upstream_info(std::string_view text, const std::string& file,
                                               std::vector<model::Diagnostic>& diagnostics);

} // namespace kaiyuan::upstream
