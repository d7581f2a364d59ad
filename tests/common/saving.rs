//! A small dossier to watch, and saving it as editors do: for the tests that change a
//! file under a running viewer.

use std::path::Path;

/// Three countries, nothing else: small enough that a test's edit is easy to see.
pub const WATCHED: &str = r#"Dossier(
    title: "Watched",
    countries: [
        Country(id: "a", name: "Austria"),
        Country(id: "b", name: "Belgium"),
        Country(id: "c", name: "Croatia"),
    ],
)
"#;

/// Saves as editors do: a temporary file beside it, renamed over it.
pub fn atomic_save(path: &Path, text: &str) {
    let temporary = path.with_extension("ron.tmp");
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
}
