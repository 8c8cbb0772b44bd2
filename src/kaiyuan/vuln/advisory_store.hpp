#pragma once
/// Where advisories are kept and looked up: the interface matching, importing and updating work
/// through. Two implementations: vuln::Database (a SQLite file of its own, for the command line)
/// and the service's store (store::StoreAdvisories, in SQLite or PostgreSQL beside the SBOMs).
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/vuln/advisory.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::vuln {

/// What one import did.
struct ImportStats {
    std::uint64_t added = 0;     ///< new records
    std::uint64_t replaced = 0;  ///< records with a newer `modified` than the stored one
    std::uint64_t unchanged = 0; ///< records not newer than the stored one
    std::uint64_t withdrawn = 0; ///< withdrawn records (removed when stored)
};

/// Per ecosystem (without its ":release"): how many advisories, the newest `modified`.
struct EcosystemStatus {
    std::string ecosystem;
    std::uint64_t advisories = 0;
    std::string newest_modified;
};

/// One imported source: its name (a path or a download), when, how many records, HTTP validators.
struct SourceStatus {
    std::string name, imported_at, etag, last_modified;
    std::uint64_t records = 0;
};

/// The affected entries of one advisory for one package: the advisory and the ecosystem as
/// stored; affected_entries(row) reads the entries themselves.
struct AffectedHit {
    std::int64_t row = 0; ///< stable while the store is open: a cache key
    std::string advisory_id, ecosystem;
};

/// What matching reads.
class AdvisoryIndex {
public:
    virtual ~AdvisoryIndex() = default;
    /// Many lookups in a row (matching an SBOM) read one snapshot: a store that takes a lock
    /// per statement otherwise (SQLite) takes it once. Nothing to do by default.
    virtual void begin_reading() {}
    virtual void end_reading() {}
    /// The affected-package entries of `name` (normalised as normalize_package_name does) in
    /// ecosystems whose name before ':' is `ecosystem_base`.
    virtual Result<std::vector<AffectedHit>> lookup(std::string_view ecosystem_base,
                                                    std::string_view name) = 0;
    /// The OSV `affected[]` entries of a hit's row, as a JSON array: matching reads only what
    /// concerns the package, once per row.
    virtual Result<std::string> affected_entries(std::int64_t row) = 0;
    /// The stored record of `id`, or of the advisory that has `id` as an alias.
    virtual Result<Advisory> advisory(std::string_view id) = 0;
    /// The record of `id` without its `affected[]` (what reports show), read faster than
    /// advisory() for advisories that list many packages.
    virtual Result<Advisory> advisory_header(std::string_view id) = 0;
    /// Every ecosystem as stored ("Debian:12", "PyPI", "GIT") that has at least one affected
    /// entry: what the store can answer for at all.
    virtual Result<std::vector<std::string>> covered_ecosystems() = 0;
};

/// What importing, updating and `db status` need besides.
class AdvisoryStore : public AdvisoryIndex {
public:
    /// Stores `advisories` in one transaction: withdrawn records are removed, a record replaces a
    /// stored one only when its `modified` is newer. `sources` are recorded for status.
    virtual Result<ImportStats> import(const std::vector<Advisory>& advisories,
                                       const std::vector<SourceStatus>& sources) = 0;
    virtual Result<std::vector<EcosystemStatus>> ecosystems() = 0;
    virtual Result<std::vector<SourceStatus>> sources() = 0;
    virtual Result<std::uint64_t> advisory_count() = 0;
    /// The stored HTTP validators of a source (for conditional downloads); empty when unknown.
    virtual SourceStatus source(const std::string& name) = 0;
    /// Where it is, for messages: a path or a redacted database URL.
    virtual std::string location() const = 0;
};

/// What an import does with one record, given the stored record's `modified` (nullptr: none).
enum class ImportAction { add, replace, keep, withdraw, skip_withdrawn };
ImportAction import_action(const Advisory& incoming, const std::string* stored_modified);

/// One advisory as both stores index it: the record and its header (without affected[]) as OSV
/// JSON, one row per (ecosystem as stored, normalised package name) with the advisory's entries
/// for it as a JSON array (entries with GIT ranges also under ecosystem "GIT" and the normalised
/// repository URL), and its aliases.
struct AffectedRow {
    std::string ecosystem, base, name, entries;
};
struct IndexedAdvisory {
    std::string record, header;
    std::vector<AffectedRow> affected;
};
IndexedAdvisory index_advisory(const Advisory& advisory);

} // namespace kaiyuan::vuln
