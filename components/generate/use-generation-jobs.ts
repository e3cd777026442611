"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, messageOf } from "@/components/api/client";
import { createGeneration, type GenerationRequest, type Job, type JobStatus } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";
import { followJob } from "@/components/jobs/follow-job";
import type { JobError } from "./error-text";
import { noticesOfImages } from "./render-notices";

export interface GenerationJob {
  /** Ours, stable across retries (the server's job id changes). */
  key: number;
  request: GenerationRequest;
  /** Width / height of the pictures to expect, for the placeholder's shape. */
  ratio: number;
  jobId: string | null;
  status: JobStatus;
  progress: number;
  /** The latest preview the provider streamed (a data URL), while it runs. */
  partialImage: string | null;
  error: JobError | null;
  /** A finished batch's notices (the local renderer: what of the prompt it did not draw), shown until dismissed. */
  notices?: string[];
  /** When a 429 says a retry can succeed (ms since the epoch). */
  retryAt: number | null;
  /** The job's news cannot reach the page right now (offline, server away): it is being reconnected. */
  reconnecting: boolean;
}

/**
 * Generation jobs started from this page: each appears at once, follows its job's events (or, failing that,
 * polls it) until it ends, and hands its images to `onImages` when it succeeds (then it leaves the list);
 * failures, cancellations and partly made batches stay, with their reason, to retry with the same settings.
 */
export function useGenerationJobs(onImages: (images: StudioImage[]) => void, onSettled?: () => void) {
  const [jobs, setJobs] = useState<GenerationJob[]>([]);
  const nextKey = useRef(1);
  const controllers = useRef(new Map<number, AbortController>());
  const callbacks = useRef({ onImages, onSettled });
  callbacks.current = { onImages, onSettled };

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((c) => c.abort());
  }, []);

  const patch = useCallback((key: number, change: Partial<GenerationJob>) => {
    setJobs((all) => all.map((j) => (j.key === key ? { ...j, ...change } : j)));
  }, []);

  const fail = useCallback(
    (key: number, error: unknown) => {
      const code = error instanceof ApiError ? error.code : "unknown";
      const retryAfter = error instanceof ApiError ? error.retryAfter : undefined;
      patch(key, {
        status: "failed",
        partialImage: null,
        reconnecting: false,
        error: { code, message: messageOf(error), ...(error instanceof ApiError && error.details !== undefined ? { details: error.details } : {}) },
        retryAt: retryAfter !== undefined ? Date.now() + retryAfter * 1000 : null,
      });
      callbacks.current.onSettled?.();
    },
    [patch],
  );

  const finish = useCallback(
    (key: number, job: Job) => {
      if (job.status === "succeeded" && job.error?.code === "partial") {
        // Some of the batch failed: the images made join the gallery, and the tile stays to say so and to make
        // the missing ones (Retry asks for just those).
        setJobs((all) =>
          all.map((j) =>
            j.key === key
              ? { ...j, status: "succeeded", progress: 1, partialImage: null, reconnecting: false, error: job.error, request: { ...j.request, n: Math.max(1, j.request.n - job.images.length) } }
              : j,
          ),
        );
        callbacks.current.onImages(job.images);
      } else if (job.status === "succeeded") {
        // What the provider said about the pictures stays in the tile's place (the latest batch's only).
        const notices = noticesOfImages(job.images);
        setJobs((all) =>
          all
            .filter((j) => (j.key === key ? notices.length > 0 : !(j.status === "succeeded" && !j.error && j.notices?.length)))
            .map((j) => (j.key === key ? { ...j, status: "succeeded", progress: 1, partialImage: null, notices } : j)),
        );
        callbacks.current.onImages(job.images);
      } else {
        const fallback = job.status === "canceled" ? "The generation was canceled." : "The generation failed.";
        patch(key, {
          status: job.status,
          progress: job.progress,
          partialImage: null,
          reconnecting: false,
          error: job.error ?? { code: job.status, message: fallback },
        });
      }
      callbacks.current.onSettled?.();
    },
    [patch],
  );

  const run = useCallback(
    async (key: number, request: GenerationRequest, onAnswer?: (refusal: unknown) => void) => {
      controllers.current.get(key)?.abort();
      const controller = new AbortController();
      controllers.current.set(key, controller);
      const { signal } = controller;
      try {
        let job: Job;
        try {
          job = await createGeneration(request);
        } catch (error) {
          onAnswer?.(error);
          throw error;
        }
        onAnswer?.(null);
        if (signal.aborted) return;
        patch(key, { jobId: job.id, status: job.status, progress: job.progress });
        const finished = await followJob(job, signal, {
          onProgress: (progress, partialImage) => patch(key, { status: "running", progress, ...(partialImage ? { partialImage } : {}) }),
          onPoll: (polled) => patch(key, { status: polled.status, progress: polled.progress }),
          onConnection: (state) => patch(key, { reconnecting: state === "reconnecting" }),
        });
        if (!finished || signal.aborted) return;
        finish(key, finished);
      } catch (error) {
        if (!signal.aborted) fail(key, error);
      } finally {
        if (controllers.current.get(key) === controller) controllers.current.delete(key);
      }
    },
    [patch, finish, fail],
  );

  /** Starts a job; answers, once the server has answered the request, its refusal (an ApiError) or null. */
  const submit = useCallback(
    (request: GenerationRequest, ratio: number): Promise<unknown> => {
      const key = nextKey.current++;
      const job: GenerationJob = { key, request, ratio, jobId: null, status: "queued", progress: 0, partialImage: null, error: null, retryAt: null, reconnecting: false };
      setJobs((all) => [job, ...all]);
      return new Promise((answered) => void run(key, request, answered));
    },
    [run],
  );

  const retry = useCallback(
    (key: number) => {
      const job = jobs.find((j) => j.key === key);
      if (!job) return;
      patch(key, { jobId: null, status: "queued", progress: 0, partialImage: null, error: null, retryAt: null, reconnecting: false });
      void run(key, job.request);
    },
    [jobs, patch, run],
  );

  const dismiss = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    setJobs((all) => all.filter((j) => j.key !== key));
  }, []);

  return { jobs, submit, retry, dismiss };
}
