-- kaiyuan store, schema version 3 (SQLite): people signing in to the web UI. A team now carries
-- permissions that its members get (keys keep their own); a user belongs to teams; a session is
-- kept by the SHA-256 of its token only, with its CSRF token.
ALTER TABLE teams ADD COLUMN permissions TEXT NOT NULL DEFAULT '';
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  last_login_at TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at TEXT);
CREATE TABLE user_teams(
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  PRIMARY KEY(user_id, team_id));
CREATE INDEX user_teams_team ON user_teams(team_id);
CREATE TABLE sessions(
  id INTEGER PRIMARY KEY,
  token_sha256 TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL);
CREATE INDEX sessions_user ON sessions(user_id);
-- Who uploaded: a user signed in to the UI (key_id stays for keys).
ALTER TABLE jobs ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE sboms ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
-- The portfolio's counts read every current SBOM's component count and license categories: from
-- this index alone, never from the rows (whose content makes each a long overflow chain in SQLite).
CREATE INDEX sboms_current_counts ON sboms(is_current, project_id, component_count, licenses);
-- The portfolio's series reads the records of the last days in time order.
CREATE INDEX metrics_at ON metrics(at, project_id);
