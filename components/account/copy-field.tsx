"use client";

import { useEffect, useId, useRef, useState } from "react";
import { CheckIcon } from "@/components/ui/icons";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { CopyIcon } from "./icons";

/** Copies text: the Clipboard API where the page may use it, else the selected field and execCommand. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/** A read-only value with a Copy button; the value is selected on focus so it can be copied by hand too. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={field}
          id={id}
          readOnly
          value={value}
          data-testid={testId}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          className={`${inputClass} min-w-0 flex-1 font-mono text-[13px]`}
        />
        <button
          type="button"
          data-testid={testId ? `${testId}-copy` : undefined}
          onClick={async () => setState((await copyText(value, field.current)) ? "copied" : "failed")}
          className={buttonClass("secondary", "md", "shrink-0")}
        >
          {state === "copied" ? <CheckIcon className="size-4 text-success" /> : <CopyIcon />}
          {state === "copied" ? "Copied" : "Copy"}
        </button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs text-muted">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not copy: select the key and copy it by hand." : ""}
      </p>
    </div>
  );
}
