//! Sending one platform request: URL, bearer credential, JSON body, timeouts, the
//! retry loop of [`crate::retry`], and the mapping of every failure to [`ApiError`].
//!
//! Logs name the method, path, attempt, status and timing only: never a header, a
//! query string or a body, which may carry a credential.

use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, Url};
use saasignal_secret::Secret;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::base_url::BaseUrl;
use crate::classify::{self, ConflictHint, ErrorContext};
use crate::config::{ClientConfig, ProxyPolicy, user_agent};
use crate::decode::error_body::ErrorBody;
use crate::error::ApiError;
use crate::reply::{Reply, redact};
use crate::retry::{Failure, RequestKind, RetryPolicy, TransportFailure};
use crate::wiped::{WipedBuffer, wiped_json};

/// The configured HTTP client for one server.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    base: BaseUrl,
    retry: RetryPolicy,
    request_timeout: Duration,
    max_response_bytes: u64,
}

impl Transport {
    /// Checks the base URL and builds the HTTP client (rustls, no redirects, no proxy
    /// for loopback servers).
    pub(crate) fn new(config: &ClientConfig) -> Result<Self, ApiError> {
        let base = BaseUrl::parse(&config.base_url)?;
        crate::tls::install_crypto_provider();
        let mut builder = reqwest::Client::builder();
        // Loopback traffic is plain http with passwords and bearer tokens in it, and
        // reqwest honours HTTP_PROXY/ALL_PROXY for it: it must never leave the machine.
        if base.is_loopback() || config.proxy == ProxyPolicy::Direct {
            builder = builder.no_proxy();
        }
        let http = builder
            .user_agent(user_agent())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            // A redirect could carry the credential to another host or replay a POST;
            // the API never redirects, so one is reported as an unexpected status.
            .redirect(reqwest::redirect::Policy::none())
            // Every retry is decided in `crate::retry`, where the rules are written down.
            .retry(reqwest::retry::never())
            .build()
            .map_err(|error| ApiError::Internal {
                message: format!("the HTTP client could not start ({error})"),
            })?;
        Ok(Self {
            http,
            base,
            retry: config.retry,
            request_timeout: config.request_timeout,
            max_response_bytes: config.max_response_bytes,
        })
    }

    /// The server address.
    pub(crate) fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// A request to the endpoint at `segments` (each percent-encoded as one segment).
    pub(crate) fn call<'a>(
        &'a self,
        method: Method,
        kind: RequestKind,
        segments: &[&str],
    ) -> Call<'a> {
        Call {
            transport: self,
            method,
            kind,
            url: self.base.endpoint(segments),
            credential: None,
            body: None,
            context: ErrorContext::default(),
            answer_holds_secret: false,
            also_redact: None,
        }
    }
}

/// One request being put together; [`Call::send`] sends it.
pub(crate) struct Call<'a> {
    transport: &'a Transport,
    method: Method,
    kind: RequestKind,
    url: Url,
    credential: Option<&'a Secret>,
    /// May hold a password; shared by every attempt and wiped once the last one drops it.
    body: Option<bytes::Bytes>,
    context: ErrorContext,
    answer_holds_secret: bool,
    also_redact: Option<&'a Secret>,
}

impl<'a> Call<'a> {
    /// Sends `credential` as `Authorization: Bearer …`.
    pub(crate) fn bearer(mut self, credential: &'a Secret) -> Self {
        self.credential = Some(credential);
        self
    }

    /// Sends `body` as JSON.
    pub(crate) fn json<B: Serialize>(mut self, body: &B) -> Result<Self, ApiError> {
        let encoded = wiped_json(body).map_err(|error| ApiError::Internal {
            message: format!("the request body could not be encoded ({error})"),
        })?;
        self.body = Some(bytes::Bytes::from_owner(encoded));
        Ok(self)
    }

    /// Adds `?name=value` when there is a value.
    pub(crate) fn query(mut self, name: &str, value: Option<&str>) -> Self {
        if let Some(value) = value {
            self.url.query_pairs_mut().append_pair(name, value);
        }
        self
    }

    /// The resource a 404 is about when the server does not say.
    pub(crate) fn resource(mut self, resource: &'static str) -> Self {
        self.context.resource = resource;
        self
    }

    /// The field and message of a 409 on this endpoint.
    pub(crate) fn conflict(mut self, field: &'static str, message: &'static str) -> Self {
        self.context.conflict = Some(ConflictHint { field, message });
        self
    }

    /// A 401 here means a wrong email or password.
    pub(crate) fn sign_in(mut self) -> Self {
        self.context.is_sign_in = true;
        self
    }

    /// The answer carries a secret: its body never goes into an error or a log.
    pub(crate) fn answer_holds_secret(mut self) -> Self {
        self.answer_holds_secret = true;
        self
    }

    /// A secret sent in the body (a password), kept out of error messages should
    /// the server echo it.
    pub(crate) fn redacting(mut self, secret: &'a Secret) -> Self {
        self.also_redact = Some(secret);
        self
    }

    /// Sends the request, retrying as [`RetryPolicy`] allows; a 2xx answer is the
    /// [`Reply`], anything else the [`ApiError`] for it.
    pub(crate) async fn send(self) -> Result<Reply<'a>, ApiError> {
        let endpoint = format!("{} {}", self.method, self.url.path());
        let authorization = self.authorization()?;
        let policy = self.transport.retry;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let started = Instant::now();
            let outcome = match self.attempt(authorization.as_ref()).await {
                Ok(answer) if answer.status < 300 => {
                    let elapsed_ms = started.elapsed().as_millis() as u64;
                    tracing::debug!(%endpoint, attempts, status = answer.status, elapsed_ms, "platform request");
                    return Ok(Reply {
                        headers: answer.headers,
                        body: answer.body,
                        endpoint,
                        answer_holds_secret: self.answer_holds_secret,
                        request_may_have_run: self.kind != RequestKind::Read,
                        secrets: self.secrets(),
                    });
                }
                other => other,
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let failure = match &outcome {
                Ok(answer) => Failure::Status {
                    status: answer.status,
                    retry_after: classify::retry_after(&answer.headers),
                },
                Err(AttemptFailure::Transport(broken)) => Failure::Transport(*broken),
                // Sending again would only fetch the same oversized answer.
                Err(AttemptFailure::TooLarge) => {
                    return Err(ApiError::TooLarge {
                        endpoint,
                        limit_bytes: self.transport.max_response_bytes,
                    });
                }
            };
            tracing::debug!(%endpoint, attempts, ?failure, elapsed_ms, "platform request failed");
            let Some(delay) = policy.next_delay(self.kind, failure, attempts, rand::random())
            else {
                return Err(match (outcome, failure) {
                    (Ok(answer), _) => self.error_for_answer(&answer),
                    (Err(_), Failure::Transport(broken)) => self.error_for_transport(broken),
                    (Err(_), Failure::Status { status, .. }) => ApiError::Server { status },
                });
            };
            tracing::info!(%endpoint, attempts, delay_ms = delay.as_millis() as u64, ?failure, "retrying platform request");
            tokio::time::sleep(delay).await;
        }
    }

    fn authorization(&self) -> Result<Option<HeaderValue>, ApiError> {
        let Some(credential) = self.credential else {
            return Ok(None);
        };
        let text = Zeroizing::new(format!("Bearer {}", credential.expose()));
        // A stored credential that cannot even be a header (another program wrote over
        // the keychain entry) is one the server would refuse: the same as a 401, so the
        // person is asked to sign in again instead of being shown a field error.
        let mut value = HeaderValue::from_str(&text).map_err(|_| ApiError::Unauthorized)?;
        // Keeps the value out of reqwest's and hyper's debug output.
        value.set_sensitive(true);
        Ok(Some(value))
    }

    async fn attempt(&self, authorization: Option<&HeaderValue>) -> Result<Answer, AttemptFailure> {
        let mut request = self
            .transport
            .http
            .request(self.method.clone(), self.url.clone())
            .header(ACCEPT, "application/json");
        if let Some(authorization) = authorization {
            request = request.header(AUTHORIZATION, authorization.clone());
        }
        if let Some(body) = &self.body {
            // A clone of the shared buffer, not a copy of the bytes.
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let mut response = request
            .send()
            .await
            .map_err(|error| AttemptFailure::Transport(transport_failure(&error)))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let limit = self.transport.max_response_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(AttemptFailure::TooLarge);
        }
        let mut body = WipedBuffer::with_capacity(response.content_length().unwrap_or(0));
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| AttemptFailure::Transport(transport_failure(&error)))?
        {
            // Checked as it streams: a server may send more than it announced, or
            // announce nothing.
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(AttemptFailure::TooLarge);
            }
            body.extend(&chunk);
        }
        Ok(Answer {
            status,
            headers,
            body: body.into_inner(),
        })
    }

    fn error_for_answer(&self, answer: &Answer) -> ApiError {
        let mut body = ErrorBody::read(&answer.body);
        let secrets = self.secrets();
        body.code = body.code.map(|text| redact(&text, &secrets));
        body.message = body.message.map(|text| redact(&text, &secrets));
        classify::error_for_status(answer.status, &answer.headers, &body, &self.context)
    }

    fn error_for_transport(&self, broken: TransportFailure) -> ApiError {
        let host = self.transport.base.host_label();
        match broken {
            TransportFailure::NoConnection => ApiError::Offline { host },
            TransportFailure::Timeout => ApiError::Timeout {
                host,
                after: self.transport.request_timeout,
            },
            TransportFailure::ConnectionLost => ApiError::ConnectionLost {
                host,
                request_may_have_run: self.kind != RequestKind::Read,
            },
        }
    }

    fn secrets(&self) -> Vec<&'a Secret> {
        self.credential
            .into_iter()
            .chain(self.also_redact)
            .collect()
    }
}

/// Why one attempt produced no answer to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttemptFailure {
    Transport(TransportFailure),
    /// Larger than [`ClientConfig::max_response_bytes`]; not read further.
    TooLarge,
}

/// A whole HTTP answer, before it is judged.
struct Answer {
    status: u16,
    headers: HeaderMap,
    /// May hold a secret (a new token); wiped when dropped.
    body: Zeroizing<Vec<u8>>,
}

/// What went wrong below HTTP, from reqwest's error. A connect timeout counts as
/// no connection: the host is unreachable, not slow.
fn transport_failure(error: &reqwest::Error) -> TransportFailure {
    if error.is_connect() {
        TransportFailure::NoConnection
    } else if error.is_timeout() {
        TransportFailure::Timeout
    } else {
        TransportFailure::ConnectionLost
    }
}
