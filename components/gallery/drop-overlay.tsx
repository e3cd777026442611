import { UploadIcon } from "@/components/ui/icons";

export function DropOverlay({ visible, target }: { visible: boolean; target?: string }) {
  return (
    <div
      aria-hidden={!visible}
      className={`pointer-events-none fixed inset-0 z-40 grid place-items-center bg-canvas/70 p-6 backdrop-blur-sm transition-opacity duration-150 ${
        visible ? "opacity-100" : "opacity-0"
      }`}
    >
      <div className="flex size-full max-h-[32rem] max-w-3xl flex-col items-center justify-center rounded-3xl border-2 border-dashed border-accent bg-accent-soft/60 text-center">
        <UploadIcon className="mb-4 size-10 text-accent" />
        <p className="text-lg font-semibold">Drop to upload</p>
        <p className="mt-1 text-sm text-muted">{target ? `Into “${target}”` : "Into your gallery"}</p>
      </div>
    </div>
  );
}
