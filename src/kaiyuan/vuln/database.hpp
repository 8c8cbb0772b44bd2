#pragma once
/// The advisory database: one SQLite file holding OSV records, indexed by (ecosystem, package
/// name) for matching and by alias. Imports run in one transaction, so an import that fails or is
/// interrupted half way leaves the previous contents intact (SQLite's rollback journal).
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/vuln/advisory_store.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace kaiyuan::vuln {

/// The database file when none is named: $KAIYUAN_DB, else $XDG_CACHE_HOME/kaiyuan/advisories.db,
/// else ~/.cache/kaiyuan/advisories.db (XDG Base Directory Specification).
std::string default_database_path();

class Database final : public AdvisoryStore {
public:
    /// Opens (creating when `create`) the database at `path`.
    static Result<Database> open(const std::string& path, bool create);
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database() override;

    Result<ImportStats> import(const std::vector<Advisory>& advisories,
                               const std::vector<SourceStatus>& sources) override;
    /// A deferred read transaction: one shared lock and one check of the file for all the
    /// lookups until end_reading(), instead of one per statement (a third of matching's time).
    void begin_reading() override;
    void end_reading() override;
    Result<std::vector<AffectedHit>> lookup(std::string_view ecosystem_base,
                                            std::string_view name) override;
    Result<std::string> affected_entries(std::int64_t row) override;
    Result<Advisory> advisory(std::string_view id) override;
    Result<Advisory> advisory_header(std::string_view id) override;
    Result<std::vector<EcosystemStatus>> ecosystems() override;
    Result<std::vector<std::string>> covered_ecosystems() override;
    Result<std::vector<SourceStatus>> sources() override;
    Result<std::uint64_t> advisory_count() override;
    SourceStatus source(const std::string& name) override;
    std::string location() const override { return path(); }

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
