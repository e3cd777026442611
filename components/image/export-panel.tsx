"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import type { StudioImage } from "@/components/api/types";
import { DownloadIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { useViewer } from "./viewer-context";

type Format = "png" | "jpeg" | "webp" | "avif" | "gif";
type FormatChoice = { value: Format; label: string; note: string };

const stillFormats: FormatChoice[] = [
  { value: "png", label: "PNG", note: "Exact pixels, keeps transparency; the largest files" },
  { value: "jpeg", label: "JPEG", note: "Small, no transparency" },
  { value: "webp", label: "WebP", note: "Small, keeps transparency" },
  { value: "avif", label: "AVIF", note: "Smallest, slower to make" },
];
/** An animation's choices: GIF only here (the API refuses it for a still picture); PNG, JPEG and AVIF give the first frame. */
const animationFormats: FormatChoice[] = [
  ...stillFormats.map((f) => (f.value === "webp" ? { ...f, note: "Small, keeps transparency and every frame" } : f)),
  { value: "gif", label: "GIF", note: "Every frame as it is stored; at most 256 colours per frame" },
];

/** The formats that hold an animation; the others give its first frame (the API says so in X-Image-Notice, in these words). */
const keepsFrames = (format: Format) => format === "gif" || format === "webp";
const firstFrameNotice = (frames: number, label: string) =>
  `Animated image (${frames} frames): this ${label.toUpperCase()} is its first frame; export as GIF or WebP to keep the animation.`;

const exportUrl = (imageId: string, params: URLSearchParams) => `/api/v1/images/${encodeURIComponent(imageId)}/export?${params}`;

/** Starts the browser's download of an attachment URL. */
function startDownload(href: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Download in another format: a plain link, since the API answers with an attachment. With edits shown on the
 * picture and not saved (a crop, a filter), it asks which is wanted: "as shown" saves them as a new image first
 * (the same request as Save) and downloads that; "original" downloads the image as stored, and says so.
 */
/** `marked`: the picture carries an AI marking (a digital source type); exports are always signed (Content Credentials). */
export function ExportPanel({ imageId, sourceFormat, frames = 1, marked = false }: { imageId: string; sourceFormat: string; frames?: number; marked?: boolean }) {
  const ids = { format: useId(), quality: useId(), metadata: useId(), what: useId() };
  const { pending, operations, result } = useViewer();
  const router = useRouter();
  const notify = useToast();
  const [what, setWhat] = useState<"shown" | "original">("shown");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const animated = frames > 1;
  const formats = animated ? animationFormats : stillFormats;
  const [format, setFormat] = useState<Format>(formats.some((f) => f.value === sourceFormat) ? (sourceFormat as Format) : "png");
  // null: the server's default for the format (encode.ts: 90 for JPEG/WebP, 65 for AVIF), sent as such.
  const [chosenQuality, setQuality] = useState<number | null>(null);
  const quality = chosenQuality ?? (format === "avif" ? 65 : 90);
  const [metadata, setMetadata] = useState(true);
  const lossless = format === "png" || format === "gif";

  const params = new URLSearchParams({ format, metadata: String(metadata) });
  if (!lossless) params.set("quality", String(quality));
  const href = exportUrl(imageId, params);
  const label = formats.find((f) => f.value === format)?.label;
  const withEdits = pending.length > 0 && what === "shown";

  const downloadShown = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await apiFetch<StudioImage>(`/api/v1/images/${encodeURIComponent(imageId)}/process`, { method: "POST", json: { operations } });
      startDownload(exportUrl(created.id, params));
      notify(`Downloading the image as shown (${result.width} × ${result.height}); the edits are saved as a new image`);
      router.push(`/images/${created.id}`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${ids.format}-title`} className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <h2 id={`${ids.format}-title`} className="mb-4 text-sm font-semibold">
        Download
      </h2>
      <div className="grid grid-cols-[1fr_1.4fr] gap-3">
        <div>
          <label htmlFor={ids.format} className={labelClass}>
            Format
          </label>
          <select
            id={ids.format}
            data-testid="export-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            className={`${inputClass} w-full cursor-pointer`}
          >
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <div className="flex items-baseline justify-between">
            <label htmlFor={ids.quality} className={labelClass}>
              Quality
            </label>
            <span className="text-xs text-muted tabular-nums">{lossless ? "Lossless" : quality}</span>
          </div>
          <input
            id={ids.quality}
            type="range"
            data-testid="export-quality"
            min={1}
            max={100}
            value={quality}
            disabled={lossless}
            onChange={(e) => setQuality(Number(e.target.value))}
            className="mt-3 w-full accent-[var(--accent)] disabled:opacity-40"
          />
        </div>
      </div>
      <p className="mt-2 text-xs text-subtle">{formats.find((f) => f.value === format)?.note}</p>
      {animated && !keepsFrames(format) && (
        <p role="status" data-testid="export-notice" className="mt-2 rounded-lg bg-warning-soft px-3 py-2 text-xs text-warning">
          {firstFrameNotice(frames, format)}
        </p>
      )}
      <div className="mt-4 flex items-start gap-2">
        <input
          id={ids.metadata}
          type="checkbox"
          data-testid="export-metadata"
          checked={metadata}
          onChange={(e) => setMetadata(e.target.checked)}
          className="mt-0.5 size-4 accent-[var(--accent)]"
        />
        <label htmlFor={ids.metadata} className="text-sm leading-5">
          Embed provenance metadata
          <span className="block text-xs text-muted">Prompt, provider, model, seed and lineage. Off removes them; {marked ? "the AI marking and Content Credentials stay" : "Content Credentials stay"}.</span>
        </label>
      </div>
      {pending.length > 0 && (
        <fieldset data-testid="export-what" className="mt-4 space-y-2 rounded-lg border border-line p-3">
          <legend className="px-1 text-xs font-medium text-muted">The picture has edits that are not saved</legend>
          <label className="flex items-start gap-2 text-sm leading-5">
            <input type="radio" name={ids.what} value="shown" data-testid="export-as-shown" checked={what === "shown"} onChange={() => setWhat("shown")} className="mt-0.5 size-4 accent-[var(--accent)]" />
            <span>
              As shown
              <span className="block text-xs text-muted">
                {pending.join(" → ")}, {result.width} × {result.height} px — saved as a new image, then downloaded
              </span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm leading-5">
            <input type="radio" name={ids.what} value="original" data-testid="export-original" checked={what === "original"} onChange={() => setWhat("original")} className="mt-0.5 size-4 accent-[var(--accent)]" />
            <span>
              The original
              <span className="block text-xs text-muted">As stored, without the pending edits</span>
            </span>
          </label>
        </fieldset>
      )}
      {error && (
        <p role="alert" data-testid="export-error" className="mt-3 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      {withEdits ? (
        <button
          type="button"
          data-testid="export-download"
          data-what="shown"
          onClick={() => void downloadShown()}
          disabled={busy}
          aria-busy={busy || undefined}
          className={buttonClass("secondary", "md", "mt-5 w-full")}
        >
          {busy ? <Spinner /> : <DownloadIcon />} Download as shown ({label})
        </button>
      ) : (
        <a href={href} download data-testid="export-download" data-what="original" className={buttonClass("secondary", "md", "mt-5 w-full")}>
          <DownloadIcon /> {pending.length > 0 ? `Download original (${label})` : `Download ${label}`}
        </a>
      )}
    </section>
  );
}
