/**
 * Group commit: concurrent callers' rows are written together. While one write runs, new rows gather; the
 * next write takes all of them. Each caller's promise settles when its own rows are stored (or failed), so a
 * caller may rely on durability, yet N concurrent callers cost about one statement, not N.
 */
export function groupCommit<R>(write: (rows: R[]) => Promise<void>): (rows: readonly R[]) => Promise<void> {
  let queue: { rows: readonly R[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        try {
          await write(batch.flatMap((b) => b.rows));
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      running = false;
    }
  }
  return (rows) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ rows, resolve, reject });
      if (!running) void drain();
    });
}
