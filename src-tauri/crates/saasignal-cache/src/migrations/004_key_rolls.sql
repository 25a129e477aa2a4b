-- Rolls whose old key is not revoked yet: the replacement was created, and the old key
-- waits for the person to confirm the new secret is saved (or for a revoke that failed
-- to be retried). A roll is dropped once its old key is revoked or no longer listed.
-- `revoke_failed` is the error code of the last failed revoke.
CREATE TABLE key_rolls (
    account_id    TEXT NOT NULL,
    org_id        TEXT NOT NULL,
    old_id        TEXT NOT NULL,
    new_id        TEXT NOT NULL,
    rolled_at     TEXT NOT NULL,
    revoke_failed TEXT,
    PRIMARY KEY (account_id, org_id, old_id),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);

-- The other id a write concerned: for a roll, the key it replaces.
ALTER TABLE activity ADD COLUMN related_id TEXT;

-- The day (the person's, YYYY-MM-DD) each kind of alert was last shown for an account:
-- the expiry notification is shown at most once a day per account.
CREATE TABLE alerts_shown (
    account_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    day        TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);
