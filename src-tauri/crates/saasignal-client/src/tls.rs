//! The TLS crypto provider. reqwest is built without one (`rustls-no-provider`) so that
//! ring, which the embedded sandbox's JWT signing links anyway, is the only crypto
//! library in the app; reqwest's default would add aws-lc-rs as a second one.

/// Makes ring the process's rustls provider, once; reqwest reads it when a client is
/// built. Call it before building any `reqwest::Client` (the client does, in
/// `Transport::new`; tests and benchmarks that build their own call it too).
pub fn install_crypto_provider() {
    // An error only says a provider is already installed (by an earlier call): it stays.
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
}
