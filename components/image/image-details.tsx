import Link from "next/link";
import { describeOperation, formatBytes, formatDate, formatLabel, kindLabel } from "@/components/api/format";
import type { StylePreset } from "@/components/api/generation";
import { formatUsd, isLocalProvider, providerLabel } from "@/components/api/providers";
import type { StudioImage } from "@/components/api/types";
import { RetryIcon, SparklesIcon } from "@/components/generate/icons";
import { reuseHref, styleLabels } from "@/components/generate/settings";
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

/** What the image is and where it came from: how it was generated (when it was), then the file's details. */
export function ImageDetails({ image }: { image: StudioImage }) {
  const generated = image.kind === "generated" || Boolean(image.provider);
  return (
    <>
      {generated && <GenerationDetails image={image} />}
      <FileDetails image={image} generated={generated} />
    </>
  );
}

/** The provenance of a generated image, and a way to make more like it. */
function GenerationDetails({ image }: { image: StudioImage }) {
  const effective = image.effectivePrompt?.trim();
  const style = image.style && image.style !== "none" ? (styleLabels[image.style as StylePreset] ?? image.style) : "None";
  return (
    <section aria-labelledby="generation-title" data-testid="generation-details" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 id="generation-title" className="flex items-center gap-2 text-sm font-semibold">
          <SparklesIcon className="size-4 text-accent" /> Generation
        </h2>
        {image.prompt && (
          <Link href={reuseHref(image)} data-testid="reuse-prompt" className={buttonClass("secondary", "sm")}>
            <RetryIcon className="size-3.5" /> Reuse prompt
          </Link>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
        {image.prompt && (
          <Row label="Prompt" wide testId="image-prompt">
            <span className="leading-6">{image.prompt}</span>
          </Row>
        )}
        {effective && effective !== image.prompt?.trim() && (
          <Row label="Effective prompt (as sent to the provider)" wide testId="image-effective-prompt">
            <span className="block rounded-lg bg-raised px-3 py-2 text-[13px] leading-5 whitespace-pre-line text-muted">{effective}</span>
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
        {image.seed !== null && image.seed !== undefined && (
          <Row label="Seed" testId="image-seed">
            <span className="font-mono text-[13px] select-all">{image.seed}</span>
          </Row>
        )}
        <Row label="Style" testId="image-style">
          {style}
        </Row>
        {image.costUsd !== null && image.costUsd !== undefined && (
          <Row label="Cost" testId="image-cost">
            <span className="tabular-nums">{formatUsd(image.costUsd)}</span>
          </Row>
        )}
      </dl>
    </section>
  );
}

function FileDetails({ image, generated }: { image: StudioImage; generated: boolean }) {
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
          {kindLabel[image.kind] ?? image.kind}
        </Row>
        <Row label="Collection" wide>
          <CollectionPicker imageId={image.id} collectionId={image.collectionId} />
        </Row>
        <Row label="Created" wide>
          <time dateTime={image.createdAt}>{formatDate(image.createdAt)}</time>
        </Row>
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
            {describeOperation(image.operation)}
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
