import Link from "next/link";
import { formatDate } from "@/components/api/format";
import { ParentThumbnail } from "@/components/lineage/parent-thumbnail";
import { icon } from "@/components/ui/icons";
import { actionNames, fileTypeOf, signerName, stepName, type ChainStep } from "./credentials-view";

const FileIcon = icon(<><path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" /><path d="M14 3v5h5" /></>);

/** The picture of a step: this image, a lineage image (linked to its page), else a file icon. */
function StepPicture({ step, imageId, thumbnailUrl, small }: { step: ChainStep; imageId: string; thumbnailUrl: string; small: boolean }) {
  const box = `${small ? "size-10" : "size-14"} shrink-0 overflow-hidden rounded-lg border border-line`;
  if (step.image && step.image.id === imageId && !step.via) {
    return (
      <span className={box} data-testid="credentials-step-picture">
        <img
          src={thumbnailUrl}
          alt=""
          data-checkerboard={step.image.hasAlpha || undefined}
          className={`block aspect-square w-full object-cover ${step.image.hasAlpha ? "checkerboard" : "bg-raised"}`}
        />
      </span>
    );
  }
  if (step.image) {
    return (
      <Link
        href={`/images/${step.image.id}`}
        data-testid="credentials-step-picture"
        data-image-id={step.image.id}
        aria-label={`Open ${stepName(step, imageId)}`}
        className={`${box} block transition hover:border-accent`}
      >
        <ParentThumbnail id={step.image.id} alpha={step.image.hasAlpha} />
      </Link>
    );
  }
  // A file from outside the lineage (a provider's answer, an upload as received, an export's original): its type.
  const type = fileTypeOf(step);
  return (
    <span data-testid="credentials-step-file-type" className={`${box} flex flex-col items-center justify-center gap-0.5 bg-raised text-muted`}>
      <FileIcon className={small ? "size-4" : "size-5"} />
      {type && <span className="font-mono text-[9px] leading-none font-semibold tracking-wide">{type}</span>}
    </span>
  );
}

/** One manifest of the chain (or an ingredient without credentials): picture, name, how it is used, signer, actions. */
function Step({ step, imageId, thumbnailUrl, depth }: { step: ChainStep; imageId: string; thumbnailUrl: string; depth: number }) {
  const m = step.manifest;
  const actions = actionNames(m);
  const small = depth > 0;
  return (
    <li
      data-testid="credentials-step"
      data-relation={step.via?.relation ?? "this"}
      data-image-id={step.image?.id}
      data-signed={m ? (m.signer.thisStudio ? "studio" : "other") : "none"}
      className="group/step relative pb-4 pl-6 last:pb-0"
    >
      {/* The rail and its dot: newest at the top. */}
      <span aria-hidden="true" className="absolute top-4 bottom-0 left-[7px] w-px bg-line group-last/step:hidden" />
      <span
        aria-hidden="true"
        className={`absolute top-1.5 left-0.5 size-3 rounded-full border-2 ${m ? (step.via ? "border-accent bg-surface" : "border-accent bg-accent") : "border-line-strong bg-surface"}`}
      />
      <div className="flex min-w-0 gap-3">
        <StepPicture step={step} imageId={imageId} thumbnailUrl={thumbnailUrl} small={small} />
        <div className="min-w-0 flex-1 text-sm">
          <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <span className="min-w-0 font-medium break-words" data-testid="credentials-step-name">
              {stepName(step, imageId)}
            </span>
            {step.via && (
              <span data-testid="credentials-step-relation" className="rounded-full bg-raised px-2 py-0.5 text-[11px] leading-4 text-muted">
                {step.via.relation}
              </span>
            )}
            {step.via?.title && (
              <span data-testid="credentials-step-file" className="min-w-0 font-mono text-[11px] break-all text-muted">
                {step.via.title}
              </span>
            )}
          </p>
          <p data-testid="credentials-step-signer" className="mt-0.5 text-xs leading-5 text-muted">
            {m ? (
              <>
                Signed by {signerName(m.signer)}
                {m.signer.time && (
                  <>
                    {" "}
                    · <time dateTime={m.signer.time}>{formatDate(m.signer.time)}</time>
                  </>
                )}
              </>
            ) : (
              "No credentials of its own"
            )}
            {step.via?.valid === false && <span className="block text-danger">Its signature does not validate</span>}
          </p>
          {actions.length > 0 && (
            <p data-testid="credentials-step-actions" className="mt-0.5 text-xs leading-5 break-words">
              {actions.join(" · ")}
            </p>
          )}
          {step.side.some((line) => line.length > 0) && (
            <ol aria-label={`Other ingredients of ${stepName(step, imageId)}`} className="mt-3">
              {step.side.map((line) => (
                <li key={line[0]?.key} className="mb-3 last:mb-0">
                  <ChainList steps={line} imageId={imageId} thumbnailUrl={thumbnailUrl} depth={depth + 1} />
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </li>
  );
}

function ChainList({ steps, imageId, thumbnailUrl, depth }: { steps: ChainStep[]; imageId: string; thumbnailUrl: string; depth: number }) {
  return (
    <ol className="relative">
      {steps.map((step) => (
        <Step key={step.key} step={step} imageId={imageId} thumbnailUrl={thumbnailUrl} depth={depth} />
      ))}
    </ol>
  );
}

/**
 * The ingredient chain as a vertical timeline, newest first: this image's manifest, then down the parent line to the
 * oldest (a provider's own manifest, or a file without credentials), each step's components and inputs nested beside
 * it. Lineage images show their thumbnails and link to their pages.
 */
export function CredentialsChain({ steps, imageId, thumbnailUrl }: { steps: ChainStep[]; imageId: string; thumbnailUrl: string }) {
  if (!steps.length) return null;
  return <ChainList steps={steps} imageId={imageId} thumbnailUrl={thumbnailUrl} depth={0} />;
}
