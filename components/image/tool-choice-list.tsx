"use client";

import { useId } from "react";
import { CpuIcon } from "@/components/generate/icons";
import { SparkIcon } from "@/components/ui/icons";
import type { ToolChoice } from "./tool-choices";

interface Props {
  /** "Who upscales", for the group's name. */
  legend: string;
  choices: ToolChoice[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
  /** Shown when the providers could not be read, or while they load. */
  status?: string | null;
}

/**
 * Who runs a tool, as radio cards (one Tab stop, ↑/↓ to move): the local way with what it cannot do, and each
 * connected service's model. A single way is shown as a plain line, not a one-item choice.
 */
export function ToolChoiceList({ legend, choices, value, onChange, testId, status }: Props) {
  const name = useId();
  if (choices.length === 0) return status ? <p className="text-xs text-muted">{status}</p> : null;
  if (choices.length === 1) {
    const only = choices[0];
    return (
      <p data-testid={testId} data-choice={only.id} className="flex items-start gap-2 rounded-xl border border-line bg-raised/50 px-3 py-2 text-xs leading-5">
        <Badge choice={only} />
        <span className="min-w-0">
          <span className="font-medium text-fg">{only.title}</span> <span className="text-muted">· {only.note}</span>
        </span>
      </p>
    );
  }
  return (
    <fieldset data-testid={testId}>
      <legend className="mb-1.5 text-xs font-medium text-muted">{legend}</legend>
      <div className="space-y-1.5">
        {choices.map((c) => (
          <label
            key={c.id}
            className="flex cursor-pointer items-start gap-2.5 rounded-xl border border-line px-3 py-2 text-xs leading-5 transition-colors hover:border-line-strong has-checked:border-accent has-checked:bg-accent-soft/60 has-focus-visible:outline-2 has-focus-visible:outline-accent"
          >
            <input
              type="radio"
              name={name}
              value={c.id}
              data-testid={`${testId}-${c.id}`}
              checked={value === c.id}
              onChange={() => onChange(c.id)}
              className="mt-1 size-3.5 shrink-0 accent-[var(--accent)] outline-none!"
            />
            <Badge choice={c} />
            <span className="min-w-0">
              <span className="block font-medium text-fg">{c.title}</span>
              <span className="block text-muted">{c.note}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Badge({ choice }: { choice: ToolChoice }) {
  return choice.local ? (
    <CpuIcon className="mt-0.5 size-4 shrink-0 text-muted" />
  ) : (
    <SparkIcon className="mt-0.5 size-4 shrink-0 text-accent" />
  );
}
