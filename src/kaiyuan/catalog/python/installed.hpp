#pragma once
/// Installed Python distributions: *.dist-info/METADATA (core metadata,
/// https://packaging.python.org/en/latest/specifications/core-metadata/) and the older
/// *.egg-info/PKG-INFO (or an *.egg-info file, as Debian's dist-packages keep them). The
/// dependency graph joins Requires-Dist names to the distributions installed beside them.
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/util/error.hpp"

namespace kaiyuan::catalog::python {

struct CoreMetadata {
    std::string name, version, summary, home_page, author, license, license_expression;
    std::vector<std::string> classifiers, requires_dist;
};

/// RFC 822-style headers up to the first blank line; continuation lines join the previous
/// header. Fails when there is no Name or Version.
Result<CoreMetadata> parse_core_metadata(std::string_view text);

/// The SPDX expression the metadata declares: License-Expression, else a License field that is
/// one, else the license classifiers that name one license exactly.
std::string declared_license(const CoreMetadata& m);

/// Catalogs installed distributions: `files` are METADATA / PKG-INFO / *.egg-info files.
CatalogResult catalog_installed(const std::vector<const FileData*>& files);

} // namespace kaiyuan::catalog::python
