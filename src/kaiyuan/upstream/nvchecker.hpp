#pragma once
/// nvchecker's configuration (nvchecker.readthedocs.io, "Configuration Files") read as upstream
/// descriptions, so that an Arch-style watch list is checked as openEuler's upstream-info is.
///
/// Each table but `[__config__]` is one package: `source` names where its versions are, with the
/// source's own key (`github = "owner/repo"`, `pypi = "name"`...). Read: github, gitlab (with
/// `host`), gitea (with `host`), git, pypi, npm, cratesio, gems, cpan, packagist, go, regex (`url`,
/// `regex`). github and gitlab are read from their tags (as `use_max_tag = true`; nvchecker's
/// latest-commit and latest-release modes need the forges' APIs). The list options `prefix`,
/// `from_pattern`/`to_pattern`, `include_regex` and `exclude_regex` apply as nvchecker applies
/// them, except that a tag without the `prefix` is left out rather than kept whole. Other
/// sources and options are each a diagnostic naming the file and the table.
///
/// The packaged versions are those of the `oldver` file `[__config__]` names (relative to the
/// configuration file), in nvchecker's version 2 form (`{"version": 2, "data": {NAME:
/// {"version": V}}}`) or the older flat one (`{NAME: V}`).
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/upstream/packaged.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::upstream {

/// The packages of one nvchecker configuration's text; `file` names it in diagnostics and
/// places its `oldver` file. Fails only when the text is not TOML.
Result<std::vector<PackagedSource>> read_nvchecker(std::string_view text, const std::string& file,
                                                   std::vector<model::Diagnostic>& diagnostics);

/// The versions an nvchecker oldver/newver file holds, by package name.
Result<std::vector<std::pair<std::string, std::string>>>
read_nvchecker_versions(std::string_view text);

} // namespace kaiyuan::upstream
