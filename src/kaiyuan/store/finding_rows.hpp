#pragma once
/// How findings and package keys become rows; shared by the SBOM store and the re-match.
#include "kaiyuan/store/connection.hpp"
#include "kaiyuan/store/types.hpp"

#include <string_view>

namespace kaiyuan::store {

/// "$first, $first+1, ..." for `n` parameters.
std::string placeholders(std::size_t first, std::size_t n);

/// What triage decisions are keyed by: the purl without qualifiers and subpath, else
/// name@version, so that a decision carries across uploads while the component stays.
std::string component_key(const std::string& purl_type, const std::string& purl_namespace,
                          const std::string& purl_name, const std::string& purl_version,
                          const std::string& name, const std::string& version);

extern const std::string_view k_finding_columns[13];
std::vector<Value> finding_row(std::int64_t project_id, std::int64_t sbom_id, const NewFinding& f,
                               const std::string& component_key, const std::string& first_seen);

extern const std::string_view k_violation_columns[7];

/// Marks a claimed job done in the caller's transaction, if its lease is still the caller's
/// (else conflict: another worker took it over, and this one must write nothing). With
/// `keep_payload` the payload stays (re-match jobs may be queued again from it).
Result<void> finish_leased_job(Connection& c, const ClaimedJob& job, const std::string& now,
                               bool keep_payload = false);
/// Serialises uploads, re-matches and re-judges on PostgreSQL (SQLite has one writer anyway),
/// so that each reads what the other committed.
Result<void> lock_analysis(Connection& c);

/// Queues a k_rejudge_job (in the caller's transaction).
Result<void> queue_rejudge(Connection& c, const std::string& now);

/// Records the counts of `project_ids` now (in the caller's transaction); with `only_changed`,
/// only of those whose counts differ from their last record. Returns how many it recorded.
Result<std::int64_t> record_metrics(Connection& c, const std::vector<std::int64_t>& project_ids,
                                    const std::string& now, bool only_changed = false);

} // namespace kaiyuan::store
