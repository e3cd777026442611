"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { AlertIcon, TrashIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";

/** Delete behind a confirmation (a modal <dialog>: focus is trapped and Escape closes it). */
export function DeleteImageButton({ imageId, childCount }: { imageId: string; childCount: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/images/${encodeURIComponent(imageId)}`, { method: "DELETE" });
      notify("Image deleted");
      router.push("/");
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        data-testid="delete-button"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
        className={buttonClass("ghost", "sm", "hover:!bg-danger-soft hover:!text-danger")}
      >
        <TrashIcon className="size-3.5" />
        <span className="hidden sm:inline">Delete</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        aria-describedby="delete-description"
        onCancel={(e) => busy && e.preventDefault()}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-line bg-surface p-0 text-fg shadow-2xl"
      >
        <div className="p-6">
          <h2 id="delete-title" className="text-lg font-semibold">
            Delete this image?
          </h2>
          <p id="delete-description" className="mt-2 text-sm leading-6 text-muted">
            The image and all its files are removed for good.
            {childCount > 0 &&
              ` The ${childCount} image${childCount > 1 ? "s" : ""} made from it stay in your gallery, without a link back to it.`}
          </p>
          {error && (
            <p role="alert" className="mt-4 flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
              <AlertIcon className="mt-0.5 size-4 shrink-0" /> {error}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2 border-t border-line bg-raised/50 px-6 py-4">
          <button type="button" autoFocus onClick={() => dialog.current?.close()} disabled={busy} className={buttonClass("secondary")}>
            Cancel
          </button>
          <button type="button" data-testid="delete-confirm" onClick={remove} disabled={busy} className={buttonClass("danger")}>
            {busy && <Spinner />} {busy ? "Deleting…" : "Delete image"}
          </button>
        </div>
      </dialog>
    </>
  );
}
