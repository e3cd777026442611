import { icon } from "@/components/ui/icons";

const starPath = "M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.9L12 16.9l-5.2 2.8 1-5.9-4.3-4.1 5.9-.8z";
const StarOutline = icon(<path d={starPath} />);
const StarSolid = icon(<path d={starPath} fill="currentColor" />);

/** The favourite star, outlined or filled. */
export function StarIcon({ filled, className }: { filled: boolean; className?: string }) {
  return filled ? <StarSolid className={className} /> : <StarOutline className={className} />;
}

export const CalendarIcon = icon(<><rect x="3.5" y="5" width="17" height="15" rx="2" /><path d="M3.5 10h17M8 3v4M16 3v4" /></>);
export const ArchiveIcon = icon(<><rect x="3" y="4" width="18" height="4" rx="1" /><path d="M5 8v11a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8" /><path d="M10 12h4" /></>);
export const FolderPlusIcon = icon(<><path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" /><path d="M12 10.5v5M9.5 13h5" /></>);
export const SelectAllIcon = icon(<><rect x="3.5" y="3.5" width="17" height="17" rx="3" /><path d="m8 12 3 3 5-6" /></>);
