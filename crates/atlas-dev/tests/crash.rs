//! Nothing is lost: a child process loops edits, imports, tour edits and restores on an atlas
//! and is SIGKILLed at random moments, many times (ATLAS_CRASH_KILLS, default 200; the
//! benchmark run uses 1,000). Every 100 rounds the file is set back to schema 7, so the next
//! child's opening migrates it — and may be killed doing so. After every kill the file opens,
//! passes PRAGMA integrity_check and the atlas's own checks, and holds every edit the child
//! had reported committed; at the end no file is left at a temporary name. Two writers at once
//! do not corrupt it either.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use atlas_core::user::notes::NoteTarget;
use atlas_core::Atlas;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-crash-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn build(dir: &Path) -> PathBuf {
    let path = dir.join("atlas.gpkg");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    atlas_core::store::build_atlas(&atlas_core::DataDir::new(data), &path).unwrap();
    path
}

#[derive(Default)]
struct Committed {
    notes: Vec<i64>,
    features: Vec<i64>,
    imports: Vec<(String, usize)>,
    tours: Vec<(String, usize)>,
    restores: usize,
}

impl Committed {
    fn extend(&mut self, round: Committed) {
        self.notes.extend(round.notes);
        self.features.extend(round.features);
        self.imports.extend(round.imports);
        self.tours.extend(round.tours);
        self.restores += round.restores;
    }
}

/// Marks the file as schema 7, so the next opening runs the last migration step again (it
/// finds every layer already in a table of its own and has nothing to move).
fn make_schema_7(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("UPDATE atlas_meta SET value = '7' WHERE key = 'schema_version';").unwrap();
}

fn schema_of(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT CAST(value AS INTEGER) FROM atlas_meta WHERE key = 'schema_version'", [], |r| r.get(0))
        .unwrap()
}

/// Files at a temporary name anywhere under `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            found.extend(temporaries(&p));
        } else if p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".partial")) {
            found.push(p);
        }
    }
    found
}

fn record(line: &str, c: &mut Committed) {
    let parts: Vec<&str> = line.split_whitespace().collect();
    match parts.as_slice() {
        ["committed", "note", id] => c.notes.push(id.parse().unwrap()),
        ["committed", "feature", id] => c.features.push(id.parse().unwrap()),
        ["committed", "import", layer, n] => c.imports.push((layer.to_string(), n.parse().unwrap())),
        ["committed", "tour", id, stops] => c.tours.push((id.to_string(), stops.parse().unwrap())),
        ["committed", "restore", _backup] => c.restores += 1,
        _ => panic!("unexpected line from the child: {line:?}"),
    }
}

fn verify(path: &Path, c: &Committed) {
    let atlas = Atlas::open(path).expect("the file opens after a kill");
    let ok: String = atlas.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(atlas_core::integrity::check_atlas(&atlas).unwrap(), Vec::<String>::new());
    for id in &c.notes {
        assert!(atlas.note(*id).is_ok(), "committed note {id} is missing");
    }
    for id in &c.features {
        assert!(atlas.user_feature(*id).is_ok(), "committed feature {id} is missing");
    }
    for (id, stops) in &c.tours {
        assert_eq!(atlas.tour(id).expect("committed tour").stops.len(), *stops, "tour {id} is whole");
    }
    for (layer, n) in &c.imports {
        assert_eq!(
            atlas.user_layer(layer).expect("committed import layer").feature_count,
            *n,
            "import {layer} is whole"
        );
    }
}

#[test]
fn sigkill_at_random_moments_loses_nothing_committed() {
    let kills: usize = std::env::var("ATLAS_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let dir = scratch("kill");
    let path = build(&dir);
    let mut all = Committed::default();
    let mut rng = atlas_synthetic::SeededRng::new(7);
    let started = Instant::now();
    let mut migrations = 0;
    for i in 0..kills {
        if i % 100 == 0 {
            make_schema_7(&path);
        }
        let was_7 = schema_of(&path) == 7;
        let mut child = Command::new(env!("CARGO_BIN_EXE_atlas-dev"))
            .args(["--db", path.to_str().unwrap(), "torture", "--whole-file", "--seed", &i.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            let mut line = String::new();
            while r.read_line(&mut line).unwrap_or(0) > 0 {
                // Only whole lines: a line cut by the kill was not reported.
                if line.ends_with('\n') {
                    let _ = tx.send(line.trim_end().to_owned());
                }
                line.clear();
            }
        });
        // Wait for the child to start committing, then kill it a random moment later.
        let _ = rx.recv_timeout(Duration::from_secs(10));
        // Most kills come early; every fifth round lives long enough for restores (a backup
        // and a copy of the whole file) to commit and be killed in the middle of.
        let wait = if i % 5 == 0 { rng.below(1500) } else { rng.below(60) };
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        // Check this round's commits after every kill (the whole history at the end), so the
        // test stays linear in the number of kills.
        let mut round = Committed::default();
        for line in std::iter::from_fn(|| rx.try_recv().ok()) {
            record(&line, &mut round);
        }
        // A child killed before its migration committed leaves schema 7 for the next one.
        let migrated_here = was_7 && schema_of(&path) != 7;
        verify(&path, &round);
        migrations += usize::from(migrated_here);
        all.extend(round);
    }
    verify(&path, &all);
    eprintln!(
        "{kills} kills in {:.1} s: {} notes, {} features, {} imports, {} tours, {} restores committed and found after every kill; {} migrations",
        started.elapsed().as_secs_f64(),
        all.notes.len(),
        all.features.len(),
        all.imports.len(),
        all.tours.len(),
        all.restores,
        migrations
    );
    // A kill may leave a temporary (e.g. mid-backup); the next opening removes those of dead
    // writers, and none is ever read.
    atlas_core::files::lifecycle::AtlasFile::new(&path, atlas_default::DEFAULT_ATLAS).open_or_install().unwrap();
    let left = temporaries(&dir);
    assert!(left.is_empty(), "files left at a temporary name: {left:?}");
    assert!(migrations >= kills.div_ceil(100), "every schema-5 setback was migrated ({migrations})");
    assert!(all.notes.len() + all.features.len() + all.imports.len() > kills, "the children committed work");
    assert!(!all.tours.is_empty() && all.restores > 0, "tours and restores were part of it");
    // Every import is whole: no layer holds a partial import.
    let atlas = Atlas::open(&path).unwrap();
    for l in atlas.user_layers().unwrap().iter().filter(|l| l.source.ends_with(".geojson")) {
        assert_eq!(l.feature_count, 50, "layer {} holds a partial import", l.id);
    }
}

#[test]
fn two_writers_at_once_do_not_corrupt_the_file() {
    let dir = scratch("two");
    let path = build(&dir);
    let spawn = |seed: u64| {
        Command::new(env!("CARGO_BIN_EXE_atlas-dev"))
            .args(["--db", path.to_str().unwrap(), "torture", "--seed", &seed.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(1001), spawn(1002));
    std::thread::sleep(Duration::from_millis(1500));
    a.kill().unwrap();
    b.kill().unwrap();
    let mut all = Committed::default();
    for child in [&mut a, &mut b] {
        child.wait().unwrap();
        let mut out = String::new();
        child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
        let whole = match out.rfind('\n') {
            Some(end) => &out[..=end],
            None => "",
        };
        for line in whole.lines() {
            record(line, &mut all);
        }
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert!(!err.contains("malformed") && !err.contains("corrupt"), "{err}");
    }
    assert!(!all.notes.is_empty() || !all.features.is_empty(), "both made progress");
    verify(&path, &all);
    // A note written by this process while nothing else runs still works.
    Atlas::open(&path).unwrap().add_note(NoteTarget::District, "120116", "after").unwrap();
}
