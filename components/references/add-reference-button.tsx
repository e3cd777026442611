"use client";

import { useRef, useState } from "react";
import type { ModelCapabilities } from "@/components/api/generation";
import { ImageIcon } from "@/components/ui/icons";
import { ReferencePicker } from "./reference-picker";

/** "Add reference": opens the gallery picker; the chosen images are attached after those already there. */
export function AddReferenceButton({
  attached,
  onAdd,
  capabilities,
  modelName,
  sourceId,
  className = "",
}: {
  attached: string[];
  onAdd: (ids: string[]) => void;
  /** The chosen model's limit, shown and kept in the picker (undefined: unknown, the server decides). */
  capabilities?: Pick<ModelCapabilities, "maxReferenceImages">;
  modelName?: string;
  /** The image being changed (Variations, Refine): not offered. */
  sourceId?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Back to the button when the picker goes (it is unmounted, so the dialog's own focus return does not happen).
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="add-reference"
        aria-haspopup="dialog"
        title="Attach reference images from your gallery — or drag tiles, drop or paste pictures onto the panel"
        onClick={() => setOpen(true)}
        className={`flex h-9 items-center gap-1.5 rounded-lg border border-line-strong bg-surface px-2.5 text-xs font-medium text-muted shadow-xs hover:text-fg ${className}`}
      >
        <ImageIcon className="size-4" />
        {/* The words stay on a phone too: an unlabelled picture icon says nothing about references. */}
        <span className="max-sm:hidden">Add reference</span>
        <span className="sm:hidden">Reference</span>
      </button>
      {/* Mounted while open only: the picker asks for the gallery when it opens. */}
      {open && <ReferencePicker open attached={attached} onAdd={onAdd} onClose={close} capabilities={capabilities} modelName={modelName} sourceId={sourceId} />}
    </>
  );
}
