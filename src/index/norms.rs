//! Field lengths, quantized to one byte per (document, field).
//!
//! Why quantize: BM25 length normalisation needs each field's length, but only roughly; one byte
//! per field (exact up to 64 tokens, then ~4% steps) keeps the norms table at 12 bytes per model,
//! and most of it is zeros that compress to nothing.

/// Encodes a token count into a byte.
pub fn encode_len(len: u32) -> u8 {
    if len < 64 {
        return len as u8;
    }
    let mut code = 64u32;
    let mut bound = 64.0f64;
    while code < 255 && (len as f64) > bound * 1.04 {
        bound *= 1.04;
        code += 1;
    }
    code as u8
}

/// The representative token count of a code.
pub fn decode_len(code: u8) -> f32 {
    if code < 64 {
        code as f32
    } else {
        (64.0f64 * 1.04f64.powi(code as i32 - 64)) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_round_trip_closely() {
        for len in [0u32, 1, 10, 63, 64, 100, 1000, 50_000, u32::MAX] {
            let back = decode_len(encode_len(len));
            if len < 64 {
                assert_eq!(back, len as f32);
            } else if len < 1_000_000 {
                assert!((back / len as f32 - 1.0).abs() < 0.05, "{len} → {back}");
            }
        }
        assert!(encode_len(100) < encode_len(200));
    }
}
