//! The listener under the server: plain TCP, plus a per-connection kill switch so
//! fault injection can drop a connection without sending any response.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::extract::FromRequestParts;
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::http::request::Parts;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener whose connections can be killed from inside a request.
pub struct KillableListener(pub TcpListener);

impl Listener for KillableListener {
    type Io = KillableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = Listener::accept(&mut self.0).await;
        // Small JSON answers should not wait for Nagle.
        let _ = stream.set_nodelay(true);
        (
            KillableStream {
                stream,
                killed: Arc::new(AtomicBool::new(false)),
            },
            addr,
        )
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// A TCP stream that fails every read and write once killed, which makes the
/// HTTP server drop the connection before it writes a byte of the response.
pub struct KillableStream {
    stream: TcpStream,
    killed: Arc<AtomicBool>,
}

impl KillableStream {
    fn killed(&self) -> bool {
        self.killed.load(Ordering::Acquire)
    }
}

fn dropped() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection dropped by fault injection",
    )
}

impl AsyncRead for KillableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.killed() {
            return Poll::Ready(Err(dropped()));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.killed() {
            return Poll::Ready(Err(dropped()));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.killed() {
            return Poll::Ready(Err(dropped()));
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Per-connection facts handed to every request: the peer and the kill switch.
#[derive(Debug, Clone)]
pub struct ConnInfo {
    pub remote_addr: SocketAddr,
    killed: Arc<AtomicBool>,
}

impl ConnInfo {
    /// Makes the connection fail, so the current response is never sent.
    pub fn drop_connection(&self) {
        self.killed.store(true, Ordering::Release);
    }
}

impl Connected<IncomingStream<'_, KillableListener>> for ConnInfo {
    fn connect_info(stream: IncomingStream<'_, KillableListener>) -> Self {
        Self {
            remote_addr: *stream.remote_addr(),
            killed: stream.io().killed.clone(),
        }
    }
}

/// Extractor: the client's IP address. A router served without connection info
/// (embedded in another server) reads as localhost.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<ConnInfo>>()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |info| {
                info.0.remote_addr.ip()
            });
        Ok(ClientIp(ip))
    }
}
