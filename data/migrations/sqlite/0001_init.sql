-- kaiyuan store, schema version 1 (SQLite). Times are RFC 3339 UTC text; flags are 0/1.
CREATE TABLE teams(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL);
CREATE TABLE api_keys(
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  secret_sha256 TEXT NOT NULL,
  permissions TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT);
CREATE TABLE projects(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  parent_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  description TEXT NOT NULL DEFAULT '',
  classifier TEXT NOT NULL DEFAULT 'APPLICATION',
  active INTEGER NOT NULL DEFAULT 1,
  is_latest INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_sbom_at TEXT,
  UNIQUE(name, version));
CREATE INDEX projects_parent ON projects(parent_id);
CREATE TABLE project_tags(
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY(project_id, tag));
CREATE INDEX project_tags_tag ON project_tags(tag);
CREATE TABLE team_projects(
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  PRIMARY KEY(team_id, project_id));
CREATE INDEX team_projects_project ON team_projects(project_id);
CREATE TABLE team_tags(
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY(team_id, tag));
CREATE TABLE sboms(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT '',
  uploaded_at TEXT NOT NULL,
  key_id INTEGER,
  format TEXT NOT NULL,
  spec_version TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  component_count INTEGER NOT NULL,
  is_current INTEGER NOT NULL DEFAULT 1);
CREATE INDEX sboms_project ON sboms(project_id, source, is_current);
CREATE TABLE components(
  sbom_id INTEGER NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  purl TEXT NOT NULL,
  purl_type TEXT NOT NULL,
  purl_namespace TEXT NOT NULL,
  purl_name TEXT NOT NULL,
  purl_version TEXT NOT NULL,
  purl_qualifiers TEXT NOT NULL,
  purl_subpath TEXT NOT NULL,
  cpe TEXT NOT NULL,
  license_declared TEXT NOT NULL,
  license_concluded TEXT NOT NULL,
  supplier TEXT NOT NULL,
  scope TEXT NOT NULL,
  bom_ref TEXT NOT NULL,
  PRIMARY KEY(sbom_id, idx)) WITHOUT ROWID;
CREATE INDEX components_purl_name ON components(purl_type, purl_name, purl_namespace, sbom_id, idx);
CREATE INDEX components_purl ON components(purl, sbom_id, idx);
CREATE INDEX components_name ON components(name, sbom_id, idx);
CREATE TABLE component_hashes(
  sbom_id INTEGER NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  algorithm TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX component_hashes_value ON component_hashes(value);
CREATE INDEX component_hashes_sbom ON component_hashes(sbom_id, idx);
CREATE TABLE dependencies(
  sbom_id INTEGER NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  from_idx INTEGER NOT NULL,
  to_idx INTEGER NOT NULL,
  type TEXT NOT NULL);
CREATE INDEX dependencies_sbom ON dependencies(sbom_id);
CREATE TABLE jobs(
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT '',
  key_id INTEGER,
  payload BLOB,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  error TEXT,
  sbom_id INTEGER);
CREATE INDEX jobs_queue ON jobs(status, id);
