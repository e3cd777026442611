"use client";

import type { CredentialsResponse } from "@/components/api/credentials";
import { formatDate } from "@/components/api/format";
import type { ImageKind } from "@/components/api/types";
import { DownloadIcon, icon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { CredentialsChain } from "./credentials-chain";
import { actionText, agentsOf, chainOf, manifestFileName, markingOf, noMarkingWords, signerName, statusOf, type ChainImages, type CredentialsTone, type Marking } from "./credentials-view";

const ShieldCheckIcon = icon(<><path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6z" /><path d="m9 12 2 2 4-4" /></>);
const ShieldAlertIcon = icon(<><path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6z" /><path d="M12 8v4" /><path d="M12 15.5v.01" /></>);
const ShieldStarIcon = icon(<><path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6z" /><path d="m12 8 1.2 2.5 2.8.4-2 1.9.5 2.7L12 14.2l-2.5 1.3.5-2.7-2-1.9 2.8-.4z" /></>);
const ShieldOffIcon = icon(<><path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6z" /><path d="M9 12h6" /></>);

const tones: Record<CredentialsTone, { Icon: ReturnType<typeof icon>; className: string }> = {
  valid: { Icon: ShieldCheckIcon, className: "text-success" },
  trusted: { Icon: ShieldStarIcon, className: "text-success" },
  invalid: { Icon: ShieldAlertIcon, className: "text-danger" },
  none: { Icon: ShieldOffIcon, className: "text-muted" },
};

/** The AI marking as a small pill ("Made by an AI model"); the caller says what it means. */
export function MarkingPill({ marking, className = "" }: { marking: Marking; className?: string }) {
  return (
    <span
      data-testid="credentials-marking-pill"
      data-type={marking.type}
      title={marking.label}
      className={`inline-flex items-center rounded-full bg-accent-soft px-2 py-0.5 text-[11px] leading-4 font-medium text-accent ${className}`}
    >
      <span className="truncate">{marking.label}</span>
    </span>
  );
}

/** Starts the browser's download of the manifest store as a JSON file. */
function downloadJson(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const subheading = "mb-1.5 text-xs font-medium text-muted";

interface Props {
  credentials: CredentialsResponse;
  kind: ImageKind;
  images: ChainImages;
  thumbnailUrl: string;
}

/**
 * What the credentials say: the signature's status (icon, words, who signed and when), the AI marking, the software
 * that made the picture, the actions of its own manifest, the chain of ingredients as a timeline, and the manifest
 * store itself (shown and downloadable as JSON).
 */
export function CredentialsBody({ credentials, kind, images, thumbnailUrl }: Props) {
  const status = statusOf(credentials, kind);
  const tone = tones[status.tone];
  const marking = markingOf(credentials.digitalSourceType);
  const active = credentials.present ? credentials.active : null;
  const agents = agentsOf(active);
  const steps = chainOf(active, images, credentials.imageId);
  const failures = credentials.validation?.state === "invalid" ? credentials.validation.failures : [];

  return (
    <div className="space-y-5">
      <div data-testid="credentials-status" data-tone={status.tone} className="flex gap-3">
        <tone.Icon className={`mt-0.5 size-5 shrink-0 ${tone.className}`} />
        <div className="min-w-0 text-sm">
          <p data-testid="credentials-status-title" className={`font-medium ${status.tone === "invalid" ? "text-danger" : ""}`}>
            {status.title}
          </p>
          {status.note && (
            <p data-testid="credentials-note" className="mt-0.5 text-xs leading-5 text-muted">
              {status.note}
            </p>
          )}
          {/* Who signed is in the note; the line adds when (a time stamp, when the signature has one). */}
          {active?.signer.time && (
            <p data-testid="credentials-signer" className="mt-0.5 text-xs leading-5 text-muted">
              Signed by {signerName(active.signer)}
              {active.signer.commonName && !active.signer.thisStudio && active.signer.commonName !== active.signer.issuer ? ` (${active.signer.commonName})` : ""}
              {" "}
              · <time dateTime={active.signer.time}>{formatDate(active.signer.time)}</time>
            </p>
          )}
          {failures.length > 0 && (
            <ul data-testid="credentials-failures" className="mt-2 space-y-1 text-xs leading-5">
              {failures.map((f, i) => (
                <li key={`${f.code} ${i}`}>
                  <span className="font-mono text-danger">{f.code}</span>
                  {f.explanation && <span className="text-muted"> — {f.explanation}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <div data-testid="credentials-marking">
        <h3 className={subheading}>AI marking</h3>
        {marking ? (
          <div className="space-y-1 text-sm leading-5">
            <MarkingPill marking={marking} className="max-w-full" />
            <p data-testid="credentials-marking-words">{marking.words}</p>
            <p className="text-xs leading-5 text-muted">
              Written into this picture&apos;s files and exports as IPTC digital source type <span className="font-mono">{marking.type}</span>.
            </p>
          </div>
        ) : (
          <p data-testid="credentials-marking-words" className="text-sm leading-5 text-muted">
            {noMarkingWords(kind)}
          </p>
        )}
      </div>

      {agents.length > 0 && (
        <div>
          <h3 className={subheading}>Made with</h3>
          <ul data-testid="credentials-agents" className="flex flex-wrap gap-1.5">
            {agents.map((agent) => (
              <li key={agent} data-testid="credentials-agent" className="rounded-md border border-line bg-raised px-2 py-0.5 text-xs leading-5 break-all">
                {agent}
              </li>
            ))}
          </ul>
        </div>
      )}

      {active && active.actions.length > 0 && (
        <div>
          <h3 className={subheading}>What was done</h3>
          <ol data-testid="credentials-actions" className="flex flex-wrap items-center gap-1.5 text-sm">
            {active.actions.map((a, i) => (
              <li key={`${a.action} ${i}`} className="flex items-center gap-1.5">
                {i > 0 && <span aria-hidden="true" className="text-subtle">→</span>}
                <span
                  data-testid="credentials-action"
                  data-action={a.action}
                  title={[a.action, a.description, a.softwareAgent].filter(Boolean).join(" · ")}
                  className="rounded-md bg-raised px-2 py-0.5 text-xs leading-5 font-medium"
                >
                  {actionText(a)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}

      {steps.length > 0 && (
        <div>
          <h3 className={subheading}>How it was made — newest first</h3>
          <div data-testid="credentials-chain">
            <CredentialsChain steps={steps} imageId={credentials.imageId} thumbnailUrl={thumbnailUrl} />
          </div>
        </div>
      )}

      {credentials.manifestStore && (
        <div className="space-y-3 border-t border-line pt-4">
          <details data-testid="credentials-json" className="group">
            <summary className="cursor-pointer rounded text-sm font-medium text-accent hover:underline">View manifest JSON</summary>
            <pre
              role="region"
              aria-label="Manifest JSON"
              tabIndex={0}
              data-testid="credentials-json-text"
              className="mt-2 max-h-80 overflow-auto rounded-lg bg-raised px-3 py-2 font-mono text-[11px] leading-4 text-muted"
            >
              {JSON.stringify(credentials.manifestStore, null, 2)}
            </pre>
          </details>
          <button
            type="button"
            data-testid="credentials-download"
            onClick={() => downloadJson(manifestFileName(credentials.imageId), credentials.manifestStore)}
            className={buttonClass("secondary", "sm")}
          >
            <DownloadIcon /> Download manifest (.json)
          </button>
        </div>
      )}
    </div>
  );
}
