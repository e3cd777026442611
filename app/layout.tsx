import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { TopBar } from "@/components/layout/top-bar";
import { KeyboardShortcuts } from "@/components/shortcuts/keyboard-shortcuts";
import { themeAttribute, themeCookie, themeOf } from "@/components/theme/theme";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Image Studio", template: "%s · Image Studio" },
  description: "Generate, process and organise images — with full provenance.",
  icons: { icon: "/favicon.svg" },
};

const surface = { light: "#ffffff", dark: "#16161a" };

/** The browser's bar follows the chosen theme, or the system's when none was chosen. */
export async function generateViewport(): Promise<Viewport> {
  const theme = themeOf((await cookies()).get(themeCookie)?.value);
  return {
    width: "device-width",
    initialScale: 1,
    themeColor:
      theme === "system"
        ? [
            { media: "(prefers-color-scheme: light)", color: surface.light },
            { media: "(prefers-color-scheme: dark)", color: surface.dark },
          ]
        : surface[theme],
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the Content-Security-Policy nonce (proxy.ts) is new each time.
  await connection();
  // The theme is chosen here, on the server, from the cookie the theme toggle sets: the first paint is right with
  // no inline script (the CSP allows none). Without a choice, the CSS follows prefers-color-scheme.
  const theme = themeOf((await cookies()).get(themeCookie)?.value);
  return (
    <html lang="en" data-theme={themeAttribute(theme)}>
      <body className="min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm"
        >
          Skip to content
        </a>
        <ToastProvider>
          <TopBar theme={theme} />
          <div id="main">{children}</div>
          <KeyboardShortcuts />
        </ToastProvider>
      </body>
    </html>
  );
}
