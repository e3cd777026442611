"use client";

import { useCallback, useState } from "react";
import { cancelJob } from "@/components/api/generation";

/**
 * Cancel for a job being followed elsewhere: asks the server to stop it (the follower then sees it end as
 * canceled). Its state belongs to one server job id, so a retried job (a new id) starts afresh.
 */
export function useJobCancel(jobId: string | null) {
  // The server job ids a cancel was asked for here, and the one whose cancel failed.
  const [canceling, setCanceling] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const cancel = useCallback(async () => {
    if (!jobId || canceling === jobId) return;
    setCanceling(jobId);
    setFailed(null);
    try {
      await cancelJob(jobId);
    } catch {
      setCanceling((current) => (current === jobId ? null : current));
      setFailed(jobId);
    }
  }, [jobId, canceling]);
  return {
    /** Undefined while there is no server job to cancel yet. */
    cancel: jobId ? cancel : undefined,
    canceling: jobId !== null && canceling === jobId,
    failed: jobId !== null && failed === jobId,
  };
}
