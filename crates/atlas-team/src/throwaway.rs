//! A throwaway PostgreSQL + PostGIS cluster for the tests and the benchmark: `initdb` and
//! `pg_ctl` in a temp folder (as the `postgres` user when run as root: the server refuses to
//! run as root), listening only on a unix socket there. Stopped when dropped — during a
//! panic's unwinding too, so a failing test leaves no server behind. Not used by the app.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

fn pg_bin() -> PathBuf {
    for v in ["15", "16", "17", "14"] {
        let p = PathBuf::from(format!("/usr/lib/postgresql/{v}/bin"));
        if p.join("initdb").exists() {
            return p;
        }
    }
    panic!("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run scripts/setup.sh --test");
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false)
}

/// Runs a server binary, as `postgres` when we are root.
fn run_pg(bin: &Path, tool: &str, args: &[&str]) -> std::process::Output {
    let exe = bin.join(tool);
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    cmd.args(args).output().unwrap_or_else(|e| panic!("running {tool}: {e}"))
}

impl Cluster {
    pub fn start() -> Cluster {
        let bin = pg_bin();
        let dir = tempfile::Builder::new().prefix("atlas-team-pg-").tempdir_in("/tmp").expect("temp folder");
        if is_root() {
            let ok =
                Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().unwrap().success();
            assert!(ok, "chown of the cluster folder to postgres failed");
        }
        let data = dir.path().join("data");
        let out = run_pg(
            &bin,
            "initdb",
            &["-D", data.to_str().unwrap(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"],
        );
        assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        let cluster = Cluster { dir, bin, port: 5432 };
        cluster.pg_start();
        cluster
    }

    fn pg_start(&self) {
        let data = self.dir.path().join("data");
        let log = self.dir.path().join("server.log");
        let opts = format!(
            "-c listen_addresses='' -k {} -p {} -c fsync=off -c full_page_writes=off -c max_connections=60",
            self.dir.path().display(),
            self.port
        );
        let out = run_pg(
            &self.bin,
            "pg_ctl",
            &["-D", data.to_str().unwrap(), "-l", log.to_str().unwrap(), "-o", &opts, "-w", "-t", "60", "start"],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Kills the server as a crash would (`pg_ctl stop -m immediate`).
    pub fn kill(&self) {
        let data = self.dir.path().join("data");
        run_pg(&self.bin, "pg_ctl", &["-D", data.to_str().unwrap(), "-m", "immediate", "-w", "stop"]);
    }

    /// Starts it again (crash recovery runs).
    pub fn restart(&self) {
        self.pg_start();
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A libpq connection string for `user` on database `db`.
    pub fn url(&self, user: &str, db: &str) -> String {
        format!("host={} port={} user={user} dbname={db}", self.dir.path().display(), self.port)
    }

    /// The superuser's client (to set up roles and databases).
    pub fn admin(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url("postgres", db), postgres::NoTls).expect("connect as postgres")
    }

    /// A fresh database prepared by `atlas team init`, with login roles: `admin` (atlas_admin),
    /// the `editors` (atlas_editor) and `viewer` (atlas_viewer).
    pub fn bureau(&self, db: &str, editors: &[&str]) {
        let mut su = self.admin("postgres");
        su.execute(&format!("CREATE DATABASE {db}"), &[]).unwrap();
        crate::server::init::init(&self.url("postgres", db)).expect("team init");
        let mut sql = String::new();
        for (role, group) in [("admin", "atlas_admin"), ("viewer", "atlas_viewer")]
            .into_iter()
            .chain(editors.iter().map(|e| (*e, "atlas_editor")))
        {
            sql.push_str(&format!(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN; END IF; END $$;
                 GRANT {group} TO {role};"
            ));
        }
        self.admin(db).batch_execute(&sql).unwrap();
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.kill();
    }
}
