//! File helpers shared by the commands: opening inputs with clear errors, and atomic writes; and
//! the binary's one error type (`anyhow`: every error carries the context that explains it).
//!
//! Why atomic: `build --out public/index.bin` replaces a file the app is serving. Writing to a
//! temporary file in the same directory and renaming it means a crash or a bad catalog never
//! leaves a half-written index behind: the old one stays until the new one is complete.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use anyhow::Context;

/// The commands' result: an `anyhow` error with its context chain (printed as `a: b: c`).
pub type Result<T, E = anyhow::Error> = std::result::Result<T, E>;

/// Opens a file for buffered reading ("-" = stdin).
pub fn open_input(path: &Path) -> Result<Box<dyn std::io::BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(Box::new(BufReader::with_capacity(1 << 20, file)))
}

/// Reads a whole file with a clear error.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes `bytes` to `path` atomically (temp file + fsync + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().with_context(|| format!("{} is not a file path", path.display()))?;
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// The index as shipped: a gzip container (`ptmpicker::index::container`), so it travels
/// compressed whatever the host does; the browser inflates it natively. The default level: on the
/// 87k index level 9 saves 1.7% (4.98 vs 5.07 MB) for 6.6x the CPU (gzip -9: 6.6 s vs 1.0 s),
/// which a 1M-model build cannot afford.
pub fn compress_index(bytes: &[u8]) -> Vec<u8> {
    gzip_at(bytes, flate2::Compression::default())
}

/// Gzip at the best level, for the head of a sharded index: every visitor downloads it before
/// the first result, it is written once per build, and the best level takes 2.6% off it (100k
/// generated models: 646,773 → 629,677 B) for a second or two of CPU; the shards, hundreds of
/// them, stay at the default level.
pub fn compress_head(bytes: &[u8]) -> Vec<u8> {
    gzip_at(bytes, flate2::Compression::best())
}

fn gzip_at(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// Gzip size of `bytes` at the default level (what a static host serves).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

/// Whether `error` (anywhere in its chain) is a write to a closed pipe: the reader went away
/// (`index-builder search … | head -1`), which is how a pipeline ends, not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe);
        }
        false
    })
}

/// Whether a panic message is the standard library's report of `println!` into a closed pipe.
pub fn is_broken_pipe_panic(message: &str) -> bool {
    message.starts_with("failed printing to stdout") && (message.contains("Broken pipe") || message.contains("os error 32"))
}

#[cfg(test)]
mod tests {
    use super::compress_index;
    use ptmpicker::facts::{ModelFacts, ModelInstance};
    use ptmpicker::index::{container, decode, encode, DecodeError, IndexWriter};

    fn index_bytes() -> Vec<u8> {
        let mut w = IndexWriter::new("test");
        for i in 0..50 {
            let mut m = ModelInstance {
                id: format!("org/model-{i}"),
                facts: ModelFacts { task: Some("fill-mask".into()), ..Default::default() },
                ..Default::default()
            };
            m.put(ptmpicker::template::Field::Function, format!("predicts masked words, variant {i}"), ptmpicker::facts::Source::CardText);
            w.add(&m);
        }
        encode(&w.finish())
    }

    /// What `build` writes is gzip, smaller, and decodes to the same index as the plain bytes.
    #[test]
    fn the_shipped_index_is_compressed_and_decodes_like_the_plain_one() {
        let plain = index_bytes();
        let shipped = compress_index(&plain);
        assert!(container::is_compressed(&shipped) && shipped.len() < plain.len() / 2, "{} vs {}", shipped.len(), plain.len());
        assert_eq!(container::inflate(&shipped).unwrap(), plain);
        let (a, b) = (decode(&shipped).unwrap(), decode(&plain).unwrap());
        assert_eq!(a.doc_count(), b.doc_count());
        assert_eq!(a.doc_id(7), b.doc_id(7));
    }

    /// A download cut short says so (the page shows this message).
    #[test]
    fn a_cut_compressed_index_says_it_is_truncated() {
        let shipped = compress_index(&index_bytes());
        for keep in [shipped.len() / 2, shipped.len() - 100, shipped.len() - 1] {
            let err = decode(&shipped[..keep]).unwrap_err();
            assert!(
                matches!(&err, DecodeError::Compressed(m) if m.contains("truncated") || m.contains("checksum") || m.contains("promises")),
                "kept {keep}: {err}"
            );
        }
        let err = decode(&shipped[..shipped.len() - 100]).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}
