//! Packs the vendored fonts with brotli into `OUT_DIR`; `src/fonts.rs` unpacks them once, on
//! the first report. Raw they are 1.5 MB of the app's binary, packed about half of that, and
//! the binary has a size aim (docs/benchmarks.md).

use std::path::PathBuf;

/// The faces in `fonts/`, without `.ttf`.
const FACES: [&str; 3] = ["NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    for face in FACES {
        let source = format!("fonts/{face}.ttf");
        println!("cargo:rerun-if-changed={source}");
        let raw = std::fs::read(&source).unwrap_or_else(|error| panic!("{source}: {error}"));
        let mut packed = Vec::new();
        brotli::BrotliCompress(&mut raw.as_slice(), &mut packed, &params)
            .unwrap_or_else(|error| panic!("packing {source}: {error}"));
        std::fs::write(out.join(format!("{face}.ttf.br")), packed)
            .unwrap_or_else(|error| panic!("writing the packed {source}: {error}"));
    }
}
