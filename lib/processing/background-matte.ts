/**
 * The soft edge of a background removal: alpha along the subject's outline (a band one pixel deep on either
 * side) estimated from colour — how far each pixel lies from the backdrop B toward the subject's colour F nearby,
 * C ≈ αF + (1 − α)B — then softened once more so even a hard-edged source gets a 1–2 px ramp; the edge colours
 * are decontaminated (the backdrop's share taken out: F' = (C − (1 − α)B) / α), so no light fringe remains
 * when the cut-out is put on a dark page.
 */

/**
 * Writes alpha (and decontaminated colours along the edge) into `rgba` in place and returns the alpha plane.
 * `bg[i]` = 1 for background; `backdrop(i, out)` gives the backdrop model's colour at pixel i.
 */
export function matte(rgba: Buffer, bg: Uint8Array, width: number, height: number, backdrop: (i: number, out: number[]) => void): Uint8Array {
  const n = width * height;
  // The band: every pixel with an 8-neighbour of the other class (each pair compared once).
  const band = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = bg[i];
      if (x + 1 < width && bg[i + 1] !== v) band[i] = band[i + 1] = 1;
      if (y + 1 < height) {
        const j = i + width;
        if (bg[j] !== v) band[i] = band[j] = 1;
        if (x + 1 < width && bg[j + 1] !== v) band[i] = band[j + 1] = 1;
        if (x > 0 && bg[j - 1] !== v) band[i] = band[j - 1] = 1;
      }
    }
  }
  const alpha = new Float32Array(n);
  for (let i = 0; i < n; i++) alpha[i] = bg[i] ? 0 : 1;
  // Per band pixel: backdrop B and subject colour F, kept for the decontamination.
  const B = new Float32Array(n * 3);
  const F = new Float32Array(n * 3);
  const b = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!band[i]) continue;
      // B: the mean of the pure background around (outside the band); else the model's colour.
      let sr = 0, sg = 0, sb = 0, count = 0;
      for (let yy = Math.max(0, y - 2); yy <= Math.min(height - 1, y + 2); yy++) {
        for (let xx = Math.max(0, x - 2); xx <= Math.min(width - 1, x + 2); xx++) {
          const j = yy * width + xx;
          if (bg[j] && !band[j]) {
            sr += rgba[j * 4]; sg += rgba[j * 4 + 1]; sb += rgba[j * 4 + 2];
            count++;
          }
        }
      }
      if (count) [b[0], b[1], b[2]] = [sr / count, sg / count, sb / count];
      else backdrop(i, b);
      // F: the subject pixel nearby that differs most from B (the subject's own colour, not a mixture).
      let far = -1, farD = -1;
      for (let yy = Math.max(0, y - 2); yy <= Math.min(height - 1, y + 2); yy++) {
        for (let xx = Math.max(0, x - 2); xx <= Math.min(width - 1, x + 2); xx++) {
          const j = yy * width + xx;
          if (bg[j]) continue;
          const d = (rgba[j * 4] - b[0]) ** 2 + (rgba[j * 4 + 1] - b[1]) ** 2 + (rgba[j * 4 + 2] - b[2]) ** 2;
          if (d > farD) [far, farD] = [j, d];
        }
      }
      B.set(b, i * 3);
      if (far < 0 || farD < 16 * 16) {
        // Too little contrast to read a mixture from: keep the classification (the softening below ramps it).
        F.set([rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]], i * 3);
        continue;
      }
      const f = [rgba[far * 4], rgba[far * 4 + 1], rgba[far * 4 + 2]];
      F.set(f, i * 3);
      const dot = (rgba[i * 4] - b[0]) * (f[0] - b[0]) + (rgba[i * 4 + 1] - b[1]) * (f[1] - b[1]) + (rgba[i * 4 + 2] - b[2]) * (f[2] - b[2]);
      alpha[i] = Math.min(1, Math.max(0, dot / farD));
    }
  }
  // One more softening inside the band: half the pixel's own alpha, half its 3×3 mean.
  const soft = Float32Array.from(alpha);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!band[i]) continue;
      let sum = 0, count = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
          sum += alpha[yy * width + xx];
          count++;
        }
      }
      soft[i] = 0.5 * alpha[i] + (0.5 * sum) / count;
    }
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = soft[i];
    if (band[i] && a > 0 && a < 1) {
      // Decontaminate with the mixing ratio read from the colour (not the softened alpha); at low ratios the
      // division amplifies noise, so lean on F there.
      const mix = alpha[i];
      const w = Math.min(1, mix / 0.3);
      for (let c = 0; c < 3; c++) {
        const unmixed = mix > 0 ? (rgba[i * 4 + c] - (1 - mix) * B[i * 3 + c]) / mix : F[i * 3 + c];
        rgba[i * 4 + c] = Math.max(0, Math.min(255, Math.round(w * unmixed + (1 - w) * F[i * 3 + c])));
      }
    }
    const value = Math.round(a * rgba[i * 4 + 3]);
    rgba[i * 4 + 3] = value;
    out[i] = value;
  }
  return out;
}
