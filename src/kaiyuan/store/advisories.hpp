#pragma once
/// The advisories of the service, kept in the store beside the SBOMs (SQLite or PostgreSQL), so
/// that every server on one database matches against the same records. The same index as
/// vuln::Database's file; an import also queues the re-matching of what it changed, in its own
/// transaction, so that a crash between the two cannot happen.
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/vuln/advisory_store.hpp"

namespace kaiyuan::store {

/// The job kind that re-matches stored components against changed advisories; its payload is
/// the advisory ids, one per line.
inline constexpr const char* k_rematch_job = "advisory-rematch";

class StoreAdvisories final : public vuln::AdvisoryStore {
public:
    explicit StoreAdvisories(Store& store) : m_store(store) {}

    Result<vuln::ImportStats> import(const std::vector<vuln::Advisory>& advisories,
                                     const std::vector<vuln::SourceStatus>& sources) override;
    Result<std::vector<vuln::AffectedHit>> lookup(std::string_view ecosystem_base,
                                                  std::string_view name) override;
    Result<std::string> affected_entries(std::int64_t row) override;
    Result<vuln::Advisory> advisory(std::string_view id) override;
    Result<vuln::Advisory> advisory_header(std::string_view id) override;
    Result<std::vector<vuln::EcosystemStatus>> ecosystems() override;
    Result<std::vector<std::string>> covered_ecosystems() override;
    Result<std::vector<vuln::SourceStatus>> sources() override;
    Result<std::uint64_t> advisory_count() override;
    vuln::SourceStatus source(const std::string& name) override;
    std::string location() const override;

    /// The ids of the stored advisories that are `id` or have it as an alias.
    Result<std::vector<std::string>> resolve(std::string_view id);
    /// The ids changed by the last import() (added, replaced or withdrawn).
    const std::vector<std::string>& last_changed() const { return m_changed; }

private:
    Store& m_store;
    std::vector<std::string> m_changed;
};

} // namespace kaiyuan::store
