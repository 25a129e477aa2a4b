//! Usage and billing: the fixed catalog, the synthetic usage and what an org's plan
//! makes of it (cycle, balance, dashboard).

pub mod catalog;
pub mod json;
pub mod ledger;
pub mod usage;
