#pragma once
/// The values the store takes and gives: plain structs, no SQL, no HTTP.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kaiyuan::store {

/// What an API key may do (docs/server.md "Keys and teams").
enum class Permission : unsigned { read = 1, upload = 2, triage = 4, admin = 8, sign = 16 };

const char* to_string(Permission p);
/// "read", "upload", "triage", "admin", "sign"; nothing for anything else.
std::optional<Permission> parse_permission(std::string_view s);
/// "read,triage" and back, as the store keeps them (unknown words are ignored).
std::string join_permissions(const std::vector<Permission>& ps);
unsigned permission_bits(std::string_view list);
std::vector<std::string> permission_names(unsigned bits);

/// Who is asking: a key's team and permissions, or a signed-in user's teams and the union of
/// their permissions. Every read and write of projects takes one, and the store filters by it (a
/// team sees the projects granted to it, by project or by tag; a user sees what any of their teams
/// sees; admin sees all).
struct Access {
    std::int64_t team_id = 0; ///< a user's first team: what they create is granted to it
    std::int64_t key_id = 0;
    std::string key_public_id;
    std::string team;
    std::int64_t user_id = 0; ///< non-zero for a signed-in user
    std::string user;
    unsigned permissions = 0;
    /// Who did it, for audit trails: the user's name, else "team/key id".
    std::string actor() const {
        if (!user.empty()) return user;
        return key_public_id.empty() ? team : team + "/" + key_public_id;
    }
    bool has(Permission p) const {
        return (permissions & static_cast<unsigned>(p)) ||
               (permissions & static_cast<unsigned>(Permission::admin));
    }
    bool admin() const { return permissions & static_cast<unsigned>(Permission::admin); }
    /// Unrestricted access, for commands run on the store's own machine (kaiyuan apikey ...).
    static Access local_admin();
};

struct ApiKeyInfo {
    std::string id; ///< the public part of the key, also its name in lists and logs
    std::string team;
    std::vector<std::string> permissions;
    std::string comment;
    std::string created_at;
    std::string revoked_at;   ///< "" while valid
    std::string last_used_at; ///< "" when never used
};

struct CreatedKey {
    std::string key; ///< the whole key, shown once, never stored
    ApiKeyInfo info;
};

/// A person who signs in to the web UI (store/users.cpp).
struct UserInfo {
    std::string uuid;
    std::string name;
    std::vector<std::string> teams;
    std::vector<std::string> permissions; ///< the union of the teams'
    std::string created_at;
    std::string disabled_at; ///< "" while enabled
    std::string last_login_at;
};

/// What changes in a user; unset fields stay.
struct UserChange {
    std::optional<std::string> password;
    std::optional<std::vector<std::string>> teams;
    std::optional<bool> disabled;
};

struct TeamInfo {
    std::string uuid;
    std::string name;
    std::vector<std::string> permissions; ///< what its members get
    std::vector<std::string> members;
    std::vector<std::string> tags; ///< projects with these tags are granted
    std::int64_t projects = 0;     ///< projects granted one by one
    std::int64_t keys = 0;         ///< valid API keys
    std::string created_at;
};

/// A new session: the token goes in the cookie and is never stored; the CSRF token must come back
/// in the X-CSRF-Token header of every request that changes something.
struct CreatedSession {
    std::string token;
    std::string csrf_token;
    std::string expires_at;
};

struct SessionAccess {
    Access access;
    std::string csrf_token;
    std::string expires_at;
};

struct Project {
    std::string uuid;
    std::string name;
    std::string version;
    std::string parent_uuid;
    std::string description;
    std::string classifier = "APPLICATION";
    bool active = true;
    bool is_latest = false;
    std::vector<std::string> tags;
    std::string created_at;
    std::string updated_at;
    std::string last_sbom_at;
    std::int64_t id = 0; ///< internal; never leaves the server
};

struct ProjectFilter {
    std::string name;        ///< exact name
    std::string name_prefix; ///< names starting with it
    std::string version;     ///< exact version (with name)
    std::string tag;
    std::string parent_uuid; ///< children of this project
    std::optional<bool> active;
    std::optional<bool> latest;
    std::string cursor; ///< from the previous page's next_cursor
    std::size_t limit = 100;
    std::size_t offset = 0; ///< page-number paging (the Dependency-Track API); cursor otherwise
};

template <class T> struct Page {
    std::vector<T> items;
    std::string next_cursor; ///< "" on the last page
    std::int64_t total = -1; ///< when counted
};

struct SbomInfo {
    std::string uuid;
    std::string project_uuid;
    std::string source;
    std::string uploaded_at;
    std::string uploaded_by; ///< the key's public id
    std::string format;
    std::string spec_version;
    std::string sha256;
    std::int64_t size = 0;
    std::int64_t component_count = 0;
    bool is_current = false;
    std::int64_t id = 0;
};

struct StoredHash {
    std::string algorithm;
    std::string value;
};

struct StoredComponent {
    std::string type;
    std::string name;
    std::string version;
    std::string purl;
    std::string purl_type, purl_namespace, purl_name, purl_version, purl_qualifiers, purl_subpath;
    std::string cpe;
    std::vector<StoredHash> hashes;
    std::string license_declared;
    std::string license_concluded;
    std::string supplier;
    std::string scope;
    std::string bom_ref;
    std::int64_t index = 0; ///< position in its SBOM
    // Where it was found (search results and project inventories).
    std::string sbom_uuid;
    std::string source;
    std::string project_uuid;
    std::string project_name;
    std::string project_version;
};

struct StoredDependency {
    std::int64_t from = 0; ///< component index in the SBOM
    std::int64_t to = 0;
    std::string type;
    std::string sbom_uuid;
};

/// What to look for across the portfolio; one of purl, purl_prefix, name or hash is set.
struct ComponentQuery {
    std::string purl;        ///< with a version: that version; without: every version
    std::string purl_prefix; ///< canonical purl text starting with it
    std::string name;
    std::string hash;         ///< hex digest, any algorithm
    std::string vers;         ///< with purl (no version): versions in this vers range
    std::string project_uuid; ///< only in this project
    std::size_t limit = 100;
    std::size_t offset = 0;
};

struct LicenseUse {
    std::string license; ///< SPDX expression, "" for none
    std::int64_t components = 0;
    std::int64_t projects = 0;
};

struct ComponentChange {
    std::string key; ///< purl without version, or the name
    std::string name;
    std::string before_version;
    std::string after_version;
    std::string before_license;
    std::string after_license;
};

struct ProjectDiff {
    std::vector<StoredComponent> added;
    std::vector<StoredComponent> removed;
    std::vector<ComponentChange> changed;
    std::int64_t unchanged = 0;
};

/// A package key of a stored component (vuln::PackageKey as kept), with the dependency path
/// from a top-level component: the indices of its ancestors, space-separated ("" when top-level).
struct StoredKey {
    std::int64_t idx = 0;
    std::int64_t key_no = 0;
    std::string ecosystem, release, name, version, path;
};

/// A finding as analysis writes it.
struct NewFinding {
    std::int64_t idx = 0;
    std::string advisory_id, ecosystem, package, version;
    std::string fixed; ///< versions separated by newlines
    std::string severity;
    std::int64_t score = 0; ///< CVSS score x 10
    std::string path;
};

/// A component whose license the license policy does not accept.
struct NewViolation {
    std::int64_t idx = 0;
    std::string license; ///< the expression judged (concluded, else declared)
    std::string reasons; ///< why, one per line
};

/// What analysing one uploaded SBOM produced, stored with it in its transaction.
struct Analysis {
    std::vector<StoredKey> keys;
    std::vector<NewFinding> findings;
    std::vector<NewViolation> violations;
    /// Components per license category (license/category.hpp words, "none" without a license).
    std::map<std::string, std::int64_t> license_categories;
    /// The policy text the violations were judged by: if the store's changed meanwhile, the
    /// SBOM is judged again (a re-judge job) once stored.
    std::string policy_text;
    /// The newest re-match job when matching began: re-matches queued after it are run again
    /// once this SBOM is stored, so that none misses its components.
    std::int64_t rematch_mark = 0;
};

/// A stored key with where it is, read for re-matching.
struct KeyedComponent {
    std::int64_t project_id = 0, sbom_id = 0;
    StoredKey key;
};

/// A finding of a re-match, with the SBOM it is in.
struct RematchFinding {
    std::int64_t project_id = 0, sbom_id = 0;
    NewFinding finding;
};

/// The triage of a finding (CycloneDX VEX vocabulary: analysis.state, justification, response).
struct Triage {
    std::string state = "not_set";
    std::string justification;
    std::string response; ///< comma-separated responses
    std::string details;
    bool suppressed = false;
    std::string updated_at;
};

/// One finding as queries return it.
struct StoredFinding {
    std::string advisory_id;
    std::string severity;
    double score = 0;
    std::string ecosystem, package, version;
    std::vector<std::string> fixed;
    /// The component and the dependency path to it (purls or names, top-level first).
    StoredComponent component;
    std::vector<std::string> path;
    std::string component_key; ///< what triage is keyed by (see Triage)
    std::string first_seen;
    Triage triage;
    std::string advisory_json; ///< the advisory without affected[], as OSV JSON ("" if gone)
};

/// A page of findings, with how many projects all of them (not only this page) are in.
struct FindingPage : Page<StoredFinding> {
    std::int64_t projects = 0;
};

/// One change of a triage decision, as the audit trail keeps it.
struct TriageEvent {
    std::string at, actor, change, comment;
};

/// A project's (or the portfolio's) counts at one time. Findings count components x advisories;
/// suppressed findings count only as suppressed.
struct Metrics {
    std::string at;
    std::int64_t projects = 1;
    std::int64_t components = 0, vulnerable_components = 0, vulnerabilities = 0;
    std::int64_t critical = 0, high = 0, medium = 0, low = 0, unassigned = 0;
    std::int64_t suppressed = 0, audited = 0;
    std::int64_t violations = 0;                  ///< license policy violations
    std::map<std::string, std::int64_t> licenses; ///< components per license category
    /// Findings per triage state (suppressed ones included), "not_set" for undecided ones.
    std::map<std::string, std::int64_t> states;
    std::int64_t findings() const { return critical + high + medium + low + unassigned; }
};

/// A component of a current SBOM with its licenses, as a policy change re-judges it.
struct LicensedComponent {
    std::string declared, concluded;
};

/// A stored license policy violation.
struct StoredViolation {
    StoredComponent component;
    std::string component_key;
    std::string license;
    std::vector<std::string> reasons;
    std::string first_seen;
};

/// The events a webhook can hear of.
inline constexpr const char* k_webhook_events[] = {
    "finding.new",   "advisory.affecting", "policy.violation",       "upload.processed",
    "upload.failed", "upstream.release",   "upstream.fixing-upgrade"};

/// A package of a project whose upstream the server checks (jobs/upstream_monitor.hpp).
struct UpstreamWatch {
    std::int64_t id = 0, project_id = 0;
    std::string uuid, project_uuid, project_name, project_version;
    std::string name, packaged, ecosystem;
    std::string description; ///< where its releases are: upstream-info's settings as JSON
    std::int64_t interval_seconds = 86400;
    std::string next_check_at, last_checked_at, last_error, newest, standing, created_at;
    std::int64_t releases = 0; ///< releases seen
};

/// A release a watch has seen.
struct UpstreamRelease {
    std::string version, tag, released, first_seen_at;
};

/// What one check of a watch found: every stable release it lists, the newest, the standing,
/// and the versions newer than the packaged one (those announced when first seen).
struct UpstreamCheckResult {
    std::vector<UpstreamRelease> releases;
    std::string newest, standing, error;
    std::vector<std::string> newer_than_packaged;
};

/// A webhook: where notifications go and which. `secret` is only filled when it is created.
struct Webhook {
    std::string uuid, url, secret;
    std::vector<std::string> events;   ///< empty: all
    std::vector<std::string> projects; ///< project uuids; empty: any the team sees
    std::vector<std::string> tags;     ///< any of these tags; empty: any
    std::string min_severity;          ///< finding events at least this severe; "": all
    std::string team;
    std::string created_at;
    std::int64_t pending = 0, delivered = 0, failed = 0;
};

/// A notification claimed for delivery.
struct Delivery {
    std::int64_t id = 0;
    std::string uuid, url, secret, event, body, owner;
    std::int64_t attempts = 0;
};

/// A notification as the deliveries list shows it.
struct DeliveryInfo {
    std::string uuid, event, created_at, status, delivered_at, last_error;
    std::int64_t attempts = 0;
};

/// Which findings a query returns.
struct FindingFilter {
    std::string project_uuid;              ///< one project (its current inventory)
    std::vector<std::string> advisory_ids; ///< the advisories (an id and its aliases' ids)
    std::optional<bool> active, latest;    ///< project flags
    std::string tag;                       ///< projects with this tag
    bool include_suppressed = false;
    std::size_t limit = 1000;
    std::size_t offset = 0;
};

enum class JobStatus { queued, running, done, failed };
const char* to_string(JobStatus s);

struct JobInfo {
    std::string token;
    std::string kind;
    JobStatus status = JobStatus::queued;
    std::string project_uuid;
    std::string sbom_uuid;
    std::string error;
    std::int64_t attempts = 0;
    std::string created_at;
    std::string finished_at;
};

/// A job a worker holds: its payload and the lease it must still own to complete it.
struct ClaimedJob {
    std::int64_t id = 0;
    JobInfo info;
    std::int64_t project_id = 0;
    std::string source;
    std::int64_t key_id = 0;
    std::int64_t user_id = 0; ///< the signed-in user who uploaded it, if not a key
    std::string payload;      ///< the document's bytes
    std::string
        stored_payload; ///< the same as stored (compressed), written again as the SBOM's content
    std::string lease_owner;
};

/// A project and its counts now, with Dependency-Track's "inherited risk score" (critical x 10 +
/// high x 5 + medium x 3 + low x 1 + unassigned x 5), which ranks the projects most at risk.
struct ProjectRisk {
    Project project;
    Metrics metrics;
    std::int64_t risk = 0;
};

struct AdvisoryFilter {
    std::string q;          ///< an id or alias, or words of the summary
    bool affecting = false; ///< only advisories with findings in projects the caller sees
    std::size_t limit = 50, offset = 0;
};

struct AdvisoryListItem {
    std::string id;
    std::string modified;
    std::string header_json;   ///< the advisory without affected[], as OSV JSON
    std::int64_t projects = 0; ///< visible projects with findings of it
};

/// One entry of the signing service's append-only log (store/signature_log.cpp).
struct SignatureLogEntry {
    std::int64_t index = 0; ///< 0, 1, 2, ... in the order signatures were made
    std::string created_at;
    std::string actor; ///< who asked (Access::actor())
    std::string team;
    std::string key_name;
    std::string keyid;         ///< SHA-256 of the signing key's DER public key, hex
    std::string kind;          ///< "digest" or "statement"
    std::string signed_digest; ///< "sha256:<hex>" of the bytes signed (a PAE for statements)
    std::string signature;     ///< base64
    /// The entry as canonical JSON (the bytes a verifier hashes) and its RFC 6962 leaf hash
    /// SHA-256(0x00 || leaf), hex.
    std::string leaf;
    std::string leaf_hash;
};

} // namespace kaiyuan::store
