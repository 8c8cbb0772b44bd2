#pragma once
/// `kaiyuan db update`: OSV's per-ecosystem exports ({base}/{ecosystem}/all.zip) downloaded over
/// HTTPS with libcurl, conditional on the ETag and Last-Modified of the previous download, each
/// written to a temporary file, imported in one transaction and then renamed over the kept copy
/// (atomic on POSIX).
#include "kaiyuan/util/progress.hpp"
#include "kaiyuan/vuln/importer.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

/// OSV's public export bucket.
inline constexpr const char* k_osv_export_base =
    "https://osv-vulnerabilities.storage.googleapis.com";

struct EcosystemUpdate {
    std::string ecosystem, url;
    enum class Outcome { downloaded, not_modified, failed } outcome = Outcome::failed;
    std::string error;         ///< for failed
    std::uint64_t bytes = 0;   ///< downloaded
    std::uint64_t records = 0; ///< imported
};

struct UpdateReport {
    std::vector<EcosystemUpdate> ecosystems;
    ImportReport import; ///< the imports of the downloads, summed
};

/// Updates `ecosystems` (OSV names: "PyPI", "Debian", "openEuler"...) from `base`, keeping the
/// downloads in `download_dir` (the validators of the next download refer to them). A failed
/// download or import is reported and the others go on.
Result<UpdateReport> update_from_osv(AdvisoryStore& db, const std::vector<std::string>& ecosystems,
                                     const std::string& base, const std::string& download_dir,
                                     util::Progress& progress);

/// The ecosystems `db update` fetches when none is named: those already in the database, else a
/// default set (the language ecosystems kaiyuan catalogs and the distributions it reads).
std::vector<std::string> default_update_ecosystems(AdvisoryStore& db);

} // namespace kaiyuan::vuln
