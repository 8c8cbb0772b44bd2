-- kaiyuan store, schema version 2 (SQLite): advisories beside the SBOMs, the package keys of
-- current SBOMs' components, their findings, triage decisions and their audit trail.
CREATE TABLE advisories(
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  record TEXT NOT NULL,
  header TEXT NOT NULL);
CREATE TABLE advisory_affected(
  id INTEGER PRIMARY KEY,
  advisory TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  base TEXT NOT NULL,
  name TEXT NOT NULL,
  entries TEXT NOT NULL);
CREATE INDEX advisory_affected_name ON advisory_affected(base, name);
CREATE INDEX advisory_affected_advisory ON advisory_affected(advisory);
CREATE TABLE advisory_aliases(
  alias TEXT NOT NULL,
  advisory TEXT NOT NULL);
CREATE INDEX advisory_aliases_alias ON advisory_aliases(alias);
CREATE INDEX advisory_aliases_advisory ON advisory_aliases(advisory);
CREATE TABLE advisory_sources(
  name TEXT PRIMARY KEY,
  imported_at TEXT NOT NULL,
  records INTEGER NOT NULL,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '');
CREATE TABLE advisory_coverage(ecosystem TEXT PRIMARY KEY);
-- Only for current SBOMs: what an advisory change re-evaluates. path: the indices of the
-- components from a top-level one down to this one's parent ("" for a top-level component).
CREATE TABLE package_keys(
  sbom_id INTEGER NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  key_no INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  release TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  path TEXT NOT NULL,
  PRIMARY KEY(sbom_id, idx, key_no)) WITHOUT ROWID;
CREATE INDEX package_keys_name ON package_keys(ecosystem, name);
-- Only for current SBOMs. fixed: versions separated by newlines; score: CVSS score x 10.
CREATE TABLE findings(
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  sbom_id INTEGER NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  advisory_id TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  package TEXT NOT NULL,
  version TEXT NOT NULL,
  fixed TEXT NOT NULL,
  severity TEXT NOT NULL,
  score INTEGER NOT NULL,
  path TEXT NOT NULL,
  component_key TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY(sbom_id, idx, advisory_id)) WITHOUT ROWID;
CREATE INDEX findings_advisory ON findings(advisory_id, project_id);
CREATE INDEX findings_project ON findings(project_id);
-- Triage decisions per project, component (purl without qualifiers, else name@version) and
-- advisory: they carry across uploads while the component stays.
CREATE TABLE analyses(
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  component_key TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  state TEXT NOT NULL,
  justification TEXT NOT NULL DEFAULT '',
  response TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  suppressed INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY(project_id, component_key, advisory_id));
CREATE TABLE analysis_log(
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  component_key TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  change TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '');
CREATE INDEX analysis_log_finding ON analysis_log(project_id, component_key, advisory_id);
-- Each project's counts, recorded whenever its findings change and daily.
CREATE TABLE metrics(
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  components INTEGER NOT NULL,
  vulnerable_components INTEGER NOT NULL,
  vulnerabilities INTEGER NOT NULL,
  critical INTEGER NOT NULL,
  high INTEGER NOT NULL,
  medium INTEGER NOT NULL,
  low INTEGER NOT NULL,
  unassigned INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  audited INTEGER NOT NULL,
  violations INTEGER NOT NULL DEFAULT 0,
  licenses TEXT NOT NULL DEFAULT '{}',
  states TEXT NOT NULL DEFAULT '{}');
CREATE INDEX metrics_project ON metrics(project_id, at);
-- Components of current SBOMs whose license the store's license policy does not accept.
CREATE TABLE violations(
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  sbom_id INTEGER NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  license TEXT NOT NULL,
  reasons TEXT NOT NULL,
  component_key TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY(sbom_id, idx)) WITHOUT ROWID;
CREATE INDEX violations_project ON violations(project_id);
-- The license policy (license/policy.hpp, as YAML or JSON text) every worker judges uploads by.
CREATE TABLE license_policy(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  text TEXT NOT NULL,
  updated_at TEXT NOT NULL);
-- Webhooks. The secret is kept as given: signing (HMAC-SHA256) needs it, so it cannot be hashed
-- the way API keys are; it is never returned after creation. team_id: whose projects it hears
-- of (NULL with admin: all). events, projects, tags: comma-separated filters ("" = any).
CREATE TABLE webhooks(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  admin INTEGER NOT NULL DEFAULT 0,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  projects TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  min_severity TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
-- Notifications to deliver, written in the transaction of the change they announce; a delivery
-- worker leases due rows, posts them and retries with backoff until delivered or given up.
CREATE TABLE outbox(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  delivered_at TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT,
  lease_until INTEGER);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_webhook ON outbox(webhook_id, id);
ALTER TABLE sboms ADD COLUMN licenses TEXT NOT NULL DEFAULT '{}';
