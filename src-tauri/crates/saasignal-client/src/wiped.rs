//! Buffers that may hold a secret (a password in a request body, a new key in an
//! answer), wiped when dropped, and never copied behind our back by a reallocation.

use serde::Serialize;
use zeroize::Zeroizing;

/// A body being read, which may hold a secret: growing it never leaves an unwiped
/// copy behind (a `Vec` would free its old buffer as it is).
pub(crate) struct WipedBuffer(Zeroizing<Vec<u8>>);

impl WipedBuffer {
    /// Room for what the server announced, within reason (the limit is checked as the
    /// body streams in).
    pub(crate) fn with_capacity(announced: u64) -> Self {
        const MOST_RESERVED_UP_FRONT: u64 = 1024 * 1024;
        let capacity = usize::try_from(announced.min(MOST_RESERVED_UP_FRONT)).unwrap_or(0);
        Self(Zeroizing::new(Vec::with_capacity(capacity)))
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn extend(&mut self, chunk: &[u8]) {
        if self.0.capacity() - self.0.len() < chunk.len() {
            let wanted = (self.0.len() + chunk.len()).max(self.0.capacity() * 2);
            let mut grown = Zeroizing::new(Vec::with_capacity(wanted));
            grown.extend_from_slice(&self.0);
            // The old buffer is wiped as it is dropped here.
            self.0 = grown;
        }
        self.0.extend_from_slice(chunk);
    }

    pub(crate) fn into_inner(self) -> Zeroizing<Vec<u8>> {
        self.0
    }
}

/// A JSON body in a buffer of exactly its size (so no reallocation leaves a copy of a
/// password behind), wiped when the last request holding it is done.
pub(crate) fn wiped_json<B: Serialize>(body: &B) -> Result<WipedBytes, serde_json::Error> {
    let mut counter = ByteCounter(0);
    serde_json::to_writer(&mut counter, body)?;
    let mut encoded = Zeroizing::new(Vec::with_capacity(counter.0));
    serde_json::to_writer(&mut *encoded, body)?;
    Ok(WipedBytes(encoded))
}

struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The owner behind a request body's `Bytes`: wiped on drop.
pub(crate) struct WipedBytes(Zeroizing<Vec<u8>>);

impl AsRef<[u8]> for WipedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_bodies_fill_a_buffer_of_exactly_their_size() {
        let body = serde_json::json!({ "email": "a@b.co", "password": "correct horse battery" });
        let encoded = wiped_json(&body).unwrap();
        assert_eq!(encoded.0.len(), encoded.0.capacity());
        assert_eq!(
            encoded.as_ref(),
            serde_json::to_vec(&body).unwrap().as_slice()
        );
    }

    #[test]
    fn a_growing_body_keeps_every_byte() {
        let mut buffer = WipedBuffer::with_capacity(0);
        for round in 0..100u8 {
            buffer.extend(&[round; 37]);
        }
        let body = buffer.into_inner();
        assert_eq!(body.len(), 3700);
        assert!(
            body.chunks(37)
                .enumerate()
                .all(|(i, c)| c.iter().all(|b| *b == i as u8))
        );
    }
}
