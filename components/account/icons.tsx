/** Account icons, drawn like components/ui/icons.tsx (24×24 line icons, decorative). */
import { icon } from "@/components/ui/icons";

export const UserIcon = icon(<><circle cx="12" cy="8" r="4" /><path d="M4 20a8 8 0 0 1 16 0" /></>);
export const KeyIcon = icon(<><circle cx="8" cy="15" r="4" /><path d="m11 12 9-9" /><path d="m17 6 3 3" /><path d="m15 8 2 2" /></>);
export const SignOutIcon = icon(<><path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3" /><path d="M10 17l-5-5 5-5" /><path d="M5 12h11" /></>);
export const CopyIcon = icon(<><rect x="8" y="8" width="12" height="12" rx="2" /><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" /></>);
export const ChevronDownIcon = icon(<path d="m6 9 6 6 6-6" />);
export const GaugeIcon = icon(<><path d="M4 17a8 8 0 1 1 16 0" /><path d="m12 17 3.5-5" /><path d="M12 17h.01" /></>);
export const GitHubIcon = icon(
  <path d="M9 19c-4.3 1.4-4.3-2.5-6-3m12 5v-3.5c0-1 .1-1.4-.5-2 2.8-.3 5.5-1.4 5.5-6a4.6 4.6 0 0 0-1.3-3.2 4.2 4.2 0 0 0-.1-3.2s-1.1-.3-3.5 1.3a12.3 12.3 0 0 0-6.2 0C6.5 2.8 5.4 3.1 5.4 3.1a4.2 4.2 0 0 0-.1 3.2A4.6 4.6 0 0 0 4 9.5c0 4.6 2.7 5.7 5.5 6-.6.6-.6 1.2-.5 2V21" />,
);
export const GoogleIcon = icon(
  <><path d="M20.5 12.2c0-.6-.1-1.2-.2-1.8H12v3.4h4.8a4.1 4.1 0 0 1-1.8 2.7" /><path d="M15 16.5A6 6 0 0 1 6.3 13.9" /><path d="M6.3 10.1A6 6 0 0 1 15.8 7.3" /><path d="M6.3 13.9a6 6 0 0 1 0-3.8" /><path d="M15 16.5l2.4 1.9A8.5 8.5 0 0 0 20.5 12.2" /></>,
);
