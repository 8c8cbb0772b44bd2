#pragma once
/// The advisory database: one SQLite file holding OSV records, indexed by (ecosystem, package
/// name) for matching and by alias. Imports run in one transaction, so an import that fails or is
/// interrupted half way leaves the previous contents intact (SQLite's rollback journal).
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/vuln/advisory.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace kaiyuan::vuln {

/// The database file when none is named: $KAIYUAN_DB, else $XDG_CACHE_HOME/kaiyuan/advisories.db,
/// else ~/.cache/kaiyuan/advisories.db (XDG Base Directory Specification).
std::string default_database_path();

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
    std::int64_t row = 0; ///< stable while the database is open: a cache key
    std::string advisory_id, ecosystem;
};

class Database {
public:
    /// Opens (creating when `create`) the database at `path`.
    static Result<Database> open(const std::string& path, bool create);
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    /// Stores `advisories` in one transaction: withdrawn records are removed, a record replaces a
    /// stored one only when its `modified` is newer. `sources` are recorded for status.
    Result<ImportStats> import(const std::vector<Advisory>& advisories,
                               const std::vector<SourceStatus>& sources);

    /// The affected-package entries of `name` (normalised as normalize_package_name does) in
    /// ecosystems whose name before ':' is `ecosystem_base`.
    Result<std::vector<AffectedHit>> lookup(std::string_view ecosystem_base, std::string_view name);

    /// The OSV `affected[]` entries of a hit's row, as a JSON array: matching reads only what
    /// concerns the package, once per row.
    Result<std::string> affected_entries(std::int64_t row);

    /// The stored record of `id`, or of the advisory that has `id` as an alias.
    Result<Advisory> advisory(std::string_view id);

    /// The record of `id` without its `affected[]` (what reports show), read faster than
    /// advisory() for advisories that list many packages.
    Result<Advisory> advisory_header(std::string_view id);

    Result<std::vector<EcosystemStatus>> ecosystems();
    /// Every ecosystem as stored ("Debian:12", "PyPI", "GIT") that has at least one affected
    /// entry: what the database can answer for at all.
    Result<std::vector<std::string>> covered_ecosystems();
    Result<std::vector<SourceStatus>> sources();
    Result<std::uint64_t> advisory_count();
    /// The stored HTTP validators of a source (for conditional downloads); empty when unknown.
    SourceStatus source(const std::string& name);

    const std::string& path() const;

private:
    Database() = default;
    struct State;
    std::unique_ptr<State> m_state;
};

/// The name under which a package is indexed and looked up: PEP 503 for PyPI, lower case for the
/// ecosystems whose names are case-insensitive (crates.io is not; npm names are lower case),
/// as is otherwise.
std::string normalize_package_name(std::string_view ecosystem_base, std::string_view name);

/// "Debian:12" -> "Debian".
std::string_view ecosystem_base(std::string_view ecosystem);

} // namespace kaiyuan::vuln
