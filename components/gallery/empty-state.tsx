import { SparklesIcon } from "@/components/generate/icons";
import { AlertIcon, SearchIcon, UploadIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";

/** The first visit (or an empty collection): what the gallery is for and the two ways to fill it. */
export function EmptyGallery({ onChoose, onWritePrompt, collectionName }: { onChoose: () => void; onWritePrompt: () => void; collectionName?: string }) {
  return (
    <div data-testid="empty-gallery" className="flex flex-col items-center rounded-2xl border-2 border-dashed border-line-strong bg-surface/60 px-6 py-14 text-center sm:py-20">
      <div className="mb-5 grid size-14 place-items-center rounded-2xl bg-accent-soft text-accent">
        <SparklesIcon className="size-7" />
      </div>
      <h2 className="text-lg font-semibold tracking-tight">{collectionName ? `“${collectionName}” is empty` : "Generate or drop an image to start"}</h2>
      <ol className="mt-4 grid max-w-xl gap-3 text-left text-sm leading-6 text-muted sm:grid-cols-2">
        <li className="rounded-xl border border-line bg-surface p-4">
          <p className="font-medium text-fg">1 · Generate</p>
          Describe a picture in the prompt bar above and press Enter. With no API key the local renderer draws it offline, for free.
        </li>
        <li className="rounded-xl border border-line bg-surface p-4">
          <p className="font-medium text-fg">2 · Or upload</p>
          Drag images from your desktop anywhere onto this page, or choose them. JPEG, PNG, WebP, AVIF or GIF, up to 25 MB each.
        </li>
      </ol>
      <p className="mt-4 max-w-md text-xs leading-5 text-subtle">
        {collectionName
          ? "New images go straight into this collection; images from the gallery join it when you drag them onto its chip."
          : "Open any image to crop, resize, filter, recolour or export it — every edit is kept as a new image, linked to its original."}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <button type="button" data-testid="empty-write-prompt" onClick={onWritePrompt} className={buttonClass("primary", "md")}>
          <SparklesIcon className="size-4" /> Write a prompt
        </button>
        <button type="button" onClick={onChoose} className={buttonClass("secondary", "md")}>
          <UploadIcon /> Choose images
        </button>
      </div>
    </div>
  );
}

/** A search or filter that matched nothing: say what was asked, and offer the way back. */
export function NoMatches({ filters, inCollection, onClear }: { filters: string[]; inCollection?: string; onClear: () => void }) {
  return (
    <div data-testid="no-matches" className="flex flex-col items-center px-6 py-16 text-center">
      <SearchIcon className="mb-4 size-8 text-subtle" />
      <h2 className="font-semibold">No images match {filters.length ? filters.join(", ") : "these filters"}</h2>
      <p className="mt-1 max-w-md text-sm text-muted">
        Search looks in prompts and file names{inCollection ? ` inside “${inCollection}”` : ""}. Try another word or a wider date range, or clear the
        filters to see everything again.
      </p>
      <button type="button" data-testid="no-matches-clear" onClick={onClear} className={buttonClass("secondary", "sm", "mt-5")}>
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
