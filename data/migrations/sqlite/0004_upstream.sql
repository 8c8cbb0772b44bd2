-- kaiyuan store, schema version 4 (SQLite): upstream monitoring. A watch is one package of a
-- project whose upstream the server checks every interval_seconds; description holds where its
-- releases are (upstream-info's settings, as JSON); every stable release seen is kept, with when
-- it was first seen; announced_fixes the last upgrade announced as fixing advisories (the
-- newest release and the advisory ids), so that each is announced once.
CREATE TABLE upstream_watches(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  packaged TEXT NOT NULL DEFAULT '',
  ecosystem TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  interval_seconds INTEGER NOT NULL,
  next_check_at TEXT NOT NULL,
  last_checked_at TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  newest TEXT NOT NULL DEFAULT '',
  standing TEXT NOT NULL DEFAULT '',
  announced_fixes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE(project_id, name));
CREATE INDEX upstream_watches_due ON upstream_watches(next_check_at);
CREATE TABLE upstream_releases(
  watch_id INTEGER NOT NULL REFERENCES upstream_watches(id) ON DELETE CASCADE,
  version TEXT NOT NULL,
  tag TEXT NOT NULL,
  released TEXT NOT NULL DEFAULT '',
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY(watch_id, version));
