#pragma once
/// The store: every SBOM an organisation ships, per project and version, kept over time; API keys
/// and teams; the durable job queue. One class over one Connection interface: the SQL here is
/// the subset SQLite and PostgreSQL share, and the few statements that differ ask the dialect.
/// Thread-safe: each call borrows a connection from the pool.
#include "kaiyuan/store/connection.hpp"
#include "kaiyuan/store/types.hpp"

#include <functional>
#include <memory>
#include <mutex>

namespace kaiyuan::model {
struct Sbom;
}

namespace kaiyuan::store {

/// Errors a caller tells apart (the server maps them to 404, 409 and 400).
enum class ErrorKind { other, not_found, conflict, invalid };
/// Prefixes of Error::message that carry the kind ("not found: ...").
ErrorKind kind_of(const Error& e);
std::string message_of(const Error& e); ///< the message without the kind prefix

/// What the upload of one SBOM writes, besides its bytes.
struct SbomUpload {
    std::int64_t project_id = 0;
    std::string source;
    std::int64_t key_id = 0;
    std::int64_t user_id = 0;
    std::string format;
    std::string spec_version;
    std::string content;
    std::string packed_content; ///< `content` as the store keeps it, when the caller has it already
};

/// How a refused sign-in of a throttled user begins (the server answers it with 429).
inline constexpr const char* k_throttled = "too many failed sign-ins";

/// The job kind that judges every current SBOM's components by the license policy again.
inline constexpr const char* k_rejudge_job = "policy-rejudge";

class Store {
public:
    /// Opens the store at `url` (see connect()) and applies pending migrations.
    static Result<std::unique_ptr<Store>> open(const std::string& url);
    ~Store();

    Dialect dialect() const { return m_dialect; }
    const std::string& url() const { return m_url; }
    /// The schema version after migrations.
    std::int64_t schema_version();

    // --- keys and teams (keys.cpp) ---
    Result<CreatedKey> create_key(const std::string& team,
                                  const std::vector<Permission>& permissions,
                                  const std::string& comment);
    Result<std::vector<ApiKeyInfo>> list_keys();
    Result<void> revoke_key(const std::string& public_id);
    /// The access a presented key gives; fails (not_found) for an unknown, malformed or revoked
    /// key, comparing secrets in constant time.
    Result<Access> authenticate(std::string_view key);
    /// Whether any key exists (the first start says how to make one).
    Result<bool> has_keys();
    Result<void> grant_project(const std::string& team, const std::string& project_uuid);
    Result<void> grant_tag(const std::string& team, const std::string& tag);

    // --- people, teams and sessions (users.cpp) ---
    /// A user in `teams` (which must exist); the password (8 to 1024 bytes) is kept as Argon2id.
    Result<UserInfo> create_user(const std::string& name, std::string_view password,
                                 const std::vector<std::string>& teams);
    Result<std::vector<UserInfo>> list_users();
    Result<UserInfo> get_user(const std::string& name);
    /// A new password or a disabled account also ends the user's sessions.
    Result<UserInfo> update_user(const std::string& name, const UserChange& change);
    Result<void> delete_user(const std::string& name);
    Result<std::vector<TeamInfo>> list_teams();
    /// Makes the team, or sets the permissions of the one that exists.
    Result<TeamInfo> put_team(const std::string& name, const std::vector<Permission>& permissions);
    Result<void> delete_team(const std::string& name);
    /// A new session (always a fresh token: a session id planted before sign-in is worthless)
    /// when the password matches an enabled user; fails (not_found) alike for an unknown user and
    /// a wrong password, in about the same time; fails (invalid, starting with k_throttled) while
    /// the user's sign-in is throttled after repeated failures.
    Result<CreatedSession> sign_in(const std::string& name, std::string_view password,
                                   int hours = 12);
    /// The access a session token gives; fails (not_found) for an unknown or expired one.
    Result<SessionAccess> session(std::string_view token);
    Result<void> sign_out(std::string_view token);

    // --- browsing (metrics.cpp, advisory_list.cpp) ---
    /// The `limit` visible projects with the highest risk score now (ties: more findings first).
    Result<std::vector<ProjectRisk>> projects_at_risk(const Access& a, std::size_t limit);
    /// Stored advisories, newest change first; total counted.
    Result<Page<AdvisoryListItem>> list_advisories(const Access& a, const AdvisoryFilter& f);

    // --- projects (projects.cpp) ---
    Result<Project> create_project(const Access& a, Project p);
    Result<Project> get_project(const Access& a, const std::string& uuid);
    Result<Project> lookup_project(const Access& a, const std::string& name,
                                   const std::string& version);
    Result<Page<Project>> list_projects(const Access& a, const ProjectFilter& f);
    /// Replaces the fields that `p` sets (name, version, description, classifier, active, tags,
    /// parent) of project `uuid`.
    Result<Project> update_project(const Access& a, const std::string& uuid, const Project& p);
    Result<void> delete_project(const Access& a, const std::string& uuid);
    /// The project an upload goes to: found by name and version, or created when `auto_create`
    /// (granted to the uploader's team, under the parent named, if any, with `tags` and the
    /// latest-version flag).
    Result<Project> project_for_upload(const Access& a, const std::string& name,
                                       const std::string& version, bool auto_create,
                                       const std::string& parent_name,
                                       const std::string& parent_version,
                                       const std::vector<std::string>& tags = {},
                                       bool is_latest = false);

    // --- SBOMs and the job queue (sboms.cpp, jobs.cpp) ---
    /// Queues an upload: the bytes are durable when this returns the token.
    Result<std::string> enqueue_upload(const Access& a, const Project& p, const std::string& source,
                                       const std::string& content);
    Result<JobInfo> job(const Access& a, const std::string& token);
    /// Takes the oldest queued job (or one whose worker's lease ran out) for `owner`.
    Result<std::optional<ClaimedJob>> claim_job(const std::string& owner, std::int64_t lease_ms);
    /// Stores the parsed SBOM of `job` and marks the job done, in one transaction; fails when
    /// the job's lease was lost (another worker then owns it, and nothing is written).
    Result<std::string> complete_upload(const ClaimedJob& job, const SbomUpload& upload,
                                        const model::Sbom& sbom, const Analysis& analysis = {});
    /// Marks the job failed with `error` (no retry: the input was refused).
    Result<void> fail_job(const ClaimedJob& job, const std::string& error);
    /// Folds SQLite's write-ahead log back into the database file and truncates it (workers call
    /// it now and then: under steady reads the log would otherwise only grow). PostgreSQL: nothing.
    void checkpoint();
    /// Jobs not done or failed, for metrics and tests.
    Result<std::int64_t> pending_jobs();

    Result<std::vector<SbomInfo>> list_sboms(const Access& a, const std::string& project_uuid);
    Result<SbomInfo> get_sbom(const Access& a, const std::string& sbom_uuid);
    Result<std::string> sbom_content(const Access& a, const std::string& sbom_uuid);

    // --- analysis (findings.cpp) ---
    /// The newest advisory re-match job's id (Analysis::rematch_mark).
    Result<std::int64_t> rematch_mark();
    /// Runs a claimed re-match job in one transaction that holds its lease: reads the current
    /// components whose package keys `advisory_ids` name, lets `evaluate` match them, replaces
    /// those advisories' findings with what it returns and marks the job done. Returns how many
    /// findings the advisories have now.
    Result<std::int64_t> rematch(const ClaimedJob& job,
                                 const std::vector<std::string>& advisory_ids,
                                 const std::function<Result<std::vector<RematchFinding>>(
                                     const std::vector<KeyedComponent>&)>& evaluate);
    /// Findings of current SBOMs, filtered; total counted.
    Result<FindingPage> findings(const Access& a, const FindingFilter& f);
    /// Records a triage decision for the finding of `advisory_id` on the component `component_key`
    /// in project `project_uuid` (which must have it now), with who made it and `comment` in the
    /// audit trail. Fails (invalid) on words outside the CycloneDX VEX vocabulary.
    Result<Triage> set_triage(const Access& a, const std::string& project_uuid,
                              const std::string& component_key, const std::string& advisory_id,
                              const Triage& triage, const std::string& comment);
    /// A project's counts now.
    Result<Metrics> project_metrics(const Access& a, const std::string& project_uuid);
    /// The counts recorded for a project, oldest first, from `since` (RFC 3339) on.
    Result<std::vector<Metrics>> project_metrics_series(const Access& a,
                                                        const std::string& project_uuid,
                                                        const std::string& since);
    /// The sum over the projects `a` sees, now.
    /// The portfolio's counts now; with `at_risk`, also its `top` projects by risk score (from
    /// the same counting: the dashboard asks for both).
    Result<Metrics> portfolio_metrics(const Access& a, std::size_t top = 0,
                                      std::vector<ProjectRisk>* at_risk = nullptr);
    /// The portfolio's counts per day from `since` on: each visible project's last record of
    /// the day (or before it), summed.
    Result<std::vector<Metrics>> portfolio_metrics_series(const Access& a,
                                                          const std::string& since);
    /// The daily record: the counts of every project that has no record today and whose counts
    /// differ from its last record (changes record their projects' own; the series carries a
    /// project's last record forward). Returns how many it recorded.
    Result<std::int64_t> record_all_metrics();
    /// The audit trail of one finding's triage, oldest first.
    Result<std::vector<TriageEvent>> triage_log(const Access& a, const std::string& project_uuid,
                                                const std::string& component_key,
                                                const std::string& advisory_id);

    /// A project's license policy violations now (its current SBOMs').
    Result<std::vector<StoredViolation>> violations(const Access& a,
                                                    const std::string& project_uuid);
    /// The license policy text every worker judges uploads by ("" when none).
    Result<std::string> license_policy();
    /// Replaces it (checked by the caller) and queues the re-judging of every current SBOM
    /// (k_rejudge_job) in the same transaction.
    Result<void> set_license_policy(const std::string& text);
    /// Runs a claimed re-judge job in one transaction that holds its lease: `judge` decides each
    /// current component (a violation, or nothing), the violations are replaced (keeping when
    /// each was first seen), new ones announced, and changed projects' metrics recorded.
    /// Returns how many violations there are now.
    Result<std::int64_t>
    rejudge(const ClaimedJob& job,
            const std::function<std::optional<NewViolation>(const LicensedComponent&)>& judge);

    // --- notifications (webhooks.cpp) ---
    /// Creates a webhook of `a`'s team (with admin: of every project); a secret is made when
    /// `hook.secret` is empty, and returned this once.
    Result<Webhook> create_webhook(const Access& a, Webhook hook);
    Result<std::vector<Webhook>> webhooks(const Access& a);
    Result<void> delete_webhook(const Access& a, const std::string& uuid);
    Result<std::vector<DeliveryInfo>> deliveries(const Access& a, const std::string& webhook_uuid,
                                                 std::size_t limit);
    /// Leases up to `limit` notifications due now for `lease_ms` (a dead deliverer's are taken
    /// over after that).
    Result<std::vector<Delivery>> claim_deliveries(const std::string& owner, std::size_t limit,
                                                   std::int64_t lease_ms);
    /// Marks a claimed notification delivered, or schedules its next attempt (backoff doubling
    /// from 1 s to an hour; given up after k_max_delivery_attempts).
    Result<void> finish_delivery(const Delivery& d, bool delivered, const std::string& error);
    static constexpr std::int64_t k_max_delivery_attempts = 40;

    // --- the signing service's log (signature_log.cpp) ---
    /// Appends `entry` with the next index and the current time, its leaf and leaf hash made
    /// here; concurrent appends (several servers on one PostgreSQL) get distinct, dense indexes.
    Result<SignatureLogEntry> append_signature(SignatureLogEntry entry);
    /// Entries from index `from` on, at most `limit`, oldest first.
    Result<std::vector<SignatureLogEntry>> signature_log(std::int64_t from, std::size_t limit);
    /// The leaf hashes (raw 32 bytes) of the entries from `from` on, in order.
    Result<std::vector<std::string>> signature_leaf_hashes(std::int64_t from);

    // --- upstream monitoring (upstream_watches.cpp) ---
    /// A watch of a package of project `project_uuid` (visible to `a`); checked first at once.
    Result<UpstreamWatch> create_watch(const Access& a, const std::string& project_uuid,
                                       UpstreamWatch w);
    Result<std::vector<UpstreamWatch>> project_watches(const Access& a,
                                                       const std::string& project_uuid);
    /// A watch and the releases it has seen, newest first seen first.
    Result<std::pair<UpstreamWatch, std::vector<UpstreamRelease>>>
    get_watch(const Access& a, const std::string& uuid);
    Result<void> delete_watch(const Access& a, const std::string& uuid);
    /// Makes a visible watch due now.
    Result<void> make_watch_due(const Access& a, const std::string& uuid);
    /// Takes up to `limit` watches due at `now`, each pushed to its next check so that another
    /// server takes it only when this one has not recorded it by then.
    Result<std::vector<UpstreamWatch>> claim_due_watches(const std::string& now, std::size_t limit);
    /// Records a check: releases not seen before are kept, and those of them newer than the
    /// packaged version are announced (upstream.release) in the same transaction; so is an
    /// upgrade to the newest release that fixes advisories the project's findings have on the
    /// package (upstream.fixing-upgrade), once per newest release and set of advisories.
    Result<std::vector<std::string>> record_watch_check(const UpstreamWatch& w,
                                                        const UpstreamCheckResult& result,
                                                        const std::string& now);

    // --- components (components.cpp) ---
    /// The project's inventory: its latest SBOM per source, or the latest uploaded at or before
    /// `at` (RFC 3339) when set; only components whose name or purl contains `q` (any case)
    /// when set; sorted by `sort` ("name", "version", "purl", "type", "license"; a leading "-"
    /// for descending), else by purl.
    Result<Page<StoredComponent>>
    project_components(const Access& a, const std::string& project_uuid, std::size_t limit,
                       std::size_t offset, const std::string& at = "", const std::string& q = "",
                       const std::string& sort = "");
    Result<std::vector<StoredDependency>> project_dependencies(const Access& a,
                                                               const std::string& project_uuid);
    Result<Page<StoredComponent>> search_components(const Access& a, const ComponentQuery& q);
    Result<std::vector<LicenseUse>> licenses(const Access& a, const std::string& project_uuid);
    Result<ProjectDiff> diff_projects(const Access& a, const std::string& from_uuid,
                                      const std::string& to_uuid);

    /// `ranked` (UUIDs and counts) with their projects read, those gone meanwhile left out.
    std::vector<ProjectRisk> with_projects(const Access& a,
                                           std::vector<std::pair<std::string, ProjectRisk>> ranked);

    /// A connection for the duration of `fn` (internal use and tests).
    template <class F> auto with_connection(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
        auto c = borrow();
        if (!c) return unexpected(c.error());
        auto result = fn(**c);
        give_back(std::move(*c));
        return result;
    }

private:
    Store() = default;
    Result<std::unique_ptr<Connection>> borrow();
    void give_back(std::unique_ptr<Connection> c);
    Result<void> migrate();
    Result<std::int64_t> team_id(Connection& c, const std::string& team, bool create);

    std::string m_url;
    Dialect m_dialect = Dialect::sqlite;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Connection>> m_idle;
};

/// The SQL condition "project p is visible to `a`", with its parameters appended to `params`.
std::string visible_condition(const Access& a, std::vector<Value>& params,
                              const char* project_column = "p.id");

/// The internal id of project `uuid` when `a` sees it, else not_found.
Result<std::int64_t> visible_project(Connection& c, const Access& a, const std::string& uuid);

/// Errors with a kind.
unexpected<Error> not_found(const std::string& what);
unexpected<Error> conflict(const std::string& what);
unexpected<Error> invalid(const std::string& what);

} // namespace kaiyuan::store
