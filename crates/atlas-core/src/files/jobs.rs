//! Long jobs and destructive acts on one atlas file do not overlap.
//!
//! An import runs on its own connection; if "Reset to plan default" replaced the file under
//! it, the import would commit into the replaced file, report success, and be lost. So every
//! job holds a [`JobTicket`] while it runs, and a reset or restore needs an [`ExclusiveTicket`],
//! which is refused (never waited for) while any job runs, and vice versa. The same gate holds
//! the one cancel flag the running job checks.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{AtlasError, Result};

#[derive(Default)]
struct GateState {
    running: Vec<String>,
    exclusive: Option<String>,
}

/// Cheap to clone: every clone is the same gate.
#[derive(Clone, Default)]
pub struct JobGate {
    state: Arc<Mutex<GateState>>,
    cancel: Arc<AtomicBool>,
}

/// Held while a job runs; dropping it ends the job.
pub struct JobTicket {
    gate: JobGate,
    what: String,
}

/// Held while a destructive act runs.
pub struct ExclusiveTicket {
    gate: JobGate,
}

impl JobGate {
    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        // A panic inside a job cannot leave the counts wrong (tickets drop while unwinding),
        // so a poisoned lock's data is still good.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts a job (`what` names it in messages); refused while a reset or restore runs.
    pub fn start_job(&self, what: &str) -> Result<JobTicket> {
        let mut s = self.lock();
        if let Some(act) = &s.exclusive {
            return Err(AtlasError::Busy(format!(
                "cannot start {what} while {act} is running; try again when it is done"
            )));
        }
        if s.running.is_empty() {
            self.cancel.store(false, Ordering::SeqCst);
        }
        s.running.push(what.to_owned());
        Ok(JobTicket { gate: self.clone(), what: what.to_owned() })
    }

    /// Starts a destructive act; refused while any job (or another act) runs.
    pub fn exclusive(&self, what: &str) -> Result<ExclusiveTicket> {
        let mut s = self.lock();
        if let Some(job) = s.running.first() {
            return Err(AtlasError::Busy(format!(
                "cannot {what} while {job} is running: let it finish or cancel it first (nothing was changed)"
            )));
        }
        if let Some(act) = &s.exclusive {
            return Err(AtlasError::Busy(format!("cannot {what} while {act} is running")));
        }
        s.exclusive = Some(what.to_owned());
        Ok(ExclusiveTicket { gate: self.clone() })
    }

    /// Asks the running jobs to stop at their next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

impl Drop for JobTicket {
    fn drop(&mut self) {
        let mut s = self.gate.lock();
        if let Some(i) = s.running.iter().position(|w| *w == self.what) {
            s.running.remove(i);
        }
    }
}

impl Drop for ExclusiveTicket {
    fn drop(&mut self) {
        self.gate.lock().exclusive = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_is_refused_while_an_import_runs_and_allowed_after() {
        let gate = JobGate::default();
        let job = gate.start_job("the import of parcels.geojson").unwrap();
        let refused = gate.exclusive("reset to the plan default").err().unwrap();
        assert!(matches!(refused, AtlasError::Busy(_)));
        assert!(refused.to_string().contains("parcels.geojson"));
        drop(job);
        let reset = gate.exclusive("reset to the plan default").unwrap();
        assert!(gate.start_job("an export").is_err(), "no job starts during a reset");
        drop(reset);
        assert!(gate.start_job("an export").is_ok());
    }

    #[test]
    fn a_new_job_clears_an_old_cancel() {
        let gate = JobGate::default();
        gate.cancel();
        let _job = gate.start_job("an export").unwrap();
        assert!(!gate.is_cancelled());
        gate.cancel();
        assert!(gate.is_cancelled());
    }
}
