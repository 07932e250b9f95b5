//! Where `dyad code` puts its rows: the output files and the store, written on a thread of
//! their own so that the workers code the next batch meanwhile.

use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

use dyad_out::{OutError, OutputStats, Outputs, Rows};

use crate::{AddStats, Store, StoreError};

/// The sink failed: a file or the store could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error(transparent)]
    Out(#[from] OutError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The writer thread stopped without reporting why (it panicked), or could not start.
    #[error("the writer thread stopped unexpectedly")]
    Lost,
}

/// What the sink wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SinkStats {
    pub outputs: OutputStats,
    /// What the run did to the store (`None` without a store).
    pub store: Option<AddStats>,
}

/// Batches waiting for the writer: two keep it busy without holding much memory.
const QUEUE: usize = 2;

/// A running writer thread.
pub struct Sink {
    tx: Option<SyncSender<Vec<Rows>>>,
    handle: Option<JoinHandle<Result<SinkStats, SinkError>>>,
}

impl Sink {
    /// Starts the writer. With a store, `run` is the id from [`Store::begin_run`]; each
    /// batch is one store transaction, and the run is marked finished at the end.
    pub fn start(mut outputs: Outputs, mut store: Option<(Store, i64)>) -> Sink {
        let (tx, rx) = sync_channel::<Vec<Rows>>(QUEUE);
        // Named so that profiles (`perf report --sort comm`) show the writer's share.
        let writer = std::thread::Builder::new().name("dyad-write".into());
        let handle = writer.spawn(move || {
            let mut total = AddStats::default();
            for batch in rx {
                for rows in &batch {
                    outputs.write(rows)?;
                }
                if let Some((store, run)) = &mut store {
                    let s = store.add_batch(*run, &batch)?;
                    total = crate::sum_stats([total, s]);
                }
            }
            let stats = outputs.finish()?;
            if let Some((store, run)) = &mut store {
                store.finish_run(*run)?;
            }
            Ok(SinkStats {
                outputs: stats,
                store: store.map(|_| total),
            })
        });
        match handle {
            Ok(handle) => Sink {
                tx: Some(tx),
                handle: Some(handle),
            },
            // No thread could be started: `send` refuses every batch and `finish` says so.
            Err(_) => Sink {
                tx: None,
                handle: None,
            },
        }
    }

    /// Queues a batch (in input order). Fails when the writer has stopped on an error; call
    /// [`Sink::finish`] to learn it.
    pub fn send(&self, batch: Vec<Rows>) -> Result<(), SinkError> {
        match &self.tx {
            Some(tx) => tx.send(batch).map_err(|_| SinkError::Lost),
            None => Err(SinkError::Lost),
        }
    }

    /// Waits for every queued batch to be written and the files closed.
    pub fn finish(mut self) -> Result<SinkStats, SinkError> {
        drop(self.tx.take());
        match self.handle.take() {
            Some(handle) => handle.join().map_err(|_| SinkError::Lost)?,
            None => Err(SinkError::Lost),
        }
    }
}
