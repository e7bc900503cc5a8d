//! IPC commands for large own layers: a viewport's worth of geometry as bytes, and
//! hit-testing through the core's index. Views run off the UI thread on their own read-only
//! connection; a request a newer pan made stale stops early and answers "stale".

use std::collections::HashMap;
use std::sync::Mutex;

use atlas_core::stream::viewport::ViewRequest;
use atlas_core::Atlas;
use tauri::ipc::Response;
use tauri::{AppHandle, Manager};

use atlas_core::AtlasError;

use crate::commands::CommandResult;
use crate::errors::internal;
use crate::state::AtlasState;

/// The newest request number per layer, and the reader connection.
#[derive(Default)]
pub struct ViewState {
    latest: Mutex<HashMap<String, u64>>,
    reader: Mutex<Option<Atlas>>,
}

impl ViewState {
    /// Closes the reader, so the next view opens the file afresh (after the file was replaced).
    pub fn forget_reader(&self) {
        if let Ok(mut reader) = self.reader.lock() {
            *reader = None;
        }
    }

    fn is_latest(&self, layer: &str, seq: u64) -> bool {
        self.latest.lock().map(|m| m.get(layer).copied() == Some(seq)).unwrap_or(false)
    }
}

#[tauri::command]
pub async fn layer_view(
    app: AppHandle,
    layer_id: String,
    bbox: [f64; 4],
    zoom: f64,
    seq: u64,
) -> CommandResult<Response> {
    {
        let views = app.state::<ViewState>();
        let mut latest = views.latest.lock().map_err(|_| internal("view state poisoned"))?;
        let entry = latest.entry(layer_id.clone()).or_insert(0);
        if seq < *entry {
            return Err(AtlasError::Stale.into());
        }
        *entry = seq;
    }
    tauri::async_runtime::spawn_blocking(move || {
        let views = app.state::<ViewState>();
        let mut reader = views.reader.lock().map_err(|_| internal("view reader poisoned"))?;
        // By the time the reader is free, a newer request may have come: skip this one.
        if !views.is_latest(&layer_id, seq) {
            return Err(AtlasError::Stale.into());
        }
        if reader.is_none() {
            let path = app.state::<AtlasState>().path();
            *reader = Some(Atlas::open_read_only(&path)?);
        }
        let atlas = reader.as_ref().expect("opened above");
        let stale = || !views.is_latest(&layer_id, seq);
        atlas.layer_view_wire(&layer_id, &ViewRequest { bbox, zoom }, &stale).map(Response::new).map_err(Into::into)
    })
    .await
    .map_err(|e| internal(format!("the view query stopped unexpectedly: {e}")))?
}

#[tauri::command]
pub fn layer_feature_at(
    state: tauri::State<AtlasState>,
    layer_id: String,
    lon: f64,
    lat: f64,
    tolerance_m: f64,
) -> CommandResult<Option<i64>> {
    crate::commands::with_atlas(&state, |a| a.layer_feature_at(&layer_id, lon, lat, tolerance_m))
}
