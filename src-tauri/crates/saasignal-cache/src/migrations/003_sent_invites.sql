-- Invites sent from this app (the API lists no pending invites): each is shown in the
-- Members tab as pending until its email appears among the org's members, then as
-- accepted (`accepted_at`), until the person forgets it. `email` is lower-cased.
CREATE TABLE sent_invites (
    account_id  TEXT NOT NULL,
    org_id      TEXT NOT NULL,
    email       TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    project_id  TEXT,
    invited_at  TEXT NOT NULL,
    accepted_at TEXT,
    PRIMARY KEY (account_id, org_id, email),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);
