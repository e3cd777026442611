"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, messageOf } from "@/components/api/client";
import type { StudioImage } from "@/components/api/types";
import { uploadImageFile } from "@/components/api/upload";
import type { ModelCapabilities } from "@/components/api/generation";
import { addReferences, dragMayCarryImages, idsFromDrag, imageFiles, pastedName, referenceDragType, referenceReason, unavailableReason, type DraftReference, type Renderer } from "./references";
import { useReferenceStates } from "./use-reference-states";

/** A file on its way to becoming a reference: uploaded first (POST /api/v1/images), then attached by id. */
export interface PendingReference {
  key: number;
  name: string;
  /** A local object URL, to show the picture before the server has it. */
  previewUrl: string | null;
  progress: number;
  /** The server's refusal (too large, not a picture…), shown on the thumbnail until dismissed. */
  error: string | null;
}

interface Options {
  references: DraftReference[];
  onChange: (next: DraftReference[]) => void;
  /** An upload made here joined the gallery (the gallery lists it). */
  onUploaded?: (image: StudioImage) => void;
  /** The image the panel works on: it is the source already, not a reference too. */
  sourceId?: string;
}

/**
 * Everything that adds references to a panel: drops of gallery tiles or image links, files dropped or pasted
 * (uploaded first, with progress; a refused file says why), and ids from the picker. Duplicates are not added
 * twice. `dropProps` and `onPaste` go on the panel; `active` is true while something droppable hovers over it.
 */
export function useReferenceInput({ references, onChange, onUploaded, sourceId }: Options) {
  const [pending, setPending] = useState<PendingReference[]>([]);
  const [active, setActive] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const depth = useRef(0);
  const nextKey = useRef(1);
  // The latest list: uploads finish after renders that changed it.
  const latest = useRef({ references, onChange, onUploaded });
  latest.current = { references, onChange, onUploaded };

  const add = useCallback((all: Array<string | { id: string; label?: string | null }>) => {
    const before = latest.current.references;
    const items = all.filter((item) => (typeof item === "string" ? item : item.id) !== sourceId);
    const { list, duplicates, overflow } = addReferences(before, items);
    // Kept at once: two uploads ending in the same render each add to the other's list.
    latest.current.references = list;
    if (list.length !== before.length) latest.current.onChange(list);
    setNotice(
      overflow
        ? `At most ${list.length} reference images can be attached`
        : duplicates
          ? `${duplicates === 1 ? "That image is" : "Those images are"} already attached`
          : items.length < all.length
            ? "This image is the one being changed: it cannot be a reference too"
            : null,
    );
  }, [sourceId]);

  const patch = (key: number, change: Partial<PendingReference>) => setPending((all) => all.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const upload = useCallback((files: File[]) => {
    for (const file of files) {
      const key = nextKey.current++;
      const previewUrl = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
      setPending((all) => [...all, { key, name: file.name || "Pasted image", previewUrl, progress: 0, error: null }]);
      uploadImageFile(file, { onProgress: (progress) => patch(key, { progress }) })
        .then((image) => {
          setPending((all) => all.filter((p) => p.key !== key));
          if (previewUrl) URL.revokeObjectURL(previewUrl);
          add([image.id]);
          latest.current.onUploaded?.(image);
        })
        .catch((error) => patch(key, { error: messageOf(error), progress: 0 }));
    }
  }, [add]);

  const dismiss = useCallback((key: number) => {
    setPending((all) => {
      all.filter((p) => p.key === key && p.previewUrl).forEach((p) => URL.revokeObjectURL(p.previewUrl!));
      return all.filter((p) => p.key !== key);
    });
  }, []);

  // Object URLs of a panel that goes away with uploads still on it.
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  useEffect(() => () => pendingRef.current.forEach((p) => p.previewUrl && URL.revokeObjectURL(p.previewUrl)), []);

  /** Handlers for the panel. They stop file drags here from reaching the gallery's own drop (which uploads to it). */
  const dropProps = {
    onDragEnter: (e: React.DragEvent) => {
      const types = Array.from(e.dataTransfer.types);
      if (types.includes(referenceDragType) || !dragMayCarryImages(types)) return;
      e.preventDefault();
      e.stopPropagation();
      depth.current++;
      setActive(true);
    },
    onDragOver: (e: React.DragEvent) => {
      const types = Array.from(e.dataTransfer.types);
      if (types.includes(referenceDragType) || !dragMayCarryImages(types)) return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: React.DragEvent) => {
      const types = Array.from(e.dataTransfer.types);
      if (types.includes(referenceDragType) || !dragMayCarryImages(types)) return;
      e.stopPropagation();
      depth.current = Math.max(0, depth.current - 1);
      if (!depth.current) setActive(false);
    },
    onDrop: (e: React.DragEvent) => {
      const types = Array.from(e.dataTransfer.types);
      if (types.includes(referenceDragType) || !dragMayCarryImages(types)) return;
      depth.current = 0;
      setActive(false);
      // Not into the prompt as text, and not into the gallery as an upload of its own.
      e.preventDefault();
      e.stopPropagation();
      const files = Array.from(e.dataTransfer.files);
      if (files.length) {
        const pictures = imageFiles(files);
        setNotice(pictures.length < files.length ? "Only pictures can be attached as references" : null);
        if (pictures.length) upload(pictures);
        return;
      }
      const ids = idsFromDrag((type) => e.dataTransfer.getData(type), window.location.origin);
      if (ids.length) add(ids);
    },
    onPaste: (e: React.ClipboardEvent) => {
      const pictures = imageFiles(e.clipboardData.files);
      if (!pictures.length) return;
      // A picture with no text: nothing to paste into the prompt itself.
      if (!e.clipboardData.getData("text/plain")) e.preventDefault();
      const now = new Date();
      upload(pictures.map((f) => new File([f], pastedName(f, now), { type: f.type })));
    },
  };

  return { pending, active, notice, clearNotice: () => setNotice(null), add, upload, dismiss, dropProps };
}

/** What a panel judges its references against: the chosen model (undefined: unknown, the server decides). */
export interface PanelJudge {
  capabilities?: Pick<ModelCapabilities, "maxReferenceImages">;
  /** The model's label ("FLUX.2 [pro]"), or compare's column. */
  modelName?: string;
  /** Where the picture is made: a remote model, or the local renderer (what the tray says references do). */
  renderer?: Renderer;
  /** The image the panel works on (Variations, Refine): it cannot also be a reference. */
  sourceId?: string;
}

/**
 * A panel's references: `useReferenceInput` plus whether each is in the trash or gone, and the refusal shown beside
 * the tray. `blocked()` says why the panel cannot be sent yet (uploads running, a reference in the trash or gone, more
 * than the model takes) and shows it by the tray; `watch` shows a refusal of the request that is about the references.
 */
export function usePanelReferences(references: DraftReference[], update: (change: { references: DraftReference[] }) => void, onUploaded?: (image: StudioImage) => void, judge: PanelJudge = {}) {
  const [error, setError] = useState<string | null>(null);
  const status = useReferenceStates(references);
  const onChange = (next: DraftReference[]) => {
    references.filter((r) => !next.some((n) => n.id === r.id)).forEach((r) => status.forget(r.id));
    update({ references: next });
    setError(null);
  };
  const input = useReferenceInput({ references, onChange, onUploaded, sourceId: judge.sourceId });
  const blocked = () => {
    const waiting = input.pending.some((p) => !p.error) ? "Wait until the reference pictures have uploaded, then generate." : null;
    const limit = referenceReason(judge.capabilities, references.length);
    const reason = waiting ?? unavailableReason(references, status.states) ?? (limit && `${judge.modelName ?? "The chosen model"} ${limit}: remove some, or choose another model.`);
    setError(reason);
    return Boolean(reason);
  };
  const watch = (answer: void | Promise<unknown>) =>
    void answer?.then((refusal) => {
      if (refusal instanceof ApiError && references.length && /reference/i.test(refusal.message)) setError(refusal.message);
    });
  const restore = (id: string) => {
    setError(null);
    void status.restore(id);
  };
  const trayProps = {
    references,
    onChange,
    pending: input.pending,
    onDismissPending: input.dismiss,
    notice: input.notice,
    error: error ?? status.restoreError,
    states: status.states,
    onRestore: restore,
    capabilities: judge.capabilities,
    modelName: judge.modelName,
    renderer: judge.renderer,
  };
  const addProps = { attached: references.map((r) => r.id), onAdd: input.add, capabilities: judge.capabilities, modelName: judge.modelName, sourceId: judge.sourceId };
  return { ...input, error, onChange, blocked, watch, trayProps, addProps };
}
