/** Pixels per side the local renderer draws. */
export const MIN_SIZE = 64;
export const MAX_SIZE = 2048;
