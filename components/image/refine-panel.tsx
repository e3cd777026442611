"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createRefinement, fetchImagePage, type RefineRequest } from "@/components/api/creative";
import type { WithReferences } from "@/components/references/references";
import { SourceReferences, useSourceReferences } from "@/components/references/source-references";
import { imageTitle } from "@/components/api/format";
import { previewUrlOf, type StudioImage } from "@/components/api/types";
import { JobRunView } from "@/components/generate/job-run-view";
import type { JobHandle } from "@/components/generate/use-job";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import { BeforeAfter } from "./before-after";
import { MaskPainter, type MaskPainterHandle } from "./mask-painter";
import { RangeField } from "./range-field";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

type MaskChoices = { status: "loading" | "ready" | "error"; images: StudioImage[] };

/** The mask picker's value for "paint a mask on the picture" (any other value is an image id, or "" for none). */
const paint = "paint";

/**
 * The caller's other images of exactly this size (the only ones a mask may be), from the newest 100. A
 * failure leaves the picker with "No mask" only: the refinement works without one.
 */
function useMaskChoices(image: StudioImage, wanted: boolean): MaskChoices {
  const [choices, setChoices] = useState<MaskChoices>({ status: "loading", images: [] });
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    fetchImagePage({ limit: 100 }, controller.signal)
      .then((page) =>
        setChoices({
          status: "ready",
          images: page.items.filter((i) => i.id !== image.id && i.width === image.width && i.height === image.height),
        }),
      )
      .catch(() => !controller.signal.aborted && setChoices({ status: "error", images: [] }));
    return () => controller.abort();
  }, [image.id, image.width, image.height, wanted]);
  return choices;
}

/** Change the image by words: how much, whether to keep its composition, and (optionally) where, by a mask. */
export function RefinePanel({ image, job, active }: { image: StudioImage; job: JobHandle; active: boolean }) {
  const ids = { prompt: useId(), keep: useId(), mask: useId(), hint: useId() };
  const [prompt, setPrompt] = useState("");
  const [strength, setStrength] = useState(0.5);
  const refs = useSourceReferences(image.id);
  const [keep, setKeep] = useState(true);
  const [maskId, setMaskId] = useState("");
  const [missing, setMissing] = useState(false);
  const [maskProblem, setMaskProblem] = useState<string | null>(null);
  const painter = useRef<MaskPainterHandle>(null);
  const painting = maskId === paint;
  // The list is read once the panel is first shown, not with every image page.
  const [shown, setShown] = useState(active);
  useEffect(() => {
    if (active) setShown(true);
  }, [active]);
  const masks = useMaskChoices(image, shown);
  const mask = masks.images.find((m) => m.id === maskId);
  const first = job.status === "succeeded" ? job.images[0] : undefined;
  // Known in the browser only: the server renders the common case.
  const [shortcut, setShortcut] = useState("Ctrl Enter");
  useEffect(() => {
    if (isMac()) setShortcut("⌘ Enter");
  }, []);

  const submit = () => {
    if (job.running) return;
    const text = prompt.trim();
    if (!text) {
      setMissing(true);
      document.getElementById(ids.prompt)?.focus();
      return;
    }
    setMissing(false);
    let painted: string | undefined;
    if (painting) {
      if (!painter.current || painter.current.isEmpty()) {
        setMaskProblem("Paint over the part that should change, or choose “No mask”.");
        return;
      }
      try {
        painted = painter.current.toDataUrl();
      } catch {
        setMaskProblem("The painted mask could not be read: try again, or choose “No mask”.");
        return;
      }
    }
    setMaskProblem(null);
    // `mask` (a painted PNG data URL) is the API's alternative to `maskImageId`.
    if (refs.blocked()) return;
    const body: RefineRequest & WithReferences & { mask?: string } = {
      ...(refs.body ? { referenceImageIds: refs.body } : {}),
      prompt: text,
      strength,
      preserveStructure: keep,
      ...(mask ? { maskImageId: mask.id } : {}),
      ...(painted ? { mask: painted } : {}),
    };
    void job.start(() => createRefinement(image.id, body), 1);
  };

  return (
    <div data-testid="refine-panel" className="relative" {...refs.dropProps}>
      <label htmlFor={ids.prompt} className={labelClass}>
        How should it change?
      </label>
      <textarea
        id={ids.prompt}
        data-testid="refine-prompt"
        rows={3}
        value={prompt}
        placeholder="e.g. at sunset, warm light, a little fog"
        aria-invalid={missing || undefined}
        aria-describedby={ids.hint}
        onChange={(e) => {
          setPrompt(e.target.value);
          if (e.target.value.trim()) setMissing(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        className={`${inputClass} h-auto min-h-20 w-full resize-y py-2 leading-5 aria-invalid:border-danger`}
      />
      <p id={ids.hint} className={`mt-1 text-xs ${missing ? "text-danger" : "text-subtle"}`} role={missing ? "alert" : undefined}>
        {missing ? "Say how the image should change." : `${shortcut} refines.`}
      </p>

      <div className="mt-4">
        <RangeField
          label="Strength"
          testId="refine-strength"
          value={strength}
          onChange={setStrength}
          ends={["Subtle", "Strong"]}
          format={(v) => `${Math.round(v * 100)}%`}
        />
      </div>

      <div className="mt-4 flex items-start gap-2">
        <input
          id={ids.keep}
          type="checkbox"
          data-testid="refine-keep-composition"
          checked={keep}
          onChange={(e) => setKeep(e.target.checked)}
          className="mt-0.5 size-4 accent-[var(--accent)]"
        />
        <label htmlFor={ids.keep} className="text-sm leading-5">
          Keep composition
          <span className="block text-xs text-muted">Shapes and layout stay where they are; off lets the picture be rearranged.</span>
        </label>
      </div>

      <div className="mt-4">
        <label htmlFor={ids.mask} className={labelClass}>
          Mask (optional)
        </label>
        <div className="flex items-center gap-2">
          {mask && <img src={mask.thumbnailUrl} alt="" className="size-10 shrink-0 rounded-md border border-line bg-raised object-cover" />}
          <select
            id={ids.mask}
            data-testid="refine-mask"
            value={maskId}
            onChange={(e) => {
              setMaskId(e.target.value);
              setMaskProblem(null);
            }}
            className={`${inputClass} min-w-0 flex-1 cursor-pointer`}
          >
            <option value="">No mask: change the whole image</option>
            <option value={paint}>Paint a mask on the picture…</option>
            {masks.images.length > 0 && (
              <optgroup label={`Your images of ${image.width} × ${image.height} px`}>
                {masks.images.map((m) => (
                  <option key={m.id} value={m.id}>
                    {imageTitle(m)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        {painting && <MaskPainter ref={painter} image={image} shown={active} onCoverage={() => setMaskProblem(null)} />}
        {maskProblem && (
          <p role="alert" data-testid="refine-mask-error" className="mt-2 text-xs text-danger">
            {maskProblem}
          </p>
        )}
        <p className="mt-1 text-xs text-subtle">
          {painting
            ? "Painted at the picture's own size: white (painted) changes, the rest is kept."
            : masks.status === "loading"
              ? "Paint a mask, or use another image of the same size (looking for them…)."
              : masks.images.length === 0
                ? `Paint a mask, or use another image of exactly ${image.width} × ${image.height} px (white = change, black = keep); you have none yet.`
                : `Paint a mask, or use an image of exactly ${image.width} × ${image.height} px: white = change, black = keep.`}
        </p>
      </div>

      <SourceReferences refs={refs} className="mt-4" />

      <button
        type="button"
        data-testid="refine-start"
        onClick={submit}
        aria-disabled={job.running || undefined}
        aria-busy={job.running || undefined}
        className={buttonClass("primary", "md", "mt-5 w-full")}
      >
        {job.running && <Spinner />}
        {job.running ? "Refining…" : "Refine"}
      </button>

      <JobRunView run={job} activity="Refining" itemLabel={(i) => `Refined ${i + 1}`} ratio={image.width / image.height} columns={4} failedHeading="The refinement failed" />
      {first && (
        <BeforeAfter
          testId="refine-compare"
          before={{ src: image.previewUrl, alt: "Before: the original" }}
          after={{ src: previewUrlOf(first.id), alt: "After: the refined image" }}
          ratio={image.width / image.height}
          afterHref={`/images/${first.id}`}
          afterLinkLabel="Open the refined image"
        />
      )}
    </div>
  );
}
