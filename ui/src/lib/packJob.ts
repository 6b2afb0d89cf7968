// Follows a pack build until it finishes: polls pack_job (both transports) and, in the desktop
// app, also applies `pack-progress` events as they arrive. Time-bounded so a lost job never
// leaves the progress bar spinning for ever.
import { api, ApiError, detectTransport } from './api';
import type { PackJob } from './types';

export interface FollowOptions {
  intervalMs?: number;
  timeoutMs?: number;
  poll?: (jobId: number | string) => Promise<PackJob>;
  sleep?: (ms: number) => Promise<void>;
  signal?: { cancelled: boolean };
}

export async function followJob(jobId: number | string, onProgress: (job: PackJob) => void, opts: FollowOptions = {}): Promise<PackJob> {
  const interval = opts.intervalMs ?? 250;
  const timeout = opts.timeoutMs ?? 10 * 60 * 1000;
  const poll = opts.poll ?? api.packJob;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let unlisten: (() => void) | null = null;
  if (!opts.poll && detectTransport() === 'tauri') {
    try {
      const { listen } = await import('@tauri-apps/api/event');
      unlisten = await listen<PackJob & { job_id?: unknown }>('pack-progress', (e) => {
        if (e.payload.job_id === undefined || String(e.payload.job_id) === String(jobId)) onProgress(e.payload);
      });
    } catch {
      unlisten = null; // polling alone still works
    }
  }
  try {
    let waited = 0;
    for (;;) {
      if (opts.signal?.cancelled) throw new ApiError({ code: 'internal', message: 'The build was left before it finished.' });
      const job = await poll(jobId);
      onProgress(job);
      if (job.state !== 'running') return job;
      if (waited >= timeout) throw new ApiError({ code: 'internal', message: 'The pack build did not finish in time.' });
      await sleep(interval);
      waited += interval;
    }
  } finally {
    unlisten?.();
  }
}
