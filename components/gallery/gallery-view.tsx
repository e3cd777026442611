"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { JobTiles } from "@/components/generate/job-tile";
import { PromptBar } from "@/components/generate/prompt-bar";
import type { PromptDraft } from "@/components/generate/settings";
import { useGenerate } from "@/components/generate/use-generate";
import { UploadIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { useToast } from "@/components/ui/toast";
import { CollectionBar } from "./collection-bar";
import { DropOverlay } from "./drop-overlay";
import { EmptyGallery, LoadFailed, NoMatches } from "./empty-state";
import { isFiltered, showsUpload, toSearchParams, type GalleryFilters } from "./filters";
import { GalleryGrid, GallerySkeleton } from "./gallery-grid";
import { GalleryToolbar } from "./gallery-toolbar";
import { UploadQueue } from "./upload-queue";
import { useCollections } from "./use-collections";
import { useFileDrop } from "./use-file-drop";
import { useImageList } from "./use-image-list";
import { useUploads } from "./use-uploads";

const accepted = "image/png,image/jpeg,image/webp,image/avif,image/gif";

interface Props {
  initialFilters: GalleryFilters;
  /** The prompt bar's contents from a "Reuse prompt" link. */
  initialDraft?: Partial<PromptDraft> | null;
}

/** The gallery: the prompt bar, filters, the justified grid with endless scrolling, and uploads by button or drop. */
export function GalleryView({ initialFilters, initialDraft = null }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const list = useImageList(filters);
  const { collections, create, refresh: refreshCollections } = useCollections();
  const notify = useToast();
  const fileInput = useRef<HTMLInputElement>(null);

  const updateFilters = useCallback((change: Partial<GalleryFilters>) => {
    setFilters((current) => {
      const next = { ...current, ...change };
      return next.q === current.q && next.kind === current.kind && next.collectionId === current.collectionId ? current : next;
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
  const addFiles = useCallback(
    (files: File[]) => uploads.add(files, filters.collectionId || null),
    [uploads, filters.collectionId],
  );
  const dragging = useFileDrop(addFiles);

  const sentinel = useRef<HTMLDivElement>(null);
  const loadMore = useRef(list.loadMore);
  loadMore.current = list.loadMore;
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => entries[0]?.isIntersecting && loadMore.current(), { rootMargin: "800px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [list.nextCursor]);

  const firstLoad = list.status === "loading" && list.items.length === 0 && !jobTiles.length;
  const empty = list.status === "ready" && list.items.length === 0 && !jobTiles.length;

  return (
    <main data-testid="dropzone" className="mx-auto flex max-w-[1600px] flex-col gap-5 px-4 pt-4 pb-16 sm:px-6 sm:pt-6">
      <PromptBar
        initial={initialDraft}
        providers={generate.providers}
        providersError={generate.error}
        usage={generate.usage}
        collectionId={filters.collectionId || undefined}
        onGenerate={generate.submit}
      />
      <div className="flex items-end justify-between gap-4 pt-1">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{collection ? collection.name : "Gallery"}</h1>
          <p className="mt-1 hidden text-sm text-muted sm:block">
            {collection
              ? `${collection.imageCount} image${collection.imageCount === 1 ? "" : "s"} · new uploads and generations go into this collection`
              : "Everything you have uploaded, generated and edited. Drop images anywhere to add them."}
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
        onSelect={(collectionId) => updateFilters({ collectionId })}
        onCreate={async (name) => {
          const created = await create(name);
          notify(`Collection “${created.name}” created`);
          return created;
        }}
      />
      <GalleryToolbar filters={filters} onChange={updateFilters} />
      <UploadQueue items={uploads.items} onDismiss={uploads.dismiss} />

      {firstLoad && <GallerySkeleton />}
      {list.status === "error" && <LoadFailed message={list.error ?? ""} onRetry={list.retry} />}
      {empty &&
        (isFiltered(filters) && !(filters.collectionId && !filters.q && !filters.kind) ? (
          <NoMatches onClear={() => updateFilters({ q: "", kind: "" })} />
        ) : (
          <EmptyGallery onChoose={() => fileInput.current?.click()} collectionName={collection?.name} />
        ))}
      {(list.items.length > 0 || jobTiles.length > 0) && <GalleryGrid images={list.items} busy={list.status === "loading"} leading={jobTiles} />}

      {list.nextCursor && list.status !== "error" && (
        <div ref={sentinel} className="flex flex-col items-center gap-2 pt-4">
          <button
            type="button"
            data-testid="load-more"
            onClick={list.loadMore}
            disabled={list.status !== "ready"}
            className={buttonClass("secondary")}
          >
            {list.status === "loading-more" && <Spinner />} Load more
          </button>
          {list.error && <p className="text-sm text-danger">{list.error}</p>}
        </div>
      )}
      <DropOverlay visible={dragging} target={collection?.name} />
    </main>
  );
}
