"use client";

import type { ReactNode, RefObject } from "react";
import { AlertIcon } from "./icons";
import { Spinner } from "./spinner";
import { buttonClass } from "./styles";

/**
 * A destructive action's confirmation: a modal <dialog> (focus trapped, Escape closes it unless the action is
 * under way) with a title, what will happen, the error of a failed try, Cancel (focused first) and the action.
 * The caller opens it with `dialogRef.current.showModal()`.
 */
export function ConfirmDialog({
  dialogRef,
  idPrefix,
  title,
  children,
  error,
  busy,
  confirmLabel,
  busyLabel,
  confirmTestId,
  onConfirm,
  onClose,
  testId,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** `${idPrefix}-title` and `${idPrefix}-description` label the dialog. */
  idPrefix: string;
  title: ReactNode;
  /** What the action does, in words. */
  children: ReactNode;
  error: string | null;
  busy: boolean;
  confirmLabel: string;
  busyLabel: string;
  confirmTestId: string;
  onConfirm: () => void;
  onClose?: () => void;
  testId?: string;
}) {
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${idPrefix}-title`}
      aria-describedby={`${idPrefix}-description`}
      data-testid={testId}
      onCancel={(e) => busy && e.preventDefault()}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-line bg-surface p-0 text-fg shadow-2xl"
    >
      <div className="p-6">
        <h2 id={`${idPrefix}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={`${idPrefix}-description`} className="mt-2 text-sm leading-6 text-muted">
          {children}
        </p>
        {error && (
          <p role="alert" className="mt-4 flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            <AlertIcon className="mt-0.5 size-4 shrink-0" /> {error}
          </p>
        )}
      </div>
      <div className="flex justify-end gap-2 border-t border-line bg-raised/50 px-6 py-4">
        <button type="button" autoFocus onClick={() => dialogRef.current?.close()} disabled={busy} className={buttonClass("secondary")}>
          Cancel
        </button>
        <button type="button" data-testid={confirmTestId} onClick={onConfirm} disabled={busy} className={buttonClass("danger")}>
          {busy && <Spinner />} {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
