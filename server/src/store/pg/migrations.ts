/**
 * PostgreSQL schema, one entry per version (applied in order, each in the migration transaction;
 * never edit an entry that has shipped: add the next one).
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: the global log, its head (the commit lock) and the cluster's identity.
  `CREATE TABLE log_head (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
   INSERT INTO log_head (id, seq) VALUES (1, 0);
   CREATE TABLE events (
     seq bigint PRIMARY KEY,
     type text NOT NULL,
     time bigint NOT NULL,
     received bigint NOT NULL,
     data text NOT NULL
   );
   CREATE INDEX events_time ON events (time);
   CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
   INSERT INTO meta (key, value) VALUES ('cluster_id', gen_random_uuid()::text);`,
  // 2: what every node shares besides the log: whole documents (users.json, the basemap setting)
  // with a version each, and sessions (only the token's SHA-256, as in sessions.json).
  `CREATE TABLE shared_docs (name text PRIMARY KEY, version bigint NOT NULL, body text NOT NULL);
   CREATE TABLE sessions (
     id text PRIMARY KEY,
     body text NOT NULL,
     last_seen bigint NOT NULL,
     expires bigint NOT NULL
   );`,
];
