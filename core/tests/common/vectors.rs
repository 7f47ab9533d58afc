//! Writing and checking the shared vectors under `tests/vectors/`.

#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;

/// The folder of one family of vectors, e.g. `tests/vectors/deadline`.
pub fn dir(family: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(family)
}

/// Compares a generated vector with the checked-in file, or rewrites the file when
/// `UPDATE_VECTORS` is set.
pub fn check_or_update(family: &str, file: &str, value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    let folder = dir(family);
    let path = folder.join(file);
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(&path, &text).unwrap();
    } else {
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == text,
            "tests/vectors/{family}/{file} is stale: run `UPDATE_VECTORS=1 cargo test` and review the diff"
        );
    }
}

/// Every vector file of a family, parsed.
pub fn read_all(family: &str) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir(family))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let v = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Records that `file` of `family` was replayed to its end through Rust, in
/// `target/conformance/rust/<family>.txt` (one `family/file` per line), which
/// `scripts/conformance` compares with the files on disk and with the other languages'
/// records. Call it after the file's last assertion.
pub fn replayed(family: &str, file: &str) {
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Mutex;
    static SEEN: Mutex<BTreeMap<String, BTreeSet<String>>> = Mutex::new(BTreeMap::new());
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let files = seen.entry(family.to_owned()).or_default();
    files.insert(format!("{family}/{file}"));
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/conformance/rust");
    std::fs::create_dir_all(&dir).unwrap();
    let text: String = files.iter().map(|f| format!("{f}\n")).collect();
    std::fs::write(dir.join(format!("{family}.txt")), text).unwrap();
}
