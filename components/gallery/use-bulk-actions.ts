"use client";

import { useCallback, useRef } from "react";
import { messageOf } from "@/components/api/client";
import { formatBytes } from "@/components/api/format";
import { bulkDelete, bulkRestore, downloadZip, fetchImagePage, maxFilterImages, saveBlob, type BulkTarget } from "@/components/api/gallery";
import type { useToast } from "@/components/ui/toast";
import type { useImageList } from "./use-image-list";
import type { useSelection } from "./use-selection";

const plural = (n: number, word = "image") => `${n} ${word}${n === 1 ? "" : "s"}`;

interface Options {
  selection: ReturnType<typeof useSelection>;
  list: ReturnType<typeof useImageList>;
  notify: ReturnType<typeof useToast>;
  refreshCollections: () => unknown;
  setBusy: (busy: null | "download" | "delete" | "move") => void;
  setDownloaded: (bytes: number) => void;
}

/**
 * The selection bar's actions on what is selected — the listed ids, or all matching the filters minus the
 * exceptions (applied by the server): download as a zip, move to the trash with Undo on the toast, and the ids for
 * actions that take ids (adding to a collection).
 */
export function useBulkActions({ selection, list, notify, refreshCollections, setBusy, setDownloaded }: Options) {
  const latest = useRef({ selection, list, notify, refreshCollections });
  latest.current = { selection, list, notify, refreshCollections };

  const download = useCallback(async () => {
    const { selection: chosen, notify: say } = latest.current;
    const target = chosen.target();
    setBusy("download");
    setDownloaded(0);
    try {
      const { blob, fileName } = await downloadZip(target, { onProgress: setDownloaded });
      saveBlob(blob, fileName);
      say(`${plural(chosen.size)} downloaded as ${fileName} (${formatBytes(blob.size)})`);
    } catch (error) {
      say(messageOf(error), "error");
    } finally {
      setBusy(null);
    }
  }, [setBusy, setDownloaded]);

  /** Moves the selection to the trash; the toast's Undo brings every one of them back. */
  const trash = useCallback(async () => {
    const { selection: chosen, list: shown, notify: say, refreshCollections: refresh } = latest.current;
    const target = chosen.target();
    setBusy("delete");
    try {
      const { deleted, notFound } = await bulkDelete(target);
      shown.remove([...deleted, ...notFound]);
      chosen.clear();
      void refresh();
      say(`${plural(deleted.length)} moved to the trash`, "success", {
        label: "Undo",
        run: () => {
          bulkRestore(deleted)
            .then(({ restored }) => {
              latest.current.notify(`${plural(restored.length)} restored`);
              latest.current.list.retry();
              void latest.current.refreshCollections();
            })
            .catch((error) => latest.current.notify(messageOf(error), "error"));
        },
      });
    } catch (error) {
      say(messageOf(error), "error");
    } finally {
      setBusy(null);
    }
  }, [setBusy]);

  /** The selected ids, all of them: "all matching" is listed from the server page by page (at most maxFilterImages). */
  const selectedIds = useCallback(async (): Promise<string[]> => {
    const target: BulkTarget = latest.current.selection.target();
    if ("ids" in target) return target.ids;
    const except = new Set(target.except);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await fetchImagePage({ ...target.filter, limit: 100, cursor });
      ids.push(...page.items.map((i) => i.id).filter((id) => !except.has(id)));
      cursor = page.nextCursor;
      if (ids.length > maxFilterImages) throw new Error(`More than ${maxFilterImages} images match the filters: narrow them and try again.`);
    } while (cursor);
    return ids;
  }, []);

  return { download, trash, selectedIds };
}
