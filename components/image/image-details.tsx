import { describeOperation, formatBytes, formatDate, formatLabel, kindLabel } from "@/components/api/format";
import type { StudioImage } from "@/components/api/types";
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

/** What the image is and where it came from. */
export function ImageDetails({ image }: { image: StudioImage }) {
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
        {image.prompt && (
          <Row label="Prompt" wide>
            <span className="leading-6">{image.prompt}</span>
          </Row>
        )}
        {image.provider && <Row label="Provider">{image.provider}</Row>}
        {image.model && <Row label="Model">{image.model}</Row>}
        {image.seed !== null && image.seed !== undefined && (
          <Row label="Seed">
            <span className="font-mono text-[13px]">{image.seed}</span>
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
