"use client";

import { useEffect, useId, useState } from "react";
import { DiceIcon, LockIcon, UnlockIcon } from "./icons";
import { maxSeed, randomSeed } from "./settings";

interface Props {
  seed: number | null;
  locked: boolean;
  onChange: (change: { seed?: number | null; seedLocked?: boolean }) => void;
  /** The model takes no seed. */
  unsupported?: string;
}

/** The seed: typed (which locks it), drawn with the dice, or fresh for every generation while unlocked. */
export function SeedField({ seed, locked, onChange, unsupported }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(seed === null ? "" : String(seed));
  useEffect(() => setDraft(seed === null ? "" : String(seed)), [seed]);
  const disabled = Boolean(unsupported);

  return (
    <div
      title={unsupported}
      className={`flex h-9 min-w-0 flex-1 items-center rounded-lg border sm:flex-none border-line-strong bg-surface shadow-xs focus-within:border-accent ${disabled ? "opacity-50" : ""}`}
    >
      <label htmlFor={id} className="pl-2.5 text-xs font-medium text-muted">
        Seed
      </label>
      <input
        id={id}
        data-testid="seed-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="Random"
        value={draft}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const text = e.target.value.replace(/[^\d]/g, "").slice(0, 10);
          setDraft(text);
          if (!text) return onChange({ seed: null });
          const n = Number(text);
          if (n <= maxSeed) onChange({ seed: n, seedLocked: true });
        }}
        onBlur={() => setDraft(seed === null ? "" : String(seed))}
        className="h-full w-20 min-w-0 flex-1 bg-transparent px-1.5 font-mono text-xs sm:w-24 sm:flex-none sm:px-2 sm:text-[13px] tabular-nums outline-none! placeholder:font-sans placeholder:text-subtle"
      />
      <span id={`${id}-hint`} className="sr-only">
        {locked ? "Locked: every generation uses this seed." : "Unlocked: a new seed is drawn for each generation."}
      </span>
      <button
        type="button"
        data-testid="seed-lock"
        aria-pressed={locked}
        aria-label={locked ? "Unlock the seed" : "Lock the seed"}
        title={locked ? "Locked — every generation uses this seed" : "Unlocked — a new seed for each generation"}
        disabled={disabled}
        onClick={() => onChange({ seedLocked: !locked })}
        className={`grid h-full w-7 place-items-center border-l border-line transition-colors sm:w-8 ${
          locked ? "bg-accent-soft text-accent" : "text-subtle hover:text-fg"
        }`}
      >
        {locked ? <LockIcon className="size-3.5" /> : <UnlockIcon className="size-3.5" />}
      </button>
      <button
        type="button"
        data-testid="seed-random"
        aria-label="Random seed"
        title="Draw a random seed"
        disabled={disabled}
        onClick={() => onChange({ seed: randomSeed() })}
        className="grid h-full w-7 place-items-center rounded-r-lg sm:w-8 border-l border-line text-subtle transition-colors hover:text-fg"
      >
        <DiceIcon className="size-4" />
      </button>
    </div>
  );
}
