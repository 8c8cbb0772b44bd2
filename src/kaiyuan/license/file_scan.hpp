#pragma once
/// License and copyright findings of every file of a tree (directory, archive, image), read
/// once and analysed on all cores.
#include "kaiyuan/license/copyright.hpp"
#include "kaiyuan/license/detector.hpp"
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/source/file_tree.hpp"
#include "kaiyuan/util/progress.hpp"

#include <string>
#include <vector>

namespace kaiyuan::license {

struct FileLicenses {
    std::string path;
    std::uint64_t size = 0;
    std::string sha1;
    /// "binary" when the file was recognised as binary and not searched; "" otherwise.
    std::string skipped;
    std::vector<LicenseMatch> licenses;
    std::vector<Copyright> copyrights;
    /// The file's own text when it is a license file (LICENSE, COPYING, ...; at most 128 KiB)
    /// holding a whole license text: what a notice ships instead of SPDX's template.
    std::string text;
};

/// LICENSE, LICENCE, COPYING, COPYRIGHT, NOTICE, UNLICENSE, with any suffix (COPYING.LIB,
/// LICENSE-MIT, license.txt), in any case: the files a project keeps its license in.
bool is_license_file_name(std::string_view path);

/// Directories of version control metadata that license scans skip by default.
inline constexpr const char* k_vcs_dirs = ".git,.hg,.svn,.bzr,CVS,_darcs";

/// A license text in a REUSE project's LICENSES/ folder is named by its file: REUSE 3.x names
/// each "LICENSES/<SPDX License Identifier>.<extension>". A text whose words several ids share
/// (LGPL-2.0-only and LGPL-2.0-or-later have one text) is reported as the id the file is named
/// after, when that is one of them.
void name_text_by_reuse_file_name(std::string_view path, std::vector<LicenseMatch>& licenses);

/// Looks at one file's bytes: binary files (a NUL byte in the first 8 KiB) are skipped; text is
/// searched whole (invalid UTF-8 is read as bytes).
FileLicenses analyze_file(std::string path, std::string_view data);

struct LicenseScanOptions {
    unsigned threads = 0; ///< 0: every core
    util::Progress* progress = nullptr;
    /// Directory names whose contents are not read (at any depth); VCS metadata by default.
    std::vector<std::string> skip_dirs = {".git", ".hg", ".svn", ".bzr", "CVS", "_darcs"};
};

struct LicenseScan {
    std::vector<FileLicenses> files; ///< in path order
    std::vector<model::Diagnostic> diagnostics;
};

Result<LicenseScan> scan_licenses(source::FileTree& tree, const LicenseScanOptions& options = {});

} // namespace kaiyuan::license
