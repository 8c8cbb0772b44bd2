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
};

/// Looks at one file's bytes: binary files (a NUL byte in the first 8 KiB) are skipped; text is
/// searched whole (invalid UTF-8 is read as bytes).
FileLicenses analyze_file(std::string path, std::string_view data);

struct LicenseScanOptions {
    unsigned threads = 0; ///< 0: every core
    util::Progress* progress = nullptr;
};

struct LicenseScan {
    std::vector<FileLicenses> files; ///< in path order
    std::vector<model::Diagnostic> diagnostics;
};

Result<LicenseScan> scan_licenses(source::FileTree& tree, const LicenseScanOptions& options = {});

} // namespace kaiyuan::license
