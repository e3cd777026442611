import { AlertIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";

interface Props {
  label: string;
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
  error: string | null;
  hint?: React.ReactNode;
  testId: string;
  onApply: () => void;
}

/** The bottom of a tool: a hint, the API's error in words, and the button that creates the new image. */
export function ActionFooter({ label, busyLabel, busy, disabled, error, hint, testId, onApply }: Props) {
  return (
    <div className="mt-5 space-y-3">
      {error && (
        <p role="alert" data-testid="action-error" className="flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
      {hint && <p className="text-xs leading-5 text-muted">{hint}</p>}
      <button
        type="button"
        data-testid={testId}
        onClick={onApply}
        disabled={busy || disabled}
        aria-busy={busy || undefined}
        className={buttonClass("primary", "md", "w-full")}
      >
        {busy && <Spinner />}
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
