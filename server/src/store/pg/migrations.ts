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
];
