#pragma once
/// Notifications: events written to the outbox, one row per webhook that hears of them, in the
/// transaction of the change they announce (so that a crash loses none and announces nothing
/// that did not happen). Delivery is the delivery worker's (jobs/webhook_delivery.hpp).
#include "kaiyuan/store/connection.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kaiyuan::store {

/// One part of an event about one project: a finding, a violation, or (for advisory.affecting)
/// a project with its findings. Webhooks filter parts by project and by severity.
struct EventPart {
    std::int64_t project_id = 0;
    std::string severity; ///< "" when severity does not apply
    nlohmann::json body;
};

/// An event: its type, the fields it has beside its parts, and its parts under `parts_key`.
/// A per-project event (project_id set) gets a "project" field; a webhook hears of an event
/// when it sees at least one part's project (or the event's project) and, for findings, one
/// part is severe enough.
struct Event {
    std::string type;
    std::int64_t project_id = 0;
    nlohmann::json fields = nlohmann::json::object();
    std::string parts_key;
    std::vector<EventPart> parts;
};

/// Writes one outbox row per webhook that hears of each event.
Result<void> notify(Connection& c, const std::vector<Event>& events, const std::string& now);

/// A finding as notifications describe it, from a components row's fields.
nlohmann::json finding_json(const std::string& advisory_id, const std::string& severity,
                            std::int64_t score, const std::string& fixed,
                            const nlohmann::json& component);

/// A component as notifications name it.
nlohmann::json notified_component(const std::string& name, const std::string& version,
                                  const std::string& purl, const std::string& bom_ref);

/// A policy violation as notifications describe it; `reasons` one per line.
nlohmann::json violation_json(const nlohmann::json& component, const std::string& license,
                              const std::string& reasons);

/// "critical" 4 ... "low" 1; anything else 0.
int severity_rank(std::string_view severity);

} // namespace kaiyuan::store
