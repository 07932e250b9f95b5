//! Prints how the cleaner reads an HTML page: `cargo run -p dyad-clean --example trace_html -- PAGE.html[.gz]`.
//! Gzip is detected by the file name; for tuning the content heuristics by hand.

use std::io::Read;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: trace_html PAGE.html[.gz]");
        std::process::exit(2);
    };
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&path).and_then(|mut f| {
        if path.ends_with(".gz") {
            flate2::read::GzDecoder::new(f).read_to_end(&mut bytes)
        } else {
            f.read_to_end(&mut bytes)
        }
    });
    if let Err(e) = read {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    let html = String::from_utf8_lossy(&bytes);
    print!(
        "{}",
        dyad_clean::debug_html(&html, dyad_clean::Furniture::shipped())
    );
}
