#pragma once
/// The handlers of every route, one file per resource; routes.cpp puts them in the table.
#include "kaiyuan/server/router.hpp"
#include "kaiyuan/util/error.hpp"

namespace kaiyuan::server {

// projects.cpp
Response list_projects(Context& c);
Response create_project(Context& c);
Response get_project(Context& c);
Response update_project(Context& c);
Response delete_project(Context& c);
Response project_children(Context& c);
// sboms.cpp
Response upload_sbom(Context& c);
Response upload_project_sbom(Context& c);
Response list_project_sboms(Context& c);
Response get_sbom(Context& c);
Response sbom_content(Context& c);
Response get_job(Context& c);
// components.cpp
Response project_components(Context& c);
Response project_dependencies(Context& c);
Response search_components(Context& c);
Response licenses_in_use(Context& c);
Response diff_projects(Context& c);
// findings.cpp
Response advisory_affected(Context& c);
Response get_advisory(Context& c);
Response post_advisories(Context& c);
Response project_findings(Context& c);
Response set_triage(Context& c);
Response triage_history(Context& c);
Response portfolio_metrics(Context& c);
Response project_metrics(Context& c);
// notifications.cpp
Response create_webhook(Context& c);
Response list_webhooks(Context& c);
Response delete_webhook(Context& c);
Response webhook_deliveries(Context& c);
Response project_violations(Context& c);
Response get_license_policy(Context& c);
Response put_license_policy(Context& c);
// upstream.cpp
Response create_watch(Context& c);
Response project_watches(Context& c);
Response get_watch(Context& c);
Response delete_watch(Context& c);
Response check_watch(Context& c);
// signing.cpp
Response list_signing_keys(Context& c);
Response sign(Context& c);
Response list_signatures(Context& c);
Response get_signature(Context& c);
// vex.cpp
Response project_vex(Context& c);
Response post_project_vex(Context& c);
// sessions.cpp
Response sign_in(Context& c);
Response current_session(Context& c);
Response sign_out(Context& c);
Response list_users(Context& c);
Response create_user(Context& c);
Response update_user(Context& c);
Response delete_user(Context& c);
Response list_teams(Context& c);
Response put_team(Context& c);
Response delete_team(Context& c);
// browse.cpp
Response projects_at_risk(Context& c);
Response list_advisories(Context& c);
// admin.cpp
Response list_keys(Context& c);
Response create_key(Context& c);
Response revoke_key(Context& c);
Response grant_team(Context& c);
Response openapi_document(Context& c);
Response health(Context& c);
Response version_info(Context& c);
// dt_v1/*.cpp: Dependency-Track v4 compatible routes
Response dt_put_bom(Context& c);
Response dt_post_bom(Context& c);
Response dt_token(Context& c);
Response dt_list_projects(Context& c);
Response dt_lookup_project(Context& c);
Response dt_get_project(Context& c);
Response dt_delete_project(Context& c);
Response dt_project_components(Context& c);
Response dt_project_findings(Context& c);
Response dt_vulnerability_projects(Context& c);
Response dt_project_metrics(Context& c);

/// Queues `content` for the project (shared by /api/v2 and the DT routes): checks the document
/// first (400 with what is wrong), then stores the bytes durably and returns the job token.
Result<std::string> accept_upload(Context& c, const store::Project& project,
                                  const std::string& source, const std::string& content,
                                  std::string& refused);

} // namespace kaiyuan::server
