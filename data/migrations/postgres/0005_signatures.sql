-- kaiyuan store, schema version 5 (PostgreSQL): the signing service's log. Every signature the
-- server makes is one entry, appended with the next index (0, 1, 2, ... without gaps); `leaf`
-- holds the entry's canonical JSON, the bytes a verifier hashes (RFC 6962 leaf hash, kept in
-- leaf_hash as hex). Entries are never changed or removed: the trigger refuses it.
CREATE TABLE signature_log(
  idx BIGINT PRIMARY KEY,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  team TEXT NOT NULL,
  key_name TEXT NOT NULL,
  keyid TEXT NOT NULL,
  kind TEXT NOT NULL,
  signed_digest TEXT NOT NULL,
  signature TEXT NOT NULL,
  leaf TEXT NOT NULL,
  leaf_hash TEXT NOT NULL);
CREATE INDEX signature_log_digest ON signature_log(signed_digest);
CREATE FUNCTION signature_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the signature log is append-only'; END $$;
CREATE TRIGGER signature_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON signature_log
FOR EACH STATEMENT EXECUTE FUNCTION signature_log_append_only();
