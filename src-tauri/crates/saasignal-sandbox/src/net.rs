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

    /// Passed through, so hyper queues a response's body instead of copying it into its
    /// write buffer: without it, every connection kept its largest response's copy (2 MiB
    /// for 10,000 projects) for as long as it stayed open, in the app's own memory.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.killed() {
            return Poll::Ready(Err(dropped()));
        }
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
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

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A connected pair: the server's end as the listener hands it out, and the client's.
    async fn connected() -> (KillableStream, TcpStream) {
        let mut listener = KillableListener(
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .await
                .expect("loopback listener"),
        );
        let address = listener.local_addr().expect("bound address");
        let client = TcpStream::connect(address).await.expect("connects");
        let (server, _) = Listener::accept(&mut listener).await;
        (server, client)
    }

    #[tokio::test]
    async fn writes_go_out_vectored_until_the_connection_is_killed() {
        let (mut server, mut client) = connected().await;
        assert!(
            server.is_write_vectored(),
            "hyper copies every body into its buffer when the stream is not vectored"
        );
        let parts = [io::IoSlice::new(b"HTTP/1.1 "), io::IoSlice::new(b"200 OK")];
        let written = server.write_vectored(&parts).await.expect("written");
        // A short write is allowed: the rest as plain bytes.
        server
            .write_all(&b"HTTP/1.1 200 OK"[written..])
            .await
            .expect("written");
        let mut received = [0; 15];
        client.read_exact(&mut received).await.expect("read");
        assert_eq!(&received, b"HTTP/1.1 200 OK");

        server.killed.store(true, Ordering::Release);
        let refused = server
            .write_vectored(&parts)
            .await
            .expect_err("a killed connection writes nothing");
        assert_eq!(refused.kind(), io::ErrorKind::ConnectionAborted);
    }
}
