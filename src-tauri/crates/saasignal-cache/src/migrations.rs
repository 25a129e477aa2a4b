//! The versioned schema. Append a new `migrations/NNN_name.sql`; never edit a released one.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_initial.sql")),
    M::up(include_str!("migrations/002_pending_reveals.sql")),
    M::up(include_str!("migrations/003_sent_invites.sql")),
    M::up(include_str!("migrations/004_key_rolls.sql")),
    M::up(include_str!("migrations/005_billing.sql")),
];

const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The schema version this build writes and the newest it can read.
pub(crate) const LATEST_VERSION: usize = STEPS.len();

/// Brings the schema up to [`LATEST_VERSION`], in one transaction.
pub(crate) fn apply(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    MIGRATIONS.to_latest(conn)
}

/// The schema version a file says it has (SQLite's `user_version`).
pub(crate) fn stored_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_well_formed() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn applying_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        apply(&mut conn).unwrap();
        assert_eq!(stored_version(&conn).unwrap(), LATEST_VERSION as i64);
    }
}
