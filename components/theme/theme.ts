/** The colour theme: the system's setting, or a choice kept in a cookie that the server reads (no script, no flash). */
export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

export const themeCookie = "studio-theme";

/** A year: the choice is a preference, not a session. */
export const themeCookieMaxAge = 60 * 60 * 24 * 365;

export const isTheme = (value: unknown): value is Theme => typeof value === "string" && (themes as readonly string[]).includes(value);

/** The cookie's value as a theme; anything else (absent, tampered) is the system's. */
export const themeOf = (value: string | undefined | null): Theme => (isTheme(value) ? value : "system");

/** The `data-theme` attribute of <html>: only an explicit choice sets it; without it the CSS follows the system. */
export const themeAttribute = (theme: Theme): "light" | "dark" | undefined => (theme === "system" ? undefined : theme);

export const themeLabels: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
