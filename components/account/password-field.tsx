"use client";

import { useState, type ReactNode, type Ref } from "react";
import { inputClass, labelClass } from "@/components/ui/styles";

interface PasswordFieldProps {
  id: string;
  inputRef?: Ref<HTMLInputElement>;
  testId: string;
  autoComplete: "current-password" | "new-password";
  value: string;
  onChange: (value: string) => void;
  minLength?: number;
  maxLength: number;
  invalid?: boolean;
  describedBy?: string;
  /** Shown under the field (e.g. the length rule). */
  children?: ReactNode;
}

/** A password input with its label and a Show/Hide toggle, as the sign-in and sign-up forms use it. */
export function PasswordField({ id, inputRef, testId, autoComplete, value, onChange, minLength, maxLength, invalid, describedBy, children }: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div>
      <div className="flex items-baseline justify-between">
        <label htmlFor={id} className={labelClass}>
          Password
        </label>
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          aria-pressed={visible}
          aria-controls={id}
          className="mb-1.5 rounded text-xs font-medium text-muted hover:text-fg"
        >
          {visible ? "Hide" : "Show"}
        </button>
      </div>
      <input
        ref={inputRef}
        id={id}
        name="password"
        type={visible ? "text" : "password"}
        data-testid={testId}
        autoComplete={autoComplete}
        required
        minLength={minLength}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`${inputClass} w-full`}
      />
      {children}
    </div>
  );
}
