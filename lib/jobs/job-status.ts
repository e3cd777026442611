/**
 * A job's status (the Job row's `status`). Types only, no imports: the job rows (./repository) and the API's job
 * record (lib/images/dto-types.ts, which the browser reads) take it from here.
 */
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "canceled";
