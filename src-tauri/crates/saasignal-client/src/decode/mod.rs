//! Reading the server's answers as they come: either envelope for lists and
//! objects, and every form of error body.

pub(crate) mod envelope;
pub(crate) mod error_body;

#[cfg(test)]
mod properties;
