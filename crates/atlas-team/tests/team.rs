//! The shared atlas against a real PostgreSQL 15 + PostGIS 3 (a throwaway cluster per test,
//! see common/mod.rs): desktops are atlas files edited through the core and synced through
//! atlas-team, as the CLI and the app do.

mod common;

use std::collections::BTreeSet;

use atlas_core::user::features::FeatureAttributes;
use atlas_core::user::notes::NoteTarget;
use atlas_core::user::tours::StopContent;
use atlas_team::conflicts::{self, Keep};
use atlas_team::snapshot;
use common::{Cluster, Desktop};

const ELEMENT: &str = "xinchuang-valley";

fn point(lon: f64, lat: f64) -> geo::Geometry<f64> {
    geo::Geometry::Point(geo::Point::new(lon, lat))
}

fn named(name: &str) -> FeatureAttributes {
    FeatureAttributes { name_zh: name.into(), ..Default::default() }
}

fn stop(caption: &str) -> StopContent {
    StopContent {
        element_id: Some(ELEMENT.into()),
        caption_zh: caption.into(),
        caption_en: caption.into(),
        ..Default::default()
    }
}

/// A small deterministic generator (xorshift64*), so a failing order can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn init_is_idempotent_and_refuses_a_role_that_cannot_enable_postgis() {
    let pg = Cluster::start();
    let mut su = pg.admin("postgres");
    for sql in ["CREATE DATABASE bureau", "CREATE ROLE owner LOGIN", "CREATE DATABASE owned OWNER owner"] {
        su.execute(sql, &[]).unwrap();
    }
    let first = atlas_team::server::init::init(&pg.url("postgres", "bureau")).unwrap();
    assert!(first.created);
    assert!(first.postgis_version.starts_with('3'), "{first:?}");
    let again = atlas_team::server::init::init(&pg.url("postgres", "bureau")).unwrap();
    assert!(!again.created, "the second init finds the schema and changes nothing");
    let mut db = pg.admin("bureau");
    let tables: i64 =
        db.query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'atlas_team'", &[]).unwrap().get(0);
    assert_eq!(tables, 10);
    let rls: i64 = db
        .query_one("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'atlas_team' AND c.relrowsecurity", &[])
        .unwrap()
        .get(0);
    assert_eq!(rls, 6, "row-level security on notes, tours, stops, layers, conflicts, batches");
    // A database whose owner is no superuser: PostGIS is installed on the machine but may not
    // be enabled by that owner; init says so and leaves the database as it was.
    let err = atlas_team::server::init::init(&pg.url("owner", "owned")).unwrap_err().to_string();
    assert!(err.contains("CREATE EXTENSION postgis"), "{err}");
    let schema: i64 = pg
        .admin("owned")
        .query_one("SELECT count(*) FROM pg_namespace WHERE nspname = 'atlas_team'", &[])
        .unwrap()
        .get(0);
    assert_eq!(schema, 0, "a failed init leaves nothing behind");
    // An unreachable server: one line that says what to do, nothing else.
    let err = atlas_team::server::init::init("host=/nonexistent port=1 user=x dbname=y").unwrap_err().to_string();
    assert!(err.starts_with("cannot reach the team server"), "{err}");
}

#[test]
fn two_desktops_share_notes_tours_and_layers_and_keep_both_sides_of_a_conflict() {
    let pg = Cluster::start();
    pg.bureau("bureau", &["ana"]);
    // Ana's office desktop and her laptop: the same role, two atlas files.
    let office = Desktop::new(pg.url("ana", "bureau"));
    let laptop = Desktop::new(pg.url("ana", "bureau"));
    {
        let a = office.atlas();
        a.add_note(NoteTarget::Element, ELEMENT, "需核实 — office").unwrap();
        let tour = a.create_tour("区县简报", "District brief").unwrap();
        a.add_stop(&tour.id, &stop("第一站")).unwrap();
        let layer = a.create_layer("地块", "drawn").unwrap();
        a.add_feature(&layer.id, &point(117.7, 39.03), &named("一号地块")).unwrap();
    }
    assert_eq!(office.pending(), 5, "note, tour, stop, layer, feature");
    let r = office.sync().unwrap();
    assert_eq!((r.pushed, r.conflicts_new, r.refused.len()), (5, 0, 0), "{r:?}");
    // Only the layer's registry row (stamped by share_layer, not with a replica) comes back.
    assert!(r.bytes_received * 2 < r.bytes_sent, "the pull does not fetch back the rows this push wrote: {r:?}");
    assert_eq!(office.pending(), 0);
    let r = laptop.sync().unwrap();
    assert_eq!(r.pulled, 5, "{r:?}");
    {
        let b = laptop.atlas();
        assert_eq!(b.notes(Some("office")).unwrap().len(), 1);
        let layer = b.user_layers().unwrap().into_iter().find(|l| l.name == "地块").expect("the layer arrived");
        assert_eq!(b.layer_features(&layer.id).unwrap()[0].attributes.name_zh, "一号地块");
        let tour = b.tours().unwrap().into_iter().find(|t| t.name_zh == "区县简报").expect("the tour arrived");
        assert_eq!(b.tour(&tour.id).unwrap().stops[0].caption_zh, "第一站");
    }
    assert_eq!(snapshot::local(&office.path).unwrap(), snapshot::server(&office.server).unwrap());
    assert_eq!(snapshot::local(&laptop.path).unwrap(), snapshot::server(&office.server).unwrap());

    // Both edit the same note offline; the office syncs first and stays current.
    let note_on = |d: &Desktop| d.atlas().notes(None).unwrap().into_iter().find(|n| n.target_id == ELEMENT).unwrap();
    office.atlas().update_note(note_on(&office).id, "office's words").unwrap();
    laptop.atlas().update_note(note_on(&laptop).id, "laptop's words").unwrap();
    assert_eq!(office.sync().unwrap().conflicts_new, 0);
    let r = laptop.sync().unwrap();
    assert_eq!(r.conflicts_new, 1, "{r:?}");
    assert_eq!(note_on(&laptop).text, "office's words", "the laptop takes the version that got there first");
    let listed = conflicts::list(&laptop.path, true).unwrap();
    assert_eq!(listed.len(), 1);
    let c = &listed[0];
    assert_eq!(c.other_by, "ana");
    assert!(c.kept.as_ref().unwrap().to_string().contains("office's words"));
    assert!(c.other.as_ref().unwrap().to_string().contains("laptop's words"), "nothing silently overwritten");
    office.sync().unwrap();
    assert_eq!(conflicts::list(&office.path, true).unwrap().len(), 1, "every desktop sees the conflict");

    // Keep mine on the laptop: its words come back everywhere and the resolution syncs.
    conflicts::resolve(&laptop.path, c.id, Keep::Mine).unwrap();
    assert_eq!(note_on(&laptop).text, "laptop's words");
    let r = laptop.sync().unwrap();
    assert_eq!((r.pushed, r.conflicts_new), (1, 0), "{r:?}");
    office.sync().unwrap();
    assert_eq!(note_on(&office).text, "laptop's words");
    assert!(conflicts::list(&office.path, true).unwrap().is_empty(), "resolved for everyone");
    assert_eq!(conflicts::list(&office.path, false).unwrap()[0].status, "kept_mine");

    // Keep both on a feature edited on both sides: the lost version comes back beside it.
    let feature_of = |d: &Desktop| {
        let a = d.atlas();
        let layer = a.user_layers().unwrap().into_iter().find(|l| l.name == "地块").unwrap();
        a.layer_features(&layer.id).unwrap()
    };
    office.atlas().update_feature_attributes(feature_of(&office)[0].id, &named("办公室改名")).unwrap();
    laptop.atlas().update_feature_attributes(feature_of(&laptop)[0].id, &named("笔记本改名")).unwrap();
    office.sync().unwrap();
    assert_eq!(laptop.sync().unwrap().conflicts_new, 1);
    let c = conflicts::list(&laptop.path, true).unwrap().remove(0);
    assert_eq!(c.kind, "feature");
    conflicts::resolve(&laptop.path, c.id, Keep::Both).unwrap();
    laptop.sync().unwrap();
    office.sync().unwrap();
    let names: BTreeSet<String> = feature_of(&office).into_iter().map(|f| f.attributes.name_zh).collect();
    assert_eq!(names, BTreeSet::from(["办公室改名".to_owned(), "笔记本改名".to_owned()]));
    assert_eq!(snapshot::local(&office.path).unwrap(), snapshot::local(&laptop.path).unwrap());
    assert_eq!(snapshot::local(&office.path).unwrap(), snapshot::server(&office.server).unwrap());
}

/// Tokens ("T-d3-e17") written into notes, feature names and stop captions, so the test can
/// say where each ever-synced value ended up.
fn tokens_in(d: &Desktop) -> Vec<String> {
    let a = d.atlas();
    let mut out: Vec<String> = a.notes(None).unwrap().into_iter().map(|n| n.text).collect();
    for l in a.user_layers().unwrap() {
        out.extend(a.layer_features(&l.id).unwrap().into_iter().map(|f| f.attributes.name_zh));
    }
    for t in a.tours().unwrap() {
        out.extend(a.tour(&t.id).unwrap().stops.into_iter().map(|s| s.caption_zh));
    }
    out.into_iter().filter(|t| t.contains("T-")).collect()
}

/// `desktops` atlas files, logged in as `role_count` editor roles (desktop i as `ed{i % n}`, so
/// desktops of the same role edit the same notes and stops, and everyone edits the shared
/// layer), edit at random and sync in a random order for `rounds` rounds; then all sync twice.
/// Every desktop must end equal to the server, every conflict must be recorded on every
/// desktop, and every value that ever reached the server must still be somewhere: current,
/// in a conflict record, or replaced by a desktop that had seen it. No lost update.
fn converge(desktops: usize, role_count: usize, rounds: usize, seed: u64) {
    let pg = Cluster::start();
    let roles = &["ed0", "ed1", "ed2", "ed3"][..role_count];
    pg.bureau("bureau", roles);
    let lead = Desktop::new(pg.url("admin", "bureau"));
    {
        let a = lead.atlas();
        let layer = a.create_layer("共享地块", "drawn").unwrap();
        for i in 0..6 {
            a.add_feature(&layer.id, &point(117.0 + i as f64 * 0.05, 39.0), &named(&format!("T-lead-{i}"))).unwrap();
        }
    }
    lead.sync().unwrap();
    for r in roles {
        atlas_team::server::admin::grant_layer(&lead.server, "共享地块", r, true).unwrap();
    }
    let role_of = |i: usize| roles[i % role_count];
    let ds: Vec<Desktop> = (0..desktops).map(|i| Desktop::new(pg.url(role_of(i), "bureau"))).collect();
    // Each role's first desktop makes a tour with two stops (tagged with the role, so only its
    // own desktops edit them: the server would refuse anyone else).
    for (i, d) in ds.iter().enumerate().take(role_count) {
        let a = d.atlas();
        let t = a.create_tour(&format!("[{}] tour", role_of(i)), "").unwrap();
        a.add_stop(&t.id, &stop(&format!("T-d{i}-s0"))).unwrap();
        a.add_stop(&t.id, &stop(&format!("T-d{i}-s1"))).unwrap();
        d.sync().unwrap();
    }
    for d in &ds {
        d.sync().unwrap();
    }
    let mut rng = Rng(seed);
    let mut superseded: BTreeSet<String> = BTreeSet::new();
    let mut reached_server: BTreeSet<String> = BTreeSet::new();
    let mut conflicts_made = 0;
    let mut edit = 0usize;
    for _round in 0..rounds {
        let mut order: Vec<usize> = (0..desktops).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &i in &order {
            let d = &ds[i];
            let role = role_of(i);
            let tag = format!("[{role}]");
            {
                let a = d.atlas();
                for _ in 0..1 + rng.below(3) {
                    edit += 1;
                    let token = format!("{tag} T-d{i}-e{edit}");
                    let mine: Vec<_> =
                        a.notes(None).unwrap().into_iter().filter(|n| n.text.starts_with(&tag)).collect();
                    let layer = a.user_layers().unwrap().into_iter().find(|l| l.name == "共享地块").unwrap();
                    let features = a.layer_features(&layer.id).unwrap();
                    match rng.below(10) {
                        0 | 1 => {
                            a.add_note(NoteTarget::Element, ELEMENT, &token).unwrap();
                        }
                        2..=4 if !mine.is_empty() => {
                            let n = &mine[rng.below(mine.len())];
                            superseded.insert(n.text.clone());
                            a.update_note(n.id, &token).unwrap();
                        }
                        5 if !mine.is_empty() => {
                            let n = &mine[rng.below(mine.len())];
                            superseded.insert(n.text.clone());
                            a.delete_note(n.id).unwrap();
                        }
                        6 | 7 if !features.is_empty() => {
                            let f = &features[rng.below(features.len())];
                            superseded.insert(f.attributes.name_zh.clone());
                            a.update_feature_attributes(f.id, &named(&token)).unwrap();
                        }
                        8 => {
                            a.add_feature(
                                &layer.id,
                                &point(117.2 + rng.below(100) as f64 * 0.001, 39.1),
                                &named(&token),
                            )
                            .unwrap();
                        }
                        _ => {
                            let tour = a.tours().unwrap().into_iter().find(|t| t.name_zh.starts_with(&tag));
                            if let Some(t) = tour {
                                let stops = a.tour(&t.id).unwrap().stops;
                                if !stops.is_empty() {
                                    let s = &stops[rng.below(stops.len())];
                                    superseded.insert(s.caption_zh.clone());
                                    a.update_stop(s.id, &stop(&token)).unwrap();
                                }
                            }
                        }
                    }
                }
            }
            reached_server.extend(tokens_in(d));
            let r = d.sync().unwrap();
            assert!(r.refused.is_empty(), "desktop {i} ({role}): {:?}", r.refused);
            conflicts_made += r.conflicts_new;
        }
    }
    for _ in 0..2 {
        for d in ds.iter().chain([&lead]) {
            let r = d.sync().unwrap();
            conflicts_made += r.conflicts_new;
        }
    }
    let server = snapshot::server(&lead.server).unwrap();
    for (i, d) in ds.iter().enumerate() {
        assert_eq!(d.pending(), 0, "desktop {i} has nothing pending");
        let local = snapshot::local(&d.path).unwrap();
        let differ: Vec<_> = local
            .iter()
            .filter(|(k, v)| server.get(*k) != Some(*v))
            .map(|(k, _)| format!("desktop has {k}"))
            .chain(server.iter().filter(|(k, v)| local.get(*k) != Some(*v)).map(|(k, _)| format!("server has {k}")))
            .collect();
        if !differ.is_empty() {
            let mut db = pg.admin("bureau");
            for k in &differ {
                let gid = k.rsplit(':').next().unwrap();
                let t = db
                    .query(
                        "SELECT entity, rev, deleted_by::text FROM atlas_team.tombstones WHERE gid::text = $1",
                        &[&gid],
                    )
                    .unwrap();
                let c = db.query("SELECT id, kept::text, other::text, kept_rev, other_by::text FROM atlas_team.conflicts WHERE gid::text = $1", &[&gid]).unwrap();
                eprintln!(
                    "{k}: tomb {:?}",
                    t.iter()
                        .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1), r.get::<_, String>(2)))
                        .collect::<Vec<_>>()
                );
                eprintln!(
                    "  conflicts {:?}",
                    c.iter()
                        .map(|r| (
                            r.get::<_, i64>(0),
                            r.get::<_, Option<String>>(1),
                            r.get::<_, Option<String>>(2),
                            r.get::<_, i64>(3),
                            r.get::<_, String>(4)
                        ))
                        .collect::<Vec<_>>()
                );
                let conn = rusqlite::Connection::open(&d.path).unwrap();
                let m: Vec<(String, i64, Option<String>)> = conn
                    .prepare("SELECT local_id, rev, synced_hash FROM team_map WHERE gid = ?1")
                    .unwrap()
                    .query_map([gid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .unwrap()
                    .map(|x| x.unwrap())
                    .collect();
                let last: String =
                    conn.query_row("SELECT value FROM team_state WHERE key='last_rev'", [], |r| r.get(0)).unwrap();
                eprintln!("  map {m:?} last_rev {last}");
            }
        }
        assert!(differ.is_empty(), "desktop {i} differs from the server: {differ:?}");
    }
    let mut db = pg.admin("bureau");
    let recorded: i64 = db.query_one("SELECT count(*) FROM atlas_team.conflicts", &[]).unwrap().get(0);
    assert_eq!(recorded as usize, conflicts_made, "every conflict a push met is on the server");
    for d in &ds {
        assert_eq!(conflicts::list(&d.path, false).unwrap().len(), conflicts_made, "and on every desktop");
    }
    // Where did every value that reached the server go?
    let mut current: BTreeSet<String> = BTreeSet::new();
    for r in db
        .query("SELECT text FROM atlas_team.notes UNION ALL SELECT caption_zh FROM atlas_team.tour_stops", &[])
        .unwrap()
    {
        current.insert(r.get(0));
    }
    let table: String = db.query_one("SELECT table_name FROM atlas_team.layers", &[]).unwrap().get(0);
    for r in db.query(&format!("SELECT name_zh FROM atlas_team.{table}"), &[]).unwrap() {
        current.insert(r.get(0));
    }
    let in_conflicts: String = db
        .query_one("SELECT coalesce(string_agg(coalesce(kept::text, '') || coalesce(other::text, ''), ' '), '') FROM atlas_team.conflicts", &[])
        .unwrap()
        .get(0);
    let lost: Vec<&String> = reached_server
        .iter()
        .filter(|t| !current.contains(*t) && !superseded.contains(*t) && !in_conflicts.contains(t.as_str()))
        .collect();
    assert!(lost.is_empty(), "values overwritten by a desktop that never saw them: {lost:?}");
    assert!(conflicts_made > 0, "the seed makes desktops collide (else the test proves little)");
}

#[test]
fn two_desktops_edit_and_sync_in_random_order_and_agree() {
    converge(2, 1, 12, 0x5eed_0002);
}

#[test]
fn twenty_desktops_edit_and_sync_in_random_order_and_agree_with_no_lost_update() {
    converge(20, 4, 4, 0x5eed_0020);
}

#[test]
fn a_server_killed_mid_push_leaves_no_partial_state_and_the_next_sync_completes() {
    let pg = Cluster::start();
    pg.bureau("bureau", &["ana"]);
    let d = Desktop::new(pg.url("ana", "bureau"));
    let layer_id = {
        let a = d.atlas();
        let layer = a.create_layer("大图层", "drawn").unwrap();
        for i in 0..6000 {
            a.add_feature(
                &layer.id,
                &point(117.0 + (i % 100) as f64 * 0.01, 39.0 + (i / 100) as f64 * 0.01),
                &named(&format!("f{i}")),
            )
            .unwrap();
        }
        a.add_note(NoteTarget::Element, ELEMENT, "written before the crash").unwrap();
        layer.id
    };
    let before = d.pending();
    assert_eq!(before, 6002);
    // Kill the server once the push has written inside its transaction (it has an xid).
    let watcher = {
        let url = pg.url("postgres", "bureau");
        std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
            for _ in 0..20_000 {
                let writing: i64 = c
                    .query_one(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tianjin-atlas' AND backend_xid IS NOT NULL",
                        &[],
                    )
                    .unwrap()
                    .get(0);
                if writing > 0 {
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            false
        })
    };
    let syncing = {
        let path = d.path.clone();
        let server = d.server.clone();
        std::thread::spawn(move || atlas_team::sync::sync(&path, &server))
    };
    assert!(watcher.join().unwrap(), "the push never started writing");
    pg.kill();
    let result = syncing.join().unwrap();
    let err = result.expect_err("a sync whose server died fails").to_string();
    assert!(err.contains("cannot reach the team server") || err.contains("connection"), "{err}");
    pg.restart();
    // The server: nothing of the push (not even the layer), no batch. The desktop: all pending.
    let mut db = pg.admin("bureau");
    let layers: i64 = db.query_one("SELECT count(*) FROM atlas_team.layers", &[]).unwrap().get(0);
    let notes: i64 = db.query_one("SELECT count(*) FROM atlas_team.notes", &[]).unwrap().get(0);
    let batches: i64 = db.query_one("SELECT count(*) FROM atlas_team.batches", &[]).unwrap().get(0);
    assert_eq!((layers, notes, batches), (0, 0, 0), "no partial push on the server");
    assert_eq!(d.pending(), before, "every change still pending on the desktop");
    assert_eq!(d.atlas().layer_features(&layer_id).unwrap().len(), 6000, "the desktop's own data untouched");
    let r = d.sync().unwrap();
    assert_eq!((r.pushed, r.conflicts_new), (6002, 0), "{r:?}");
    assert_eq!(d.pending(), 0);
    assert_eq!(snapshot::local(&d.path).unwrap(), snapshot::server(&d.server).unwrap());
}

#[test]
fn an_editor_without_rights_to_a_layer_is_refused_by_the_server_and_keeps_the_change_pending() {
    let pg = Cluster::start();
    pg.bureau("bureau", &["dist_a", "dist_b"]);
    let lead = Desktop::new(pg.url("admin", "bureau"));
    {
        let a = lead.atlas();
        let l = a.create_layer("滨海新区规划", "drawn").unwrap();
        a.add_feature(&l.id, &point(117.7, 39.0), &named("港区")).unwrap();
    }
    lead.sync().unwrap();
    atlas_team::server::admin::grant_layer(&lead.server, "滨海新区规划", "dist_a", true).unwrap();
    let b = Desktop::new(pg.url("dist_b", "bureau"));
    b.sync().unwrap();
    {
        let a = b.atlas();
        let l = a.user_layers().unwrap().into_iter().find(|l| l.name == "滨海新区规划").unwrap();
        let f = a.layer_features(&l.id).unwrap().remove(0);
        a.update_feature_attributes(f.id, &named("西青区的改动")).unwrap();
        a.add_note(NoteTarget::Element, ELEMENT, "dist_b's own note").unwrap();
    }
    let r = b.sync().unwrap();
    assert_eq!(r.pushed, 1, "the note goes through: {r:?}");
    assert_eq!(r.refused.len(), 1, "{r:?}");
    assert!(r.refused[0].contains("permission denied"), "the server's own words: {}", r.refused[0]);
    assert!(r.refused[0].contains("滨海新区规划"), "and which layer: {}", r.refused[0]);
    assert_eq!(b.pending(), 1, "the refused edit stays pending, not lost");
    let r = b.sync().unwrap();
    assert_eq!((r.refused.len(), b.pending()), (1, 1), "still refused, still pending: {r:?}");
    // A viewer may read but not write, even its own notes.
    let v = Desktop::new(pg.url("viewer", "bureau"));
    v.sync().unwrap();
    v.atlas().add_note(NoteTarget::Element, ELEMENT, "a viewer's note").unwrap();
    let r = v.sync().unwrap();
    assert_eq!((r.pushed, r.refused.len(), v.pending()), (0, 1, 1), "{r:?}");
    // An editor who is not an admin cannot grant; once an admin does, the pending edit goes.
    let err =
        atlas_team::server::admin::grant_layer(&b.server, "滨海新区规划", "dist_b", true).unwrap_err().to_string();
    assert!(err.contains("permission denied for function grant_layer"), "{err}");
    atlas_team::server::admin::grant_layer(&lead.server, "滨海新区规划", "dist_b", true).unwrap();
    let r = b.sync().unwrap();
    assert_eq!((r.pushed, r.refused.len(), b.pending()), (1, 0, 0), "{r:?}");
    lead.sync().unwrap();
    let a = lead.atlas();
    let l = a.user_layers().unwrap().into_iter().find(|l| l.name == "滨海新区规划").unwrap();
    assert_eq!(a.layer_features(&l.id).unwrap()[0].attributes.name_zh, "西青区的改动");
}

#[test]
fn ogrinfo_opens_a_shared_layer_with_its_fields() {
    let pg = Cluster::start();
    pg.bureau("bureau", &["ana"]);
    let d = Desktop::new(pg.url("ana", "bureau"));
    {
        let a = d.atlas();
        let l = a.create_layer("园区", "drawn").unwrap();
        for i in 0..3 {
            a.add_feature(&l.id, &point(117.1 + i as f64 * 0.1, 39.1), &named(&format!("园区{i}"))).unwrap();
        }
    }
    d.sync().unwrap();
    let table: String = pg.admin("bureau").query_one("SELECT table_name FROM atlas_team.layers", &[]).unwrap().get(0);
    let out = std::process::Command::new("ogrinfo")
        .args(["-ro", "-so", "-al"])
        .arg(format!(
            "PG:host={} port={} user=ana dbname=bureau tables=atlas_team.{table}",
            pg.socket_dir().display(),
            pg.port
        ))
        .output()
        .expect("ogrinfo (gdal-bin) is installed by scripts/setup.sh --test");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{}", text, String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Feature Count: 3"), "{text}");
    assert!(text.contains("EPSG") && text.contains("4326"), "{text}");
    for field in ["name_zh: String", "name_en: String", "category: String"] {
        assert!(text.contains(field), "{field} in {text}");
    }
}

#[test]
fn tombstones_and_push_records_are_pruned_once_no_desktop_needs_them() {
    let pg = Cluster::start();
    pg.bureau("bureau", &["ana", "ben"]);
    let count = |table: &str| -> i64 {
        pg.admin("bureau").query_one(&format!("SELECT count(*) FROM atlas_team.{table}"), &[]).unwrap().get(0)
    };
    let ana = Desktop::new(pg.url("ana", "bureau"));
    let ben = Desktop::new(pg.url("ben", "bureau"));
    // Ben's second desktop syncs once, then stays away for a while.
    let away = Desktop::new(pg.url("ben", "bureau"));
    let note = ana.atlas().add_note(NoteTarget::Element, ELEMENT, "short-lived").unwrap();
    ana.sync().unwrap();
    // The push record served only until ana's desktop applied its outcomes, in the same sync.
    assert_eq!(count("batches"), 0, "push records are forgotten once their desktop has applied them");
    ben.sync().unwrap();
    away.sync().unwrap();

    ana.atlas().delete_note(note.id).unwrap();
    let r = ana.sync().unwrap();
    assert_eq!((r.pushed, r.pruned.tombstones), (1, 0), "{r:?}");
    assert_eq!(count("tombstones"), 1, "ben's desktops have not pulled the deletion yet");
    let r = ben.sync().unwrap();
    assert_eq!((r.pulled, r.pruned.tombstones), (1, 0), "{r:?}");
    assert_eq!(atlas_team::server::prune::prune(&ana.server).unwrap().tombstones, 0, "the desktop away still needs it");
    assert_eq!(count("tombstones"), 1);

    // Nobody may claim another desktop's progress to make the server forget early.
    let away_replica: uuid::Uuid = atlas_team::status::status(&away.path).unwrap().replica.parse().unwrap();
    let mut as_ana = postgres::Client::connect(&pg.url("ana", "bureau"), postgres::NoTls).unwrap();
    as_ana.execute("SELECT atlas_team.report_pulled($1, 1000000)", &[&away_replica]).unwrap();
    assert_eq!(atlas_team::server::prune::prune(&ana.server).unwrap().tombstones, 0);

    let r = away.sync().unwrap();
    assert_eq!((r.pulled, r.pruned.tombstones), (1, 1), "the last desktop to pull the deletion lets it go: {r:?}");
    assert_eq!(count("tombstones"), 0);
    assert!(away.atlas().notes(None).unwrap().is_empty(), "the deletion reached the desktop that was away");
    // A desktop new to the bureau needs no tombstones: it pulls what exists.
    let newcomer = Desktop::new(pg.url("ben", "bureau"));
    newcomer.sync().unwrap();
    for d in [&ana, &ben, &away, &newcomer] {
        assert_eq!(snapshot::local(&d.path).unwrap(), snapshot::server(&ana.server).unwrap());
    }
}
