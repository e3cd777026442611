import { AlertIcon, SearchIcon, UploadIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";

/** The first visit: what the gallery is for and how to fill it. */
export function EmptyGallery({ onChoose, collectionName }: { onChoose: () => void; collectionName?: string }) {
  return (
    <div className="flex flex-col items-center rounded-2xl border-2 border-dashed border-line-strong bg-surface/60 px-6 py-16 text-center sm:py-24">
      <div className="mb-5 grid size-14 place-items-center rounded-2xl bg-accent-soft text-accent">
        <UploadIcon className="size-7" />
      </div>
      <h2 className="text-lg font-semibold tracking-tight">
        {collectionName ? `“${collectionName}” is empty` : "Generate or drop an image to start"}
      </h2>
      <p className="mt-2 max-w-md text-sm leading-6 text-muted">
        Describe a picture in the prompt bar above, or drag images from your desktop anywhere onto this page.
        {collectionName ? " New images go straight into this collection." : ""} Then open one to crop, resize, filter
        or export it — every edit is kept as a new image, linked to its original.
      </p>
      <button type="button" onClick={onChoose} className={buttonClass("primary", "md", "mt-6")}>
        <UploadIcon /> Choose images
      </button>
      <p className="mt-4 text-xs text-subtle">JPEG, PNG, WebP, AVIF or GIF · up to 25 MB each</p>
    </div>
  );
}

export function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <div className="flex flex-col items-center px-6 py-20 text-center">
      <SearchIcon className="mb-4 size-8 text-subtle" />
      <h2 className="font-semibold">No images match these filters</h2>
      <p className="mt-1 text-sm text-muted">Try another word, or look at every kind of image.</p>
      <button type="button" onClick={onClear} className={buttonClass("secondary", "sm", "mt-5")}>
        Clear filters
      </button>
    </div>
  );
}

export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-20 text-center">
      <AlertIcon className="mb-4 size-8 text-danger" />
      <h2 className="font-semibold">The gallery could not be loaded</h2>
      <p className="mt-1 max-w-md text-sm text-muted">{message}</p>
      <button type="button" onClick={onRetry} className={buttonClass("secondary", "sm", "mt-5")}>
        Try again
      </button>
    </div>
  );
}
