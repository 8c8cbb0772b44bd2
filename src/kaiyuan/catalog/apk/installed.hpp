#pragma once
/// Alpine's package database, lib/apk/db/installed (apk-tools "installed database" format):
/// paragraphs of single-letter "K:value" lines separated by blank lines. P name, V version,
/// A arch, L license, T description, U url, m maintainer, o origin (source package), D depends,
/// p provides, C checksum, F directory, R file in the last F directory.
#include "kaiyuan/model/diagnostic.hpp"

#include <string>
#include <vector>

namespace kaiyuan::catalog::apk {

struct ApkPackage {
    std::string name, version, arch, license, description, url, maintainer, origin, checksum,
        commit;
    std::vector<std::string> depends;
    std::vector<std::string> provides;
    std::vector<std::string> files;
    std::uint32_t line = 0;
};

struct InstalledDb {
    std::vector<ApkPackage> packages;
    std::vector<model::Diagnostic> diagnostics;
};

InstalledDb parse_installed(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::apk
