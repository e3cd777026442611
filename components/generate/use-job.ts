"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { Job, JobStatus } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";
import { followJob } from "@/components/jobs/follow-job";
import { useJobCancel } from "@/components/jobs/use-job-cancel";
import type { JobError } from "./error-text";

export interface JobRun {
  /** "idle" before the first start; "starting" while the POST that creates the job is in flight. */
  status: "idle" | "starting" | JobStatus;
  jobId: string | null;
  progress: number;
  /** The latest preview the provider streamed (a data URL), while it runs. */
  partialImage: string | null;
  /** How many pictures the job should make (for placeholders). */
  expected: number;
  /** The pictures made so far, in the order they arrived (the finished job's order once it ends). */
  images: StudioImage[];
  error: JobError | null;
  /** The job's news cannot reach the page right now (offline, server away): it is being reconnected. */
  reconnecting: boolean;
}

const idle: JobRun = { status: "idle", jobId: null, progress: 0, partialImage: null, expected: 0, images: [], error: null, reconnecting: false };

export const isRunning = (status: JobRun["status"]) => status === "starting" || status === "queued" || status === "running";

const addImage = (images: StudioImage[], image: StudioImage) => (images.some((i) => i.id === image.id) ? images : [...images, image]);

/**
 * One job at a time, started from a component and followed there: `start` creates it (the function that POSTs),
 * then its event stream (or polling) brings progress, each picture as it is stored, and the end. A new start
 * abandons the previous one (the server job goes on); unmounting stops following. `cancel` asks the server.
 */
export function useJob(options: { onFinished?: (job: Job) => void } = {}) {
  const [run, setRun] = useState<JobRun>(idle);
  const controller = useRef<AbortController | null>(null);
  const callbacks = useRef(options);
  callbacks.current = options;
  const cancelState = useJobCancel(isRunning(run.status) ? run.jobId : null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (create: () => Promise<Job>, expected: number) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    const { signal } = own;
    const update = (change: Partial<JobRun> | ((run: JobRun) => Partial<JobRun>)) => {
      if (!signal.aborted) setRun((current) => ({ ...current, ...(typeof change === "function" ? change(current) : change) }));
    };
    setRun({ ...idle, status: "starting", expected });
    try {
      const job = await create();
      if (signal.aborted) return;
      update({ jobId: job.id, status: job.status, progress: job.progress, images: job.images ?? [] });
      const finished = await followJob(job, signal, {
        onProgress: (progress, partialImage) => update({ status: "running", progress, ...(partialImage ? { partialImage } : {}) }),
        onImage: (image) => update((current) => ({ images: addImage(current.images, image) })),
        onPoll: (polled) => update((current) => ({ status: polled.status, progress: polled.progress, images: polled.images.reduce(addImage, current.images) })),
        onConnection: (state) => update({ reconnecting: state === "reconnecting" }),
      });
      if (!finished || signal.aborted) return;
      const fallback = finished.status === "canceled" ? "The job was canceled." : "The job failed.";
      update((current) => ({
        status: finished.status,
        progress: finished.status === "succeeded" ? 1 : finished.progress,
        partialImage: null,
        reconnecting: false,
        images: finished.status === "succeeded" ? finished.images : finished.images.reduce(addImage, current.images),
        error: finished.status === "succeeded" ? null : (finished.error ?? { code: finished.status, message: fallback }),
      }));
      callbacks.current.onFinished?.(finished);
    } catch (error) {
      const { code, details } = error as { code?: string; details?: unknown };
      update({ status: "failed", partialImage: null, reconnecting: false, error: { code: code ?? "unknown", message: messageOf(error), ...(details !== undefined ? { details } : {}) } });
    } finally {
      if (controller.current === own) controller.current = null;
    }
  }, []);

  /** Forgets the last run (and stops following it). */
  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setRun(idle);
  }, []);

  return { ...run, running: isRunning(run.status), start, reset, cancel: cancelState.cancel, canceling: cancelState.canceling, cancelFailed: cancelState.failed };
}

export type JobHandle = ReturnType<typeof useJob>;
