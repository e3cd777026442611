"use client";

import { useId, useState } from "react";
import { DownloadIcon } from "@/components/ui/icons";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";

const formats = [
  { value: "png", label: "PNG", note: "Exact pixels, keeps transparency; the largest files" },
  { value: "jpeg", label: "JPEG", note: "Small, no transparency" },
  { value: "webp", label: "WebP", note: "Small, keeps transparency" },
  { value: "avif", label: "AVIF", note: "Smallest, slower to make" },
] as const;
type Format = (typeof formats)[number]["value"];

/** Download in another format: a plain link, since the API answers with an attachment. */
export function ExportPanel({ imageId, sourceFormat }: { imageId: string; sourceFormat: string }) {
  const ids = { format: useId(), quality: useId(), metadata: useId() };
  const [format, setFormat] = useState<Format>(formats.some((f) => f.value === sourceFormat) ? (sourceFormat as Format) : "png");
  const [quality, setQuality] = useState(85);
  const [metadata, setMetadata] = useState(true);
  const lossless = format === "png";

  const params = new URLSearchParams({ format, metadata: String(metadata) });
  if (!lossless) params.set("quality", String(quality));
  const href = `/api/v1/images/${encodeURIComponent(imageId)}/export?${params}`;

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
          <span className="block text-xs text-muted">Prompt, provider, model, seed and lineage. Off strips all metadata.</span>
        </label>
      </div>
      <a href={href} download data-testid="export-download" className={buttonClass("secondary", "md", "mt-5 w-full")}>
        <DownloadIcon /> Download {formats.find((f) => f.value === format)?.label}
      </a>
    </section>
  );
}
