import "server-only";
import { ensureWorker } from "@/lib/jobs/worker";
import "./generation-job";

/** Starts this process's job worker with every image job handler registered (server start, `npm run worker`). */
export function startImageWorker(): Promise<void> {
  return ensureWorker();
}
