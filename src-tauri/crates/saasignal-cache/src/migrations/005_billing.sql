-- The last usage and billing overview read for each org (plan, balance, dashboard, the
-- daily series and the catalog), as the model's JSON: the Usage screen shows it offline.
-- Nothing in it is secret. `usage_percent` is kept apart for the sidebar's warnings.
CREATE TABLE billing_overviews (
    account_id    TEXT NOT NULL,
    org_id        TEXT NOT NULL,
    overview      TEXT NOT NULL,
    usage_percent REAL NOT NULL,
    PRIMARY KEY (account_id, org_id),
    FOREIGN KEY (account_id, org_id) REFERENCES orgs (account_id, id) ON DELETE CASCADE
);
