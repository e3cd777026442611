"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TrashIcon } from "@/components/ui/icons";
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
      <ConfirmDialog
        dialogRef={dialog}
        idPrefix="delete"
        title="Delete this image?"
        error={error}
        busy={busy}
        confirmLabel="Delete image"
        busyLabel="Deleting…"
        confirmTestId="delete-confirm"
        onConfirm={remove}
      >
        The image and all its files are removed for good.
        {childCount > 0 && ` The ${childCount} image${childCount > 1 ? "s" : ""} made from it stay in your gallery, without a link back to it.`}
      </ConfirmDialog>
    </>
  );
}
