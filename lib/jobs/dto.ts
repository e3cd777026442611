import "server-only";
import { toImageDto, type ImageDto } from "@/lib/images/dto";
import { jobImages, type JobRow } from "./repository";

/** A job as the API shows it (API.md "Generation"). */
export interface JobDto {
  id: string;
  type: string;
  status: string;
  progress: number;
  provider: string | null;
  model: string | null;
  images: ImageDto[];
  error: { code: string; message: string } | null;
  costUsd: number | null;
  /** What was reserved of the daily budget while the job runs. */
  reservedUsd: number;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export async function toJobDto(job: JobRow, baseUrl: string): Promise<JobDto> {
  const images = await jobImages(job.id);
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: job.progress,
    provider: job.provider,
    model: job.model,
    images: images.map((i) => toImageDto(i, baseUrl)),
    error: (job.error as JobDto["error"]) ?? null,
    costUsd: job.costMicroUsd === null ? null : job.costMicroUsd / 1_000_000,
    reservedUsd: job.reservedMicroUsd / 1_000_000,
    attempts: job.attempts,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
