"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import { moveToCollection, setFavorite, type GalleryImage, type GalleryPage } from "@/components/api/gallery";
import { providerLabel } from "@/components/api/providers";
import type { Collection, StudioImage } from "@/components/api/types";
import { JobTiles } from "@/components/generate/job-tile";
import { PromptBar } from "@/components/generate/prompt-bar";
import type { PromptDraft } from "@/components/generate/settings";
import { useGenerate } from "@/components/generate/use-generate";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UploadIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { CollectionBar, CollectionDropTray } from "./collection-bar";
import { DropOverlay } from "./drop-overlay";
import { EmptyGallery, LoadFailed, NoMatches } from "./empty-state";
import { GalleryGrid, GallerySkeleton } from "./gallery-grid";
import type { TileActions } from "./gallery-tile";
import { GalleryToolbar } from "./gallery-toolbar";
import { SelectionBar } from "./selection-bar";
import { UploadQueue } from "./upload-queue";
import { useCollections } from "./use-collections";
import { useFileDrop } from "./use-file-drop";
import { takeOffCollection } from "./collection-moves";
import { useGalleryOrder } from "@/components/viewer/use-gallery-order";
import { clearedFilters, describeFilters, firstPageSize, isFiltered, pageSize, sameFilters, showsUpload, toImageQuery, toSearchParams, type GalleryFilters } from "@/components/viewer/gallery-filters";
import { useBulkActions } from "./use-bulk-actions";
import { useImageList } from "./use-image-list";
import { useSelection } from "./use-selection";
import { useUploads } from "./use-uploads";

const accepted = "image/png,image/jpeg,image/webp,image/avif,image/gif";
const plural = (n: number, word = "image") => `${n} ${word}${n === 1 ? "" : "s"}`;
const editable = (target: EventTarget | null) =>
  target instanceof HTMLElement && Boolean(target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']"));

interface Props {
  initialFilters: GalleryFilters;
  /** The prompt bar's contents from a "Reuse prompt" link. */
  initialDraft?: Partial<PromptDraft> | null;
  /** The first page, rendered with the page by the server (null: the browser asks for it). */
  initialPage?: GalleryPage | null;
  /** The collections, likewise. */
  initialCollections?: Collection[] | null;
}

/**
 * The gallery: the prompt bar, collections (drop images on them), filters in the address bar, the virtualised
 * grid with endless scrolling, multi-select with bulk actions, and uploads by button or drop.
 */
export function GalleryView({ initialFilters, initialDraft = null, initialPage = null, initialCollections = null }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const list = useImageList(filters, initialPage);
  // The viewer walks this order (← →) and Esc brings the gallery back as it was (components/viewer).
  useGalleryOrder(filters, list);
  const ids = useMemo(() => list.items.map((i) => i.id), [list.items]);
  const imageQuery = useMemo(() => toImageQuery(filters), [filters]);
  const selection = useSelection(ids, imageQuery);
  const { collections, create, rename: renameCollection, remove: deleteCollection, refresh: refreshCollections } = useCollections(initialCollections);
  const notify = useToast();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<null | "download" | "delete" | "move">(null);
  const [downloaded, setDownloaded] = useState(0);
  const confirmDialog = useRef<HTMLDialogElement>(null);
  const [dragCount, setDragCount] = useState(0);

  const updateFilters = useCallback((change: Partial<GalleryFilters>) => {
    setFilters((current) => {
      const next = { ...current, ...change };
      return sameFilters(next, current) ? current : next;
    });
  }, []);

  // The address bar follows the filters, so a filtered view can be bookmarked or shared.
  useEffect(() => {
    const query = toSearchParams(filters).toString();
    const url = query ? `/?${query}` : "/";
    if (window.location.pathname + window.location.search !== url) window.history.replaceState(null, "", url);
  }, [filters]);

  const onUploaded = useCallback(
    (image: StudioImage) => {
      if (showsUpload(filters, image)) list.prepend(image);
      if (image.collectionId) void refreshCollections();
    },
    [filters, list, refreshCollections],
  );
  const uploads = useUploads(onUploaded);

  // A finished generation's images join the list (once each); say so when the filters hide them.
  const onGenerated = useCallback(
    (images: StudioImage[]) => {
      const shown = images.filter((image) => showsUpload(filters, image));
      list.prepend(shown);
      const hidden = images.length - shown.length;
      if (hidden) notify(`${hidden} new image${hidden > 1 ? "s are" : " is"} not shown with the current filters`, "info");
      if (images.some((image) => image.collectionId)) void refreshCollections();
    },
    [filters, list, notify, refreshCollections],
  );
  const generate = useGenerate(onGenerated);
  const jobTiles = generate.jobs.map((job) => <JobTiles key={job.key} job={job} onRetry={generate.retry} onDismiss={generate.dismiss} />);
  const collection = collections?.find((c) => c.id === filters.collectionId);
  const addFiles = useCallback((files: File[]) => uploads.add(files, filters.collectionId || null), [uploads, filters.collectionId]);
  const dragging = useFileDrop(addFiles);
  const providers = useMemo(() => (generate.providers ?? []).map((p) => ({ id: p.id, name: p.name })), [generate.providers]);
  const providerName = useCallback((id: string) => providers.find((p) => p.id === id)?.name ?? providerLabel(id), [providers]);

  // Endless scrolling: the next page is asked for when the end of the grid comes within a screen or so.
  const sentinel = useRef<HTMLDivElement>(null);
  const loadMore = useRef(list.loadMore);
  loadMore.current = list.loadMore;
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => entries[0]?.isIntersecting && loadMore.current(), { rootMargin: "1000px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [list.nextCursor, list.status]);

  /** Moves images into a collection (null: out of any) and keeps the list and the chips' counts right. */
  const moveImages = useCallback(
    async (moving: string[], target: Collection | null) => {
      if (!moving.length) return;
      setBusy("move");
      try {
        // Collections are boards: adding to one keeps the others. "Out of the collection" in a collection's view
        // takes the images off that one only.
        const leaving = !target && filters.collectionId ? filters.collectionId : null;
        const { moved, failed } = leaving ? await takeOffCollection(leaving, moving) : await moveToCollection(moving, target?.id ?? null);
        const movedIds = moved.map((m) => m.id);
        if (leaving) list.remove(movedIds);
        else for (const m of moved as GalleryImage[]) list.update([m.id], { collectionId: m.collectionId, collectionIds: m.collectionIds });
        if (moved.length) notify(target ? `${plural(moved.length)} added to “${target.name}”` : `${plural(moved.length)} taken out of ${collection ? `“${collection.name}”` : "their collection"}`);
        if (failed.length) notify(`${plural(failed.length)} could not be moved: ${messageOf(failed[0].error)}`, "error");
        void refreshCollections();
      } finally {
        setBusy(null);
      }
    },
    [collection, filters.collectionId, list, notify, refreshCollections],
  );

  // Download, move to trash (with Undo) and "add to collection" act on all that is selected, loaded or not.
  const bulk = useBulkActions({ selection, list, notify, refreshCollections, setBusy, setDownloaded });
  const download = bulk.download;
  const remove = useCallback(async () => {
    confirmDialog.current?.close();
    await bulk.trash();
  }, [bulk]);

  // The tiles' handlers, stable across renders (tiles are memoised), reading the latest state through a ref.
  const latest = useRef({ selection, list, notify });
  latest.current = { selection, list, notify };
  const actions = useMemo<TileActions>(
    () => ({
      onSelectClick: (id, _index, event) => (event.shiftKey ? latest.current.selection.extendTo(id) : latest.current.selection.toggle(id)),
      onToggleSelect: (id, _index, event) => (event.shiftKey ? latest.current.selection.extendTo(id) : latest.current.selection.toggle(id)),
      onToggleFavorite: (image: GalleryImage) => {
        const favorite = !image.favorite;
        const { list: current, notify: say } = latest.current;
        current.update([image.id], { favorite });
        setFavorite(image.id, favorite).catch((error) => {
          current.update([image.id], { favorite: !favorite });
          say(messageOf(error), "error");
        });
      },
      dragIds: (id) => {
        const { selected, list: chosen } = latest.current.selection;
        const carried = selected.has(id) ? chosen : [id];
        // After the drag has begun: changing the page inside dragstart can cancel it.
        setTimeout(() => setDragCount(carried.length), 0);
        return carried;
      },
      onDragEnd: () => setDragCount(0),
    }),
    [],
  );

  // A drag that ended without its tile (scrolled out of the grid, moved away) still ends: the mouse moves again.
  useEffect(() => {
    if (!dragCount) return;
    const end = () => setDragCount(0);
    window.addEventListener("drop", end);
    window.addEventListener("mousemove", end);
    return () => {
      window.removeEventListener("drop", end);
      window.removeEventListener("mousemove", end);
    };
  }, [dragCount]);

  // Keyboard: Ctrl/⌘+A selects every listed image, Escape clears the selection (outside text fields and dialogs).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || editable(e.target)) return;
      const { selection: current, list: shown } = latest.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "a") {
        if (!shown.items.length) return;
        e.preventDefault();
        current.selectAll();
      } else if (e.key === "Escape" && current.size && !document.querySelector("dialog[open]")) {
        current.clear();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const clearFilters = useCallback(() => setFilters((f) => clearedFilters(f)), []);
  const focusPrompt = () => document.querySelector<HTMLElement>('[data-testid="prompt-input"]')?.focus();

  const firstLoad = list.status === "loading" && list.items.length === 0 && !jobTiles.length;
  const empty = list.status === "ready" && list.items.length === 0 && !jobTiles.length;

  return (
    <main data-testid="dropzone" className="mx-auto flex max-w-[1600px] flex-col gap-4 px-4 pt-4 pb-16 sm:gap-5 sm:px-6 sm:pt-6">
      <PromptBar
        initial={initialDraft}
        providers={generate.providers}
        providersError={generate.error}
        usage={generate.usage}
        collectionId={filters.collectionId || undefined}
        onGenerate={generate.submit}
        onUploaded={onUploaded}
      />
      <div className="flex items-end justify-between gap-4 pt-1">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{collection ? collection.name : "Gallery"}</h1>
          <p className="mt-1 hidden text-sm text-muted sm:block">
            {collection
              ? `${plural(collection.imageCount)} · new uploads and generations go into this collection`
              : "Everything you have uploaded, generated and edited. Select images to download or organise them; drag them onto a collection."}
          </p>
        </div>
        <button type="button" data-testid="upload-button" onClick={() => fileInput.current?.click()} className={buttonClass("primary")}>
          <UploadIcon /> Upload
        </button>
        <input
          ref={fileInput}
          data-testid="upload-input"
          type="file"
          accept={accepted}
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label="Choose images to upload"
          onChange={(e) => {
            addFiles(Array.from(e.target.files ?? []));
            e.target.value = "";
          }}
        />
      </div>

      <CollectionBar
        collections={collections}
        selected={filters.collectionId}
        onSelect={(collectionId) => {
          selection.clear();
          updateFilters({ collectionId });
        }}
        onCreate={async (name) => {
          const created = await create(name);
          notify(`Collection “${created.name}” created`);
          return created;
        }}
        onDropImages={(dropped, target) => void moveImages(dropped, target)}
        dragging={dragCount > 0}
        onRename={async (c, name) => {
          const renamed = await renameCollection(c.id, name);
          notify(`Collection renamed to “${renamed.name}”`);
        }}
        onDelete={async (c) => {
          await deleteCollection(c.id);
          selection.clear();
          updateFilters({ collectionId: "" });
          notify(`Collection “${c.name}” deleted; its images stay in the gallery`);
        }}
      />
      <GalleryToolbar
        filters={filters}
        providers={providers}
        onChange={(change) => {
          selection.clear();
          updateFilters(change);
        }}
        onClear={clearFilters}
      />
      <UploadQueue items={uploads.items} onDismiss={uploads.dismiss} />

      {firstLoad && <GallerySkeleton />}
      {list.status === "error" && <LoadFailed message={list.error ?? ""} onRetry={list.retry} />}
      {empty &&
        (isFiltered(filters) ? (
          <NoMatches filters={describeFilters(filters, providerName)} inCollection={collection?.name} onClear={clearFilters} />
        ) : (
          <EmptyGallery onChoose={() => fileInput.current?.click()} onWritePrompt={focusPrompt} collectionName={collection?.name} />
        ))}
      {(list.items.length > 0 || jobTiles.length > 0) && (
        <GalleryGrid
          images={list.items}
          hasMore={Boolean(list.nextCursor)}
          busy={list.status === "loading"}
          leading={jobTiles.length ? jobTiles : null}
          selected={selection.selected}
          actions={actions}
          initialCount={firstPageSize}
        />
      )}

      {list.nextCursor && list.status !== "error" && !list.error && (
        // An invisible line under the grid: when it comes near, the next page is asked for (its place is held by
        // the grid's placeholder rows). Nothing visible sits here, so nothing on screen moves when the page lands.
        <div ref={sentinel} aria-hidden="true" className="h-px" />
      )}
      {list.nextCursor && list.error && (
        <div role="alert" className="flex flex-col items-center gap-2 pt-2">
          <p className="text-sm text-danger">{list.error}</p>
          <button type="button" data-testid="load-more" onClick={list.loadMore} disabled={list.status !== "ready"} className={buttonClass("secondary")}>
            {list.status === "loading-more" && <Spinner />} Try again
          </button>
        </div>
      )}
      {list.status === "ready" && !list.nextCursor && list.items.length > pageSize && (
        <p className="pt-4 text-center text-sm text-subtle">That is all: {plural(list.items.length)}.</p>
      )}

      {(selection.size > 0 || selection.all) && (
        <SelectionBar
          count={selection.size}
          all={selection.all}
          label={selection.label}
          collections={collections}
          currentCollectionId={filters.collectionId}
          busy={busy}
          downloaded={downloaded}
          onSelectAll={selection.selectAll}
          onClear={selection.clear}
          onDownload={() => void download()}
          onDelete={() => confirmDialog.current?.showModal()}
          onMove={(id) =>
            void bulk
              .selectedIds()
              .then((chosen) => moveImages(chosen, id ? (collections?.find((c) => c.id === id) ?? null) : null))
              .catch((error) => notify(messageOf(error), "error"))
          }
        />
      )}
      <ConfirmDialog
        dialogRef={confirmDialog}
        idPrefix="confirm"
        testId="confirm-dialog"
        title={`Move ${selection.all && !selection.counting ? `all ${plural(selection.size)} matching the filters` : plural(selection.size)} to the trash?`}
        error={null}
        busy={false}
        confirmLabel="Move to trash"
        busyLabel="Moving…"
        confirmTestId="confirm-delete"
        onConfirm={() => void remove()}
      >
        They leave the gallery and can be restored from the trash (with their collections and lineage) until it is emptied or they expire. Images made from them stay in the gallery.
      </ConfirmDialog>
      {dragCount > 0 && <CollectionDropTray collections={collections} count={dragCount} onDropImages={(dropped, target) => void moveImages(dropped, target)} />}
      <DropOverlay visible={dragging} target={collection?.name} />
    </main>
  );
}
