//! The SaaSignal Platform API contract's rules, written once and shared by the
//! sandbox, the app's client core and its UI-facing validation.
//!
//! No I/O lives here: only the validation patterns of the product's docs, the
//! region list, the usage and billing rules and the scope algebra (`*`, `family:*`, `family:action`).

pub mod billing;
pub mod regions;
pub mod scopes;
mod slug;
pub mod validate;

pub use slug::slugify;
pub use validate::FieldError;
