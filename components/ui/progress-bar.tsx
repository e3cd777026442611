/**
 * A job's progress: a thin bar that never looks empty (at least 4 %, so "started" is visible) and glides between
 * updates. `percent` null: no number is known yet — a segment slides across instead (an indeterminate progressbar,
 * without aria-valuenow). `className` sets its height and spacing.
 */
export function ProgressBar({ label, percent, className = "h-1" }: { label: string; percent: number | null; className?: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      data-indeterminate={percent === null || undefined}
      className={`overflow-hidden rounded-full bg-fg/10 ${className}`}
    >
      {percent === null ? (
        <div className="progress-indeterminate h-full w-1/3 rounded-full bg-accent" />
      ) : (
        <div className="h-full rounded-full bg-accent transition-[width] duration-500 ease-out" style={{ width: `${Math.max(4, percent)}%` }} />
      )}
    </div>
  );
}
