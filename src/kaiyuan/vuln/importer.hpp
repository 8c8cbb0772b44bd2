#pragma once
/// `kaiyuan db import`: advisories from files, directories and archives (OSV's per-ecosystem zip
/// exports) into the database, in one transaction for the whole import.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/util/progress.hpp"
#include "kaiyuan/vuln/database.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

struct ImportReport {
    ImportStats stats;
    std::uint64_t files = 0;         ///< advisory files read
    std::uint64_t records = 0;       ///< records read from them
    std::uint64_t skipped_files = 0; ///< files that are not advisories (README, LICENSE, ...)
    /// One per malformed file (named, with the reason) and per input that could not be read.
    std::vector<model::Diagnostic> diagnostics;
};

/// What one advisory file holds, by its name and first bytes: OSV JSON or YAML, openEuler CSAF
/// JSON or CVRF XML. Fails naming the reason; `path` only decides the form.
Result<std::vector<Advisory>> read_advisory_file(std::string_view path, std::string_view data);

/// True when `path` names a file read_advisory_file reads (.json, .yaml, .yml, .xml).
bool is_advisory_file_name(std::string_view path);

/// Reads every advisory under `inputs` and stores them. A malformed file is reported and
/// skipped; an input that cannot be opened at all fails the import before anything is stored.
/// The inputs are recorded as sources for `db status`; `sources`, when given, are recorded
/// instead (downloads, with their HTTP validators). `complete_inputs`: an archive that cannot be
/// read to its end (a truncated download) fails the import instead of importing what it holds.
Result<ImportReport> import_paths(AdvisoryStore& db, const std::vector<std::string>& inputs,
                                  util::Progress& progress,
                                  const std::vector<SourceStatus>& sources = {},
                                  bool complete_inputs = false);

} // namespace kaiyuan::vuln
