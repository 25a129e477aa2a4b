-- 001_initial: the first layout of the offline cache.
--
-- Every row belongs to one account (`account_id`, the app's id for a signed-in account):
-- two accounts that can both see the same org keep separate copies, so a read under one
-- account can never return the other's rows.
--
-- Timestamps are RFC 3339 text in UTC with milliseconds (`2026-03-10T13:15:00.000Z`):
-- fixed width, so text order is time order. Scope lists are JSON arrays of strings.
--
-- No table has a column that could hold a credential: tokens are cached as metadata
-- only. tests/schema.rs holds the allow-list of every column; extend it with care.
--
-- Plain CREATE (not IF NOT EXISTS) on purpose: a file that already has tables of another
-- shape fails here and is set aside, rather than being half-used.

CREATE TABLE orgs (
    account_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL,
    created_at TEXT,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX orgs_in_list_order ON orgs (account_id, name COLLATE NOCASE, id);

-- The children of an org go with it (ON DELETE CASCADE): an org that disappears from
-- the server takes its projects, members, tokens and scopes out of the cache too.

CREATE TABLE projects (
    account_id  TEXT NOT NULL,
    org_id      TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    region      TEXT NOT NULL,
    created_at  TEXT,
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);
-- Covering (it holds every column a list read selects): an org can have thousands of
-- projects, and reading them from the index alone, in order, skips one table lookup per
-- row (benches/read_projects.rs).
CREATE INDEX projects_in_list_order
    ON projects (account_id, org_id, name COLLATE NOCASE, id, description, region, created_at);

CREATE TABLE members (
    account_id TEXT NOT NULL,
    org_id     TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    joined_at  TEXT,
    PRIMARY KEY (account_id, org_id, user_id),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);
CREATE INDEX members_in_list_order ON members (account_id, org_id, name COLLATE NOCASE, user_id);

-- `project_id` has no foreign key: a deleted project's tokens stay listed, revoked,
-- as the server keeps them.
CREATE TABLE tokens (
    account_id   TEXT NOT NULL,
    org_id       TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    hint         TEXT NOT NULL,
    project_id   TEXT,
    scopes       TEXT NOT NULL,
    created_at   TEXT,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked      INTEGER NOT NULL CHECK (revoked IN (0, 1)),
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);
CREATE INDEX tokens_in_list_order ON tokens (account_id, org_id, name COLLATE NOCASE, id);
CREATE INDEX tokens_by_project ON tokens (account_id, project_id);

CREATE TABLE my_scopes (
    account_id TEXT NOT NULL,
    org_id     TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    PRIMARY KEY (account_id, org_id),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);

-- When each list was last fetched whole. `scope_key` is the org id for an org's lists
-- and '' for the account's org list; rows keyed by an org are deleted with the org.
CREATE TABLE sync_times (
    account_id TEXT NOT NULL,
    resource   TEXT NOT NULL,
    scope_key  TEXT NOT NULL,
    synced_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, resource, scope_key)
);

-- Writes made from this app. `seq` gives the recording order, which stays right even
-- when the wall clock jumps. `outcome` is 'ok' or the server's error code.
CREATE TABLE activity (
    seq         INTEGER PRIMARY KEY,
    account_id  TEXT NOT NULL,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    org_id      TEXT,
    target_id   TEXT,
    target_name TEXT,
    outcome     TEXT NOT NULL
);
CREATE INDEX activity_newest_first ON activity (account_id, seq);
