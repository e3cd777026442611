"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { AlertIcon, CheckIcon, CloseIcon } from "./icons";

type Tone = "success" | "error" | "info";
/** A button on the toast ("Undo"): clicking it runs `run` and closes the toast. */
export interface ToastAction {
  label: string;
  run: () => void;
}
interface Toast {
  id: number;
  message: string;
  tone: Tone;
  action?: ToastAction;
}
type Notify = (message: string, tone?: Tone, action?: ToastAction) => void;

const ToastContext = createContext<Notify>(() => {});

/** Short confirmations that survive a client-side navigation (the provider sits in the root layout). */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>((message, tone = "success", action) => {
    const id = next.current++;
    setToasts((all) => [...all.slice(-2), { id, message, tone, action }]);
  }, []);
  const value = useMemo(() => notify, [notify]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:p-6"
      >
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    // A toast with an action (Undo) stays long enough to be reached with the keyboard.
    const timer = setTimeout(() => onDismiss(toast.id), toast.tone === "error" || toast.action ? 10_000 : 4500);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  // Only a success gets the check: "info" (done, with something to read) is neutral.
  const Icon = toast.tone === "success" ? CheckIcon : AlertIcon;
  return (
    <div
      data-testid="toast"
      data-tone={toast.tone}
      role={toast.tone === "error" ? "alert" : "status"}
      className="animate-toast-in pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border border-white/10 bg-zinc-900/95 px-4 py-3 text-sm text-zinc-50 shadow-lg backdrop-blur dark:border-line dark:bg-raised/95 dark:text-fg"
    >
      <Icon className={`mt-0.5 size-4 shrink-0 ${toast.tone === "error" ? "text-red-400" : toast.tone === "info" ? "text-sky-300 dark:text-accent" : "text-emerald-400"}`} />
      <p className="min-w-0 flex-1 leading-5">{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          data-testid="toast-action"
          onClick={() => {
            onDismiss(toast.id);
            toast.action!.run();
          }}
          className="-my-1 rounded-md px-2 py-1 font-semibold text-sky-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-300 dark:text-accent"
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 rounded p-1 text-zinc-400 hover:text-zinc-100"
        aria-label="Dismiss"
      >
        <CloseIcon className="size-3.5" />
      </button>
    </div>
  );
}

export const useToast = () => useContext(ToastContext);
