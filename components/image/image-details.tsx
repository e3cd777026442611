import Link from "next/link";
import { describeOperation, formatBytes, formatDate, formatLabel, imageKindLabel, imageTitle, madeFromLabel } from "@/components/api/format";
import type { StylePreset } from "@/components/api/generation";
import { formatUsd, isLocalProvider, providerLabel } from "@/components/api/providers";
import type { StudioImage } from "@/components/api/types";
import { SparklesIcon } from "@/components/generate/icons";
import { migrationText, modelMigrationOf } from "@/components/generate/model-lifecycle";
import { RenderNotices } from "@/components/generate/render-notices";
import { ReuseSettingsLink } from "@/components/generate/reuse-settings-link";
import { styleLabels } from "@/components/generate/settings";
import { describeToolOperation, isToolResult } from "@/components/api/tool-labels";
import { buttonClass } from "@/components/ui/styles";
import { CollectionPicker } from "./collection-picker";

function Row({ label, children, wide, testId }: { label: string; children: React.ReactNode; wide?: boolean; testId?: string }) {
  return (
    <div className={wide ? "col-span-2" : undefined}>
      <dt className="text-xs text-muted">{label}</dt>
      <dd data-testid={testId} className="mt-0.5 text-sm break-words">
        {children}
      </dd>
    </div>
  );
}

interface Lineage {
  /** Its source (else its first reference), when it still exists. */
  parent?: StudioImage | null;
  /** 1 for an original, 2 for its children, … */
  generation?: number;
}

/** What the image is and where it came from: how it was generated (when it was), then the file's details. */
export function ImageDetails({ image, parent, generation }: { image: StudioImage } & Lineage) {
  const generated = image.kind === "generated" || Boolean(image.provider);
  return (
    <>
      {generated && <GenerationDetails image={image} parent={parent} generation={generation} />}
      <FileDetails image={image} generated={generated} parent={parent} generation={generation} />
    </>
  );
}

/**
 * "An original (1st generation)", "Refined from <parent> with 2 reference images · 3rd generation", "Made from 2
 * reference images", linked to the parent, the "Made from" strip and the family tree.
 */
function LineageLine({ image, parent, generation = 1 }: { image: StudioImage } & Lineage) {
  const nth = `${generation}${generation === 1 ? "st" : generation === 2 ? "nd" : generation === 3 ? "rd" : "th"} generation`;
  const parents = image.parents ?? [];
  const references = parents.filter((p) => p.role === "reference").length;
  const hasSource = parents.length ? parents.some((p) => p.role === "source") : Boolean(image.parentId);
  const referenceLink = (
    <a href="#made-from" className="font-medium text-accent hover:underline">
      {references} reference image{references === 1 ? "" : "s"}
    </a>
  );
  return (
    <span className="leading-6">
      {hasSource && image.parentId ? (
        <>
          {madeFromLabel(image.operation)}{" "}
          <Link href={`/images/${image.parentId}`} className="font-medium text-accent hover:underline">
            {parent ? imageTitle(parent) : "its parent"}
          </Link>
          {references > 0 && <> with {referenceLink}</>}
        </>
      ) : references > 0 ? (
        <>Made from {referenceLink}</>
      ) : (
        "An original"
      )}
      <span className="text-muted">
        {" "}
        · {nth} ·{" "}
        <a href="#family-tree" className="text-accent hover:underline">
          family tree
        </a>
      </span>
    </span>
  );
}

/** An operation in words; a saved set of edits ("process") as its steps, in order. */
function describeEdit(op: StudioImage["operation"]): string {
  const steps = (op?.params as { operations?: Array<Record<string, unknown>> } | null)?.operations;
  if (op?.type !== "process" || !Array.isArray(steps)) return describeOperation(op);
  const step = ({ op: type, ...params }: Record<string, unknown>) => describeOperation({ type: String(type), params });
  return `Edited in one save: ${steps.map(step).join(" → ")}`;
}

/** The size the provider was asked for (it may differ from the stored pixels, e.g. an aspect ratio). */
function requestedSize(image: StudioImage): string {
  const p = (image.params ?? {}) as { width?: unknown; height?: unknown; aspectRatio?: unknown };
  const asked = typeof p.width === "number" && typeof p.height === "number" ? `${p.width} × ${p.height}` : `${image.width} × ${image.height}`;
  return typeof p.aspectRatio === "string" && p.aspectRatio ? `${asked} (${p.aspectRatio})` : asked;
}

/**
 * The provenance of a generated image, and a way to make more like it. A finishing tool's result (upscale, cut-out,
 * expand) is not a new generation: it says what the tool did, with no seed or style, and offers no "Reuse settings".
 */
function GenerationDetails({ image, parent, generation }: { image: StudioImage } & Lineage) {
  const tool = isToolResult(image.operation) ? describeToolOperation(image.operation) : null;
  const effective = image.effectivePrompt?.trim();
  const style = image.style && image.style !== "none" ? (styleLabels[image.style as StylePreset] ?? image.style) : "None";
  // The model asked for was retired: its successor made the image (lib/providers/lifecycle).
  const migration = modelMigrationOf(image.params);
  // The prompt an accepted "Enhance" suggestion replaced (provenance keeps both).
  const enhanced = (image.params as { enhancedFrom?: { prompt?: unknown; source?: unknown; model?: unknown } } | undefined)?.enhancedFrom;
  return (
    <section aria-labelledby="generation-title" data-testid="generation-details" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 id="generation-title" className="flex items-center gap-2 text-sm font-semibold">
          <SparklesIcon className="size-4 text-accent" /> {tool ? "Made with a tool" : "Generation"}
        </h2>
        {image.prompt && !tool && (
          <ReuseSettingsLink image={image} className={buttonClass("secondary", "sm")} />
        )}
      </div>
      <RenderNotices notices={image.notices} className="mb-4" />
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
        {tool && (
          <Row label="Tool" wide testId="image-tool">
            {tool}
          </Row>
        )}
        {image.prompt && (
          <Row label={tool ? "Prompt (of the source)" : "Prompt"} wide testId="image-prompt">
            <span className="leading-6">{image.prompt}</span>
          </Row>
        )}
        {typeof enhanced?.prompt === "string" && (
          <Row label="Enhanced from" wide testId="image-enhanced-from">
            <span className="leading-6">“{enhanced.prompt}”</span>{" "}
            <span className="text-xs text-muted">
              · rewritten by {enhanced.source === "local" ? "the offline enrichment" : `${providerLabel(String(enhanced.source))}${typeof enhanced.model === "string" ? ` · ${enhanced.model}` : ""}`}
            </span>
          </Row>
        )}
        {effective && (
          <Row label="Effective prompt (as sent to the provider)" wide testId="image-effective-prompt">
            {effective === image.prompt?.trim() ? (
              <span className="text-muted">The same as the prompt</span>
            ) : (
              <span className="block rounded-lg bg-raised px-3 py-2 text-[13px] leading-5 whitespace-pre-line text-muted">{effective}</span>
            )}
          </Row>
        )}
        {image.negativePrompt && (
          <Row label="Negative prompt" wide testId="image-negative-prompt">
            {image.negativePrompt}
          </Row>
        )}
        {image.provider && (
          <Row label="Provider" testId="image-provider">
            {providerLabel(image.provider)}
            {isLocalProvider(image.provider) && <span className="block text-xs text-muted">Drawn on this server</span>}
          </Row>
        )}
        {image.model && (
          <Row label="Model" testId="image-model">
            <span className="font-mono text-[13px]">{image.model}</span>
          </Row>
        )}
        {migration && (
          <Row label="Model change" wide testId="image-model-migration">
            <span className="leading-6">{migrationText(migration)}</span>
          </Row>
        )}
        {!tool && image.seed !== null && image.seed !== undefined && (
          <Row label="Seed" testId="image-seed">
            <span className="font-mono text-[13px] select-all">{image.seed}</span>
          </Row>
        )}
        {!tool && (
          <Row label="Style" testId="image-style">
            {style}
          </Row>
        )}
        <Row label="Size" testId="image-requested-size">
          <span className="tabular-nums">{requestedSize(image)}</span>
        </Row>
        {image.costUsd !== null && image.costUsd !== undefined && (
          <Row label="Cost" testId="image-cost">
            <span className="tabular-nums">{formatUsd(image.costUsd)}</span>
          </Row>
        )}
        <Row label={tool ? "Made" : "Generated"} testId="image-generated-at">
          <time dateTime={image.createdAt}>{formatDate(image.createdAt)}</time>
        </Row>
        <Row label="Lineage" wide testId="image-lineage">
          <LineageLine image={image} parent={parent} generation={generation} />
        </Row>
      </dl>
    </section>
  );
}

function FileDetails({ image, generated, parent, generation }: { image: StudioImage; generated: boolean } & Lineage) {
  const params = image.operation?.params;
  const hasParams = typeof params === "object" && params !== null && Object.keys(params).length > 0;
  return (
    <section aria-labelledby="details-title" data-testid="image-details" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <h2 id="details-title" className="mb-4 text-sm font-semibold">
        Details
      </h2>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
        <Row label="Dimensions" testId="image-dimensions">
          <span className="tabular-nums">
            {image.width} × {image.height}
          </span>{" "}
          <span className="text-muted">px</span>
        </Row>
        <Row label="Format" testId="image-format">
          {formatLabel(image.format)}
          {image.hasAlpha && <span className="text-muted"> · transparent</span>}
        </Row>
        <Row label="File size" testId="image-size">
          {formatBytes(image.bytes)}
        </Row>
        <Row label="Kind" testId="image-kind">
          {imageKindLabel(image)}
        </Row>
        <Row label="Collections" wide>
          <CollectionPicker imageId={image.id} collectionIds={image.collectionIds} collectionId={image.collectionId} />
        </Row>
        <Row label="Created" wide testId="image-created">
          <time dateTime={image.createdAt}>{formatDate(image.createdAt)}</time>
        </Row>
        {!generated && (
          <Row label="Lineage" wide testId="image-lineage">
            <LineageLine image={image} parent={parent} generation={generation} />
          </Row>
        )}
        {image.originalName && (
          <Row label="Original name" wide>
            {image.originalName}
          </Row>
        )}
        {image.prompt && !generated && (
          <Row label="Prompt" wide>
            <span className="leading-6">{image.prompt}</span>
          </Row>
        )}
        {image.operation && (
          <Row label="Operation" wide testId="image-operation">
            {describeEdit(image.operation)}
            {hasParams && (
              <pre className="mt-2 overflow-x-auto rounded-lg bg-raised px-3 py-2 font-mono text-xs leading-5 text-muted">
                {JSON.stringify(params, null, 2)}
              </pre>
            )}
          </Row>
        )}
        <Row label="ID" wide>
          <span className="font-mono text-xs text-muted select-all">{image.id}</span>
        </Row>
      </dl>
    </section>
  );
}
