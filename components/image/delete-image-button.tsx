"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch, messageOf } from "@/components/api/client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TrashIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";

/** Move to trash behind a confirmation (a modal <dialog>: focus is trapped and Escape closes it); Undo on the toast. */
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
      notify("Image moved to the trash", "success", {
        label: "Undo",
        run: () => {
          apiFetch(`/api/v1/images/${encodeURIComponent(imageId)}/restore`, { method: "POST" })
            .then(() => {
              notify("Image restored");
              router.push(`/images/${encodeURIComponent(imageId)}`);
            })
            .catch((e) => notify(messageOf(e), "error"));
        },
      });
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
        aria-label="Move to trash"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
        className={buttonClass("ghost", "sm", "hover:!bg-danger-soft hover:!text-danger")}
      >
        <TrashIcon className="size-3.5" />
        <span className="hidden sm:inline">Move to trash</span>
      </button>
      <ConfirmDialog
        dialogRef={dialog}
        idPrefix="delete"
        title="Move this image to the trash?"
        error={error}
        busy={busy}
        confirmLabel="Move to trash"
        busyLabel="Moving…"
        confirmTestId="delete-confirm"
        onConfirm={remove}
      >
        It leaves the gallery and can be restored from the trash, with its collections and lineage, until the trash is emptied or it expires.
        {childCount > 0 && ` The ${childCount} image${childCount > 1 ? "s" : ""} made from it stay in your gallery.`}
      </ConfirmDialog>
    </>
  );
}
