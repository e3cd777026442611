"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { applyPalette, extractPalettes, maxPaletteColors, minPaletteColors, paletteExportFormats, paletteExportUrl, paletteTypes } from "@/components/api/creative";
import { previewUrlOf, type Palette, type PaletteType, type StudioImage } from "@/components/api/types";
import { PaletteLivePreview } from "@/components/palette/palette-live-preview";
import { PaletteSwatches } from "@/components/palette/palette-swatches";
import { AlertIcon, DownloadIcon } from "@/components/ui/icons";
import { NumberField } from "@/components/ui/number-field";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { BeforeAfter } from "./before-after";
import { RangeField } from "./range-field";

const typeLabels: Record<PaletteType, { label: string; note: string }> = {
  dominant: { label: "Dominant", note: "The colours that cover most of the picture." },
  vibrant: { label: "Vibrant", note: "The most colourful ones, even in small areas." },
  muted: { label: "Muted", note: "Soft, greyish tones for backgrounds and text." },
};

type ByType = Partial<Record<PaletteType, Palette>>;

/** The newest stored palette of each type (the list comes oldest first). */
function latestByType(palettes: Palette[] | undefined): ByType {
  const out: ByType = {};
  for (const p of palettes ?? []) if (p.type !== "custom") out[p.type] = p;
  return out;
}

function ErrorLine({ message, testId }: { message: string; testId: string }) {
  return (
    <p role="alert" data-testid={testId} className="mt-3 flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <span>{message}</span>
    </p>
  );
}

/**
 * The image's colours: extract dominant, vibrant and muted palettes at once, show one as swatches (click copies a
 * hex), download it, preview the recolouring live in the browser as the strength slider moves, and apply it as a
 * new image, compared with the original.
 */
export function PalettePanel({ image, stored }: { image: StudioImage; stored?: Palette[] }) {
  const router = useRouter();
  const notify = useToast();
  const [palettes, setPalettes] = useState<ByType>(() => latestByType(stored));
  const [type, setType] = useState<PaletteType>("dominant");
  const [count, setCount] = useState(() => palettes.dominant?.colors.length || 5);
  const [extracting, setExtracting] = useState(false);
  const [extractError, setExtractError] = useState<string | null>(null);
  const [strength, setStrength] = useState(1);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [applied, setApplied] = useState<StudioImage | null>(null);
  const shown = palettes[type];
  const hasAny = paletteTypes.some((t) => palettes[t]);

  const extract = async () => {
    if (extracting) return;
    setExtracting(true);
    setExtractError(null);
    try {
      const all = await extractPalettes(image.id, { types: paletteTypes, numColors: count });
      setPalettes((current) => ({ ...current, ...latestByType(all) }));
    } catch (e) {
      setExtractError(messageOf(e));
    } finally {
      setExtracting(false);
    }
  };

  const apply = async () => {
    if (applying || !shown) return;
    setApplying(true);
    setApplyError(null);
    try {
      const created = await applyPalette(image.id, { paletteId: shown.id, strength });
      setApplied(created);
      notify(`${typeLabels[type].label} palette applied — saved as a new image`);
      // The lineage strip (server-rendered) lists the new child.
      router.refresh();
    } catch (e) {
      setApplyError(messageOf(e));
    } finally {
      setApplying(false);
    }
  };

  return (
    <div data-testid="palette-panel">
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-muted">Palette type</legend>
        <div className="grid grid-cols-3 gap-1 rounded-lg bg-raised p-1">
          {paletteTypes.map((t) => {
            const palette = palettes[t];
            return (
              <button
                key={t}
                type="button"
                data-testid={`palette-type-${t}`}
                aria-pressed={type === t}
                onClick={() => setType(t)}
                className={`flex h-12 flex-col items-center justify-center gap-1 rounded-md text-sm font-medium transition-colors ${
                  type === t ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg"
                }`}
              >
                {typeLabels[t].label}
                {/* The palette in miniature, once there is one. */}
                <span aria-hidden="true" className="flex h-1.5 w-10 overflow-hidden rounded-full bg-line">
                  {palette?.colors.slice(0, 8).map((c, i) => (
                    <span key={i} className="h-full flex-1" style={{ backgroundColor: c.hex }} />
                  ))}
                </span>
              </button>
            );
          })}
        </div>
      </fieldset>
      <p className="mt-1.5 text-xs text-subtle">{typeLabels[type].note}</p>

      <div className="mt-4 grid grid-cols-[7.5rem_1fr] items-end gap-3">
        <NumberField label="Colours" testId="palette-count" value={count} min={minPaletteColors} max={maxPaletteColors} typed="clamp" stepper={{ fewer: "One colour fewer", more: "One colour more" }} onCommit={setCount} />
        <button
          type="button"
          data-testid="palette-extract"
          onClick={() => void extract()}
          aria-disabled={extracting || undefined}
          aria-busy={extracting || undefined}
          className={buttonClass(hasAny ? "secondary" : "primary", "md", "w-full")}
        >
          {extracting && <Spinner />}
          {extracting ? "Extracting…" : hasAny ? "Extract again" : "Extract colours"}
        </button>
      </div>
      {extractError && <ErrorLine message={extractError} testId="palette-error" />}

      <div className="mt-5" aria-live="polite">
        {shown ? (
          <div data-testid="palette-shown" data-palette-id={shown.id} data-type={shown.type}>
            <PaletteSwatches colors={shown.colors} label={`${typeLabels[type].label} colours`} />
            <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
              <span className="inline-flex items-center gap-1 text-muted">
                <DownloadIcon className="size-3.5" /> Export
              </span>
              {paletteExportFormats.map((f) => (
                <a
                  key={f.format}
                  href={paletteExportUrl(shown.id, f.format)}
                  download
                  data-testid={`palette-export-${f.format}`}
                  aria-label={`Download the ${typeLabels[type].label.toLowerCase()} palette as ${f.label}`}
                  className="font-medium text-accent hover:underline"
                >
                  {f.label}
                </a>
              ))}
            </div>
          </div>
        ) : (
          <p className="rounded-lg border border-dashed border-line-strong px-3 py-5 text-center text-sm text-muted">
            {hasAny ? `No ${type} palette yet: extract again to take all three.` : "Extract the picture's colours to see them here."}
          </p>
        )}
      </div>

      {shown && (
        <div className="mt-5 border-t border-line pt-4">
          <h3 className="mb-3 text-sm font-semibold">Recolour with this palette</h3>
          <RangeField
            label="Strength"
            testId="palette-apply-strength"
            value={strength}
            onChange={setStrength}
            ends={["Original", "Palette only"]}
            format={(v) => `${Math.round(v * 100)}%`}
          />
          <PaletteLivePreview src={image.previewUrl} ratio={image.width / image.height} colors={shown.colors.map((c) => c.hex)} strength={strength} />
          <button
            type="button"
            data-testid="palette-apply"
            onClick={() => void apply()}
            aria-disabled={applying || undefined}
            aria-busy={applying || undefined}
            className={buttonClass("primary", "md", "mt-4 w-full")}
          >
            {applying && <Spinner />}
            {applying ? "Applying…" : "Apply palette"}
          </button>
          {applyError && <ErrorLine message={applyError} testId="palette-apply-error" />}
          {applied && (
            <BeforeAfter
              key={applied.id}
              testId="palette-compare"
              before={{ src: image.previewUrl, alt: "Before: the original" }}
              after={{ src: previewUrlOf(applied.id), alt: "After: recoloured with the palette" }}
              ratio={image.width / image.height}
              afterHref={`/images/${applied.id}`}
              afterLinkLabel="Open the recoloured image"
            />
          )}
        </div>
      )}
    </div>
  );
}
