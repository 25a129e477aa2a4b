-- A key being created, from just before the request until its dialog closes. A row left
-- behind (the app was killed in between) means a key may exist whose secret nobody got:
-- the app then says so and offers to revoke it. Names and ids only, never the secret.
CREATE TABLE pending_reveals (
    seq        INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    org_id     TEXT NOT NULL,
    key_name TEXT NOT NULL,
    key_id   TEXT,
    started_at TEXT NOT NULL
);
