/**
 * The line an animated image's creative and finishing panels show: these work on one picture, its first frame (the
 * result is a still and says so in its notes); the edits (crop, resize, rotate, flip, filters) keep every frame.
 */
export function FirstFrameNote({ image }: { image: { frames?: number } }) {
  if ((image.frames ?? 1) <= 1) return null;
  return (
    <p data-testid="first-frame-note" className="border-b border-line px-4 py-2 text-xs text-muted sm:px-5">
      Animated image: works on the first frame (the edits keep all {image.frames} frames).
    </p>
  );
}
