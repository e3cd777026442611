import "server-only";
import type { JobRow } from "./repository";

/**
 * How a job and its results are shown: the API's job DTO, a result image's DTO, a small preview of a partial
 * image. The job machinery writes and streams job events and webhooks send jobs, but what a job's images look
 * like is the images layer's business (lib/images/job-dto.ts). So lib/images hands its presenter over when a
 * process wires its jobs (wireImageJobs in lib/images/worker.ts: at server start, in `npm run worker`, in the
 * tests' setup), and lib/jobs imports neither lib/images nor sharp. Kept on globalThis, like the worker's state,
 * so every module graph of the process (instrumentation, route handlers) sees it.
 */
export interface JobPresenter {
  /** A job as the API shows it; its image URLs are relative when `baseUrl` is "" (the event log). */
  job(row: JobRow, baseUrl: string): Promise<{ error: { code: string; message: string } | null }>;
  /** A result image as the API shows it, with relative URLs; null when it is gone. */
  image(imageId: string): Promise<object | null>;
  /** A partial image small enough to live in an event, as a data URL. */
  preview(partialImage: Buffer): Promise<string>;
}

const globalForPresenter = globalThis as unknown as { imageStudioJobPresenter?: JobPresenter };

export function presentJobsWith(presenter: JobPresenter): void {
  globalForPresenter.imageStudioJobPresenter = presenter;
}

export function jobPresenter(): JobPresenter {
  const presenter = globalForPresenter.imageStudioJobPresenter;
  if (!presenter) throw new Error("No job presenter: lib/images wires it when the process starts (wireImageJobs in lib/images/worker.ts)");
  return presenter;
}
