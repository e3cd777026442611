"use client";

import { useState } from "react";
import { icon } from "@/components/ui/icons";
import { moveFocus, popoverPanelClass, usePopover } from "@/components/ui/popover";
import { themeAttribute, themeCookie, themeCookieMaxAge, themeLabels, themes, type Theme } from "./theme";

export const SunIcon = icon(<><circle cx="12" cy="12" r="4" /><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" /></>);
export const MoonIcon = icon(<path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />);
export const MonitorIcon = icon(<><rect x="3" y="4" width="18" height="12" rx="2" /><path d="M8 20h8M12 16v4" /></>);
const CheckIcon = icon(<path d="m5 12 5 5 9-10" />);

const themeIcons: Record<Theme, typeof SunIcon> = { system: MonitorIcon, light: SunIcon, dark: MoonIcon };
const themeHints: Record<Theme, string> = {
  system: "Follows your device",
  light: "Always light",
  dark: "Always dark",
};

/** Applies a theme at once (the <html> attribute) and keeps it for the next visits (the cookie the server reads). */
export function applyTheme(theme: Theme) {
  const attribute = themeAttribute(theme);
  if (attribute) document.documentElement.dataset.theme = attribute;
  else delete document.documentElement.dataset.theme;
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${themeCookie}=${theme}; path=/; max-age=${themeCookieMaxAge}; samesite=lax${secure}`;
}

/** The top bar's theme menu: System, Light or Dark (arrow keys move, Escape closes). */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const popover = usePopover({ role: "menu" });
  const Current = themeIcons[theme];

  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next);
    popover.close();
  };

  return (
    <div className="relative">
      <button
        type="button"
        {...popover.buttonProps}
        data-testid="theme-toggle"
        data-theme-choice={theme}
        aria-label={`Theme: ${themeLabels[theme]}`}
        title={`Theme: ${themeLabels[theme]}`}
        className="grid size-9 place-items-center rounded-md text-muted transition-colors hover:bg-raised hover:text-fg aria-expanded:bg-raised aria-expanded:text-fg"
      >
        <Current className="size-[18px]" />
      </button>
      {popover.open && (
        <div
          {...popover.panelProps}
          role="menu"
          aria-label="Theme"
          data-testid="theme-menu"
          onKeyDown={(e) => {
            popover.panelProps.onKeyDown(e);
            moveFocus(e, '[role="menuitemradio"]');
            if (e.key === "Tab") popover.close(false);
          }}
          className={`${popoverPanelClass} right-0 w-56 p-1.5`}
        >
          {themes.map((t) => {
            const Icon = themeIcons[t];
            return (
              <button
                key={t}
                type="button"
                role="menuitemradio"
                aria-checked={theme === t}
                data-autofocus={theme === t ? true : undefined}
                data-testid={`theme-${t}`}
                onClick={() => choose(t)}
                className="flex w-full items-center gap-2.5 rounded-lg px-3 py-2 text-left text-sm text-fg outline-none hover:bg-raised focus-visible:bg-raised focus-visible:outline-2 focus-visible:outline-offset-[-2px]"
              >
                <Icon className="size-4 text-muted" />
                <span className="min-w-0 flex-1">
                  <span className="block font-medium">{themeLabels[t]}</span>
                  <span className="block text-xs text-muted">{themeHints[t]}</span>
                </span>
                {theme === t && <CheckIcon className="size-4 text-accent" />}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
