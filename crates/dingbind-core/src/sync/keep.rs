//! Kept previews: each preview of a profile, reduced to ids, names and departments (no phone, no
//! email, no field list), with its totals, as one file per preview in
//! `<data>/sync/<profile id>/`, the newest [`KEEP`] (the same retention as run history,
//! [`crate::history::KEEP`]). One file each, so listing and diffing the newest two never reads
//! the other fifty, whatever the org's size.

use super::diff::{diff, PreviewDiff, PreviewPerson};
use super::preview::{SyncPreview, SyncTotals};
use crate::store::{atomic_write, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::PathBuf;
use ts_rs::TS;

/// How many previews a profile keeps: as many as runs ([`crate::history::KEEP`]).
pub const KEEP: usize = crate::history::KEEP;
const FOLDER: &str = "sync";

/// A kept preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeptPreview {
    /// Sortable: the time it was made, then a counter (`20261205T081500Z-0`).
    pub id: String,
    pub generated_at: String,
    pub totals: SyncTotals,
    /// The people the API returned (the platform's sync will have them).
    pub people: Vec<PreviewPerson>,
}

/// The newest preview's totals and how it differs from the one before: what the report carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewSummary {
    pub generated_at: String,
    pub totals: SyncTotals,
    /// Against the preview before it, when there is one.
    pub previous_at: Option<String>,
    pub diff: Option<PreviewDiff>,
}

impl KeptPreview {
    pub fn of(p: &SyncPreview) -> Self {
        Self {
            id: String::new(),
            generated_at: p.generated_at.clone(),
            totals: p.totals,
            people: p
                .people
                .iter()
                .filter(|r| r.synced)
                .map(|r| PreviewPerson {
                    userid: r.userid.clone(),
                    name: r.name.clone(),
                    dept_ids: r.dept_ids.clone(),
                    dept_names: r.dept_names.clone(),
                })
                .collect(),
        }
    }
}

fn dir(store: &Store, profile_id: &str) -> Result<PathBuf, StoreError> {
    Ok(store.path_of(FOLDER, profile_id)?.with_extension(""))
}

/// The kept ids, oldest first.
fn ids(store: &Store, profile_id: &str) -> Result<Vec<String>, StoreError> {
    let dir = dir(store, profile_id)?;
    let entries = match fs::read_dir(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        other => other.map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?,
    };
    let mut ids: Vec<String> = entries
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    ids.sort();
    Ok(ids)
}

/// Keeps a preview (dropping the oldest beyond [`KEEP`]); returns it as kept.
pub fn record(
    store: &Store,
    profile_id: &str,
    preview: &SyncPreview,
) -> Result<KeptPreview, StoreError> {
    let dir = dir(store, profile_id)?;
    let existing = ids(store, profile_id)?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Iso8601::DEFAULT)
        .unwrap_or_default()
        .replace([':', '-', '.'], "");
    let mut n = 0;
    let id = loop {
        let id = format!("{stamp}-{n}");
        if !existing.contains(&id) {
            break id;
        }
        n += 1;
    };
    let mut kept = KeptPreview::of(preview);
    kept.id = id.clone();
    let json = serde_json::to_vec(&kept).map_err(|e| StoreError::Invalid(e.to_string()))?;
    fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    atomic_write(&dir.join(format!("{id}.json")), &json)?;
    let mut all = existing;
    all.push(id);
    all.sort();
    for old in &all[..all.len().saturating_sub(KEEP)] {
        let _ = fs::remove_file(dir.join(format!("{old}.json")));
    }
    Ok(kept)
}

/// The kept previews' ids, newest first.
pub fn list(store: &Store, profile_id: &str) -> Result<Vec<String>, StoreError> {
    let mut ids = ids(store, profile_id)?;
    ids.reverse();
    Ok(ids)
}

pub fn get(store: &Store, profile_id: &str, id: &str) -> Result<KeptPreview, StoreError> {
    let path = dir(store, profile_id)?.join(format!("{id}.json"));
    let bytes = fs::read(&path).map_err(|_| StoreError::NotFound(id.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The newest preview's totals and its diff against the one before.
pub fn summary(store: &Store, profile_id: &str) -> Result<Option<PreviewSummary>, StoreError> {
    let ids = list(store, profile_id)?;
    let Some(newest) = ids.first() else {
        return Ok(None);
    };
    let latest = get(store, profile_id, newest)?;
    let previous = match ids.get(1) {
        Some(id) => Some(get(store, profile_id, id)?),
        None => None,
    };
    Ok(Some(PreviewSummary {
        generated_at: latest.generated_at.clone(),
        totals: latest.totals,
        previous_at: previous.as_ref().map(|p| p.generated_at.clone()),
        diff: previous.map(|p| diff(&p.people, &latest.people)),
    }))
}

/// Forgets a deleted profile's previews.
pub fn delete(store: &Store, profile_id: &str) -> Result<(), StoreError> {
    let dir = dir(store, profile_id)?;
    match fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::Io {
            path: dir,
            source: e,
        }),
        _ => Ok(()),
    }
}
