//! Debounced autosave. The UI reports every keystroke; writing each one would hammer the disk, and
//! waiting for a pause alone could postpone the write forever while someone types. The autosaver
//! writes the latest version once edits pause for [`QUIET`], and never holds an edit longer than
//! [`MAX_DELAY`]. A write failure is reported, not swallowed.

use crate::profile::Profile;
use crate::store::{Store, StoreError};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

pub const QUIET: Duration = Duration::from_millis(250);
pub const MAX_DELAY: Duration = Duration::from_millis(500);

enum Msg {
    Save(Box<Profile>),
    Flush(Sender<()>),
}

pub struct Autosaver {
    tx: Sender<Msg>,
}

impl Autosaver {
    /// Starts the writer thread. `on_saved` hears about every write, successful or not.
    pub fn spawn(
        store: Store,
        on_saved: impl Fn(Result<Profile, StoreError>) + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel::<Msg>();
        thread::Builder::new()
            .name("dingbind-autosave".into())
            .spawn(move || {
                let mut pending: Option<(Box<Profile>, Instant)> = None;
                let write = |p: Box<Profile>| on_saved(store.save(*p));
                loop {
                    let wait = match &pending {
                        Some((_, since)) => QUIET.min(MAX_DELAY.saturating_sub(since.elapsed())),
                        None => Duration::from_secs(3600),
                    };
                    match rx.recv_timeout(wait) {
                        Ok(Msg::Save(p)) => {
                            // A different profile's pending edit is written before switching to this one.
                            let since = match pending.take() {
                                Some((old, _)) if old.id != p.id => {
                                    write(old);
                                    Instant::now()
                                }
                                Some((_, since)) => since,
                                None => Instant::now(),
                            };
                            pending = Some((p, since));
                        }
                        Ok(Msg::Flush(done)) => {
                            if let Some((p, _)) = pending.take() {
                                write(p);
                            }
                            let _ = done.send(());
                        }
                        Err(RecvTimeoutError::Timeout) => {
                            if let Some((p, _)) = pending.take() {
                                write(p);
                            }
                        }
                        Err(RecvTimeoutError::Disconnected) => {
                            if let Some((p, _)) = pending.take() {
                                write(p);
                            }
                            return;
                        }
                    }
                }
            })
            .expect("spawn autosave thread");
        Self { tx }
    }

    /// Queues a version of a profile for writing.
    pub fn save(&self, profile: Profile) {
        let _ = self.tx.send(Msg::Save(Box::new(profile)));
    }

    /// Writes anything pending now and waits for it.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        if self.tx.send(Msg::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn coalesces_edits_and_never_waits_past_max_delay() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let template = crate::template::builtin("custom-urls").unwrap();
        let profile = store.create("p", template).unwrap();
        let writes = Arc::new(Mutex::new(Vec::new()));
        let log = writes.clone();
        let saver = Autosaver::spawn(store.clone(), move |r| {
            log.lock().unwrap().push(r.unwrap().name)
        });

        // Keep typing every 50 ms for 1.2 s: a pure debounce would write once at the end.
        let start = Instant::now();
        let mut i = 0;
        while start.elapsed() < Duration::from_millis(1200) {
            let mut p = profile.clone();
            p.name = format!("v{i}");
            saver.save(p);
            i += 1;
            thread::sleep(Duration::from_millis(50));
        }
        let during = writes.lock().unwrap().len();
        assert!(during >= 2, "only {during} writes while typing for 1.2 s");
        assert!(
            during < i / 3,
            "{during} writes for {i} edits: not coalesced"
        );
        saver.flush();
        assert_eq!(store.load(&profile.id).unwrap().name, format!("v{}", i - 1));
    }
}
