import "server-only";

/**
 * Stops what a process runs in the background, in the order that loses nothing: the worker (running jobs get
 * `timeoutMs` to finish, then their leases go to other workers; the queue and the provider slots close), webhook
 * deliveries, the job event log's pending writes, then the database connections. For `npm run worker`'s
 * SIGTERM, the tests' teardown and the benchmarks.
 */
export async function stopServices(options: { timeoutMs?: number } = {}): Promise<void> {
  const { stopModelWatch } = await import("@/lib/providers/lifecycle/watch");
  stopModelWatch();
  const { stopOrphanSweeps } = await import("@/lib/images/orphans");
  await stopOrphanSweeps();
  const { stopTrashPurges } = await import("@/lib/images/trash");
  await stopTrashPurges();
  const { stopWorker } = await import("@/lib/jobs/worker");
  await stopWorker(options);
  const { stopWebhookDeliveries } = await import("@/lib/webhooks/deliver");
  stopWebhookDeliveries();
  const { flushJobEventLog } = await import("@/lib/jobs/event-log");
  await flushJobEventLog();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
}
