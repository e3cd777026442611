/** Things people build: skylines, a lighthouse, a cabin, a castle, boats, balloons, rockets. */
import { adjust, mix, type Rgb } from "../color";
import type { Rng } from "../random";
import type { SceneContext } from "../scene-context";
import { c, circle, f, group, paint, path, poly, rect } from "../svg";

/** One row of a city skyline; `depth` 0 near … 1 far. */
export function skylineRow(ctx: SceneContext, label: string, base: number, maxH: number, depth: number): string {
  const { w, p, kit, s, dark } = ctx;
  const rng = ctx.rng.fork(label);
  const neon = ctx.a.modifiers.has("neon");
  const body = dark ? mix(mix(p.c.building, [8, 10, 22], 0.55), p.c.haze, depth * 0.55) : mix(p.c.building, p.c.haze, depth * 0.65);
  const side = adjust(body, { l: dark ? -0.03 : -0.08 });
  let shapes = "";
  let shaded = "";
  const lit: string[] = ["", "", ""];
  let signs = "";
  // Buildings stand in slots (no running x), so a variation nudges each one instead of sliding the whole row.
  const slot = s * 0.062 * (1 - depth * 0.3);
  const count = Math.ceil(w / slot) + 1;
  for (let i = 0; i < count; i++) {
    const windows = ctx.rng.detail(`${label}-windows-${i}`);
    const bw = slot * rng.range(0.7, 1.35);
    const x = (i - 0.5) * slot + rng.signed() * slot * 0.2;
    const centre = 1 - Math.abs(x / w - 0.5) * 0.8;
    const bh = maxH * rng.range(0.35, 1) * (0.6 + 0.4 * centre);
    const top = base - bh;
    const kind = rng.next();
    let outline: [number, number][] = [[x, base], [x, top], [x + bw, top], [x + bw, base]];
    if (kind < 0.25) {
      const inset = bw * 0.2;
      outline = [[x, base], [x, top + bh * 0.12], [x + inset, top + bh * 0.12], [x + inset, top], [x + bw - inset, top], [x + bw - inset, top + bh * 0.12], [x + bw, top + bh * 0.12], [x + bw, base]];
    } else if (kind < 0.35) {
      outline = [[x, base], [x, top + bw * 0.3], [x + bw / 2, top - bw * 0.25], [x + bw, top + bw * 0.3], [x + bw, base]];
    }
    shapes += poly(outline);
    if (kind > 0.85) shapes += `M${f(x + bw * 0.48)} ${f(top - bh * 0.15)}h${f(Math.max(1, bw * 0.04))}v${f(bh * 0.15)}h${f(-Math.max(1, bw * 0.04))}Z`;
    const lightSide = ctx.celestial.x > x + bw / 2;
    shaded += `M${f(lightSide ? x : x + bw * 0.65)} ${f(top)}h${f(bw * 0.35)}V${f(base)}h${f(-bw * 0.35)}Z`;
    const cell = Math.max(2, s * 0.012 * (1 - depth * 0.45));
    const cols = Math.max(1, Math.floor((bw * 0.8) / cell));
    const rows = Math.floor((bh * 0.85) / (cell * 1.5));
    const litChance = dark ? windows.range(0.08, 0.38) : 0.0;
    if (depth < 0.9 && cols * rows < 600) {
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < cols; k++) {
          const on = windows.next();
          if (on > litChance && !(!dark && on < 0.5 && depth < 0.5)) continue;
          const wx = x + bw * 0.1 + k * cell + cell * 0.2;
          const wy = top + bh * 0.08 + r * cell * 1.5;
          const tone = dark ? Math.floor(windows.next() * 3) : 2;
          lit[tone] += `M${f(wx)} ${f(wy)}h${f(cell * 0.55)}v${f(cell * 0.75)}h${f(-cell * 0.55)}Z`;
        }
      }
    }
    if (neon && dark && rng.chance(0.3) && depth < 0.8) {
      const col = p.accents[i % p.accents.length];
      const sx = x + bw * rng.range(0.15, 0.6);
      const sy = top + bh * rng.range(0.15, 0.5);
      const sh = bh * rng.range(0.15, 0.35);
      signs += rect(sx - s * 0.012, sy - s * 0.012, s * 0.032, sh + s * 0.024, `fill="${c(col)}" fill-opacity="0.18" rx="${f(s * 0.012)}"`);
      signs += rect(sx - s * 0.005, sy - s * 0.005, s * 0.018, sh + s * 0.01, `fill="${c(col)}" fill-opacity="0.35" rx="${f(s * 0.006)}"`);
      signs += rect(sx, sy, s * 0.008, sh, `fill="${c(mix(col, [255, 255, 255], 0.35))}"`);
    }
  }
  let out = path(shapes, paint(kit, body));
  if (!kit.line) out += path(shaded, `fill="${c(side)}" fill-opacity="0.6"`);
  const windowColours: Rgb[] = neon && dark ? [p.c.window, p.accents[0], p.accents[1] ?? p.c.window] : [p.c.window, mix(p.c.window, [255, 255, 255], 0.4), mix(p.c.window, body, 0.35)];
  lit.forEach((d, k) => {
    if (!d) return;
    const colour = kit.line ? kit.ink : dark ? mix(windowColours[k], p.c.haze, depth * 0.5) : mix(adjust(body, { l: 0.12 }), p.c.skyHorizon, 0.3);
    out += path(d, `fill="${c(colour)}"${dark ? "" : ' fill-opacity="0.7"'}`);
  });
  return group(out + signs, `class="buildings"`);
}

export function lighthouse(ctx: SceneContext, x: number, base: number, h: number): string {
  const { p, kit, defs, dark, s } = ctx;
  const bw = h * 0.13;
  const tw = h * 0.085;
  const top = base - h * 0.78;
  const body = poly([[x - bw, base], [x - tw, top], [x + tw, top], [x + tw, base]].map(([px, py], i) => (i === 3 ? [x + bw, base] : [px, py]) as [number, number]));
  const white = kit.line ? kit.paper : mix([245, 242, 235], p.light, 0.25);
  const red = kit.line ? kit.ink : mix([200, 50, 45], p.shade, dark ? 0.5 : 0.15);
  let out = "";
  if (dark && !kit.line) {
    const dir = ctx.rng.fork("beam").chance(0.5) ? 1 : -1;
    const lx = x;
    const ly = top - h * 0.1;
    const beam = defs.linearAt([[0, [255, 240, 190], 0.55], [1, [255, 240, 190], 0]], lx, ly, lx + dir * s * 0.8, ly);
    out += path(poly([[lx, ly - h * 0.02], [lx + dir * s * 0.9, ly - s * 0.12], [lx + dir * s * 0.9, ly + s * 0.08]]), `fill="${beam}"`);
    out += circle(lx, ly, h * 0.25, `fill="${defs.radialAt([[0, [255, 236, 170], 0.7], [1, [255, 236, 170], 0]], lx, ly, h * 0.25)}"`);
  }
  out += path(body, paint(kit, white));
  const clip = defs.clip(path(body, ""));
  let stripes = "";
  for (let i = 0; i < 3; i++) {
    const y0 = base - (h * 0.78 * (i * 2 + 1)) / 6.2;
    stripes += rect(x - bw, y0 - h * 0.11, bw * 2, h * 0.11, "");
  }
  out += group(group(stripes, kit.line ? `fill="none" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * 1.5)}"` : `fill="${c(red)}"`), `clip-path="${clip}"`);
  out += rect(x - tw * 1.45, top - h * 0.025, tw * 2.9, h * 0.03, paint(kit, mix(red, [30, 30, 40], 0.4)));
  out += rect(x - tw * 0.8, top - h * 0.12, tw * 1.6, h * 0.095, paint(kit, dark ? [255, 232, 160] : mix([255, 240, 200], p.c.skyHorizon, 0.4)));
  out += path(poly([[x - tw * 1.05, top - h * 0.12], [x, top - h * 0.2], [x + tw * 1.05, top - h * 0.12]]), paint(kit, red));
  return out;
}

export function cabin(ctx: SceneContext, rng: Rng, x: number, base: number, size: number): string {
  const { p, kit, dark, defs } = ctx;
  const w = size;
  const h = size * 0.55;
  const wood = kit.line ? kit.paper : mix([140, 86, 52], p.shade, dark ? 0.45 : 0.2);
  const roof = kit.line ? kit.paper : mix(rng.pick<Rgb>([[120, 50, 40], [70, 60, 60], [60, 80, 110]]), p.shade, dark ? 0.45 : 0.15);
  const glow: Rgb = [255, 196, 110];
  let out = "";
  if (!kit.line && (dark || ctx.a.weather.has("snow") || ctx.a.words.has("cozy") || ctx.a.words.has("cosy"))) {
    let smoke = "";
    for (let i = 0; i < 6; i++) smoke += circle(x + w * 0.28 + i * w * 0.06 + rng.signed() * w * 0.03, base - h - w * 0.45 - i * w * 0.14, w * (0.05 + i * 0.025), "");
    out += group(smoke, `fill="${c(mix(p.c.cloudShade, p.c.haze, 0.4))}" fill-opacity="0.45"`);
  }
  out += rect(x + w * 0.22, base - h - w * 0.42, w * 0.1, w * 0.28, paint(kit, mix(roof, [90, 80, 80], 0.4)));
  out += rect(x - w / 2, base - h, w, h, paint(kit, wood));
  if (!kit.line && !kit.flat) out += rect(x - w / 2, base - h, w, h * 0.25, `fill="#000" fill-opacity="0.18"`);
  out += path(poly([[x - w * 0.62, base - h + w * 0.02], [x, base - h - w * 0.42], [x + w * 0.62, base - h + w * 0.02]]), paint(kit, roof));
  if (ctx.a.weather.has("snow") && !kit.line) out += path(poly([[x - w * 0.62, base - h + w * 0.02], [x, base - h - w * 0.42], [x + w * 0.62, base - h + w * 0.02], [x + w * 0.5, base - h - w * 0.02], [x, base - h - w * 0.32], [x - w * 0.5, base - h - w * 0.02]]), `fill="${c(p.c.snow)}"`);
  const win = dark ? glow : mix([180, 200, 220], p.c.skyHorizon, 0.4);
  if (dark && !kit.line) out += circle(x - w * 0.22, base - h * 0.55, w * 0.35, `fill="${defs.radialAt([[0, glow, 0.45], [1, glow, 0]], x - w * 0.22, base - h * 0.55, w * 0.35)}"`);
  out += rect(x - w * 0.32, base - h * 0.72, w * 0.2, h * 0.32, paint(kit, win));
  out += rect(x + w * 0.08, base - h * 0.62, w * 0.16, h * 0.62, paint(kit, mix(wood, [20, 15, 10], 0.45)));
  return out;
}

export function castle(ctx: SceneContext, rng: Rng, x: number, base: number, size: number): string {
  const { p, kit, dark } = ctx;
  const stone = kit.line ? kit.paper : mix([196, 190, 178], p.light, 0.2);
  const stoneLit = dark ? mix(stone, p.shade, 0.6) : mix(stone, p.shade, 0.12);
  const stoneShade = mix(stoneLit, p.shade, 0.45);
  const roof = kit.line ? kit.paper : mix(rng.pick<Rgb>([[58, 82, 150], [160, 52, 48], [70, 110, 90]]), p.shade, dark ? 0.5 : 0.1);
  const crenel = (x0: number, y0: number, w: number, teeth: number) => {
    const tw = w / (teeth * 2 - 1);
    let d = "";
    for (let i = 0; i < teeth; i++) d += `M${f(x0 + i * 2 * tw)} ${f(y0 + 0.5)}v${f(-tw - 0.5)}h${f(tw)}v${f(tw + 0.5)}Z`;
    return d;
  };
  let out = "";
  const wallH = size * 0.32;
  out += rect(x - size * 0.5, base - wallH, size, wallH, paint(kit, stoneShade));
  out += path(crenel(x - size * 0.5, base - wallH, size, 9), paint(kit, stoneShade));
  const keepW = size * 0.3;
  const keepH = size * 0.62;
  out += rect(x - keepW / 2, base - keepH, keepW, keepH, paint(kit, stoneLit));
  out += path(crenel(x - keepW / 2, base - keepH, keepW, 4), paint(kit, stoneLit));
  const towers = [-0.5, 0.5, -0.22, 0.25];
  towers.forEach((t, i) => {
    const tw = size * (i < 2 ? 0.13 : 0.1);
    const th = size * (i < 2 ? 0.5 : 0.78) * rng.range(0.9, 1.1);
    const tx = x + t * size;
    out += rect(tx - tw / 2, base - th, tw, th, paint(kit, i % 2 ? stoneShade : stoneLit));
    out += path(poly([[tx - tw * 0.65, base - th], [tx, base - th - tw * 1.4], [tx + tw * 0.65, base - th]]), paint(kit, roof));
    if (i >= 2) out += path(`M${f(tx)} ${f(base - th - tw * 1.4)}v${f(-tw * 0.6)}l${f(tw * 0.5)} ${f(tw * 0.15)}l${f(-tw * 0.5)} ${f(tw * 0.15)}`, `fill="${c(kit.line ? kit.paper : p.accents[0])}" stroke="${c(kit.line ? kit.ink : mix(stoneShade, [0, 0, 0], 0.4))}" stroke-width="${f(Math.max(0.5, tw * 0.05))}"`);
    if (dark && !kit.line) out += rect(tx - tw * 0.12, base - th * 0.7, tw * 0.24, tw * 0.4, `fill="#ffcf7a"`);
  });
  out += path(`M${f(x - size * 0.07)} ${f(base)}v${f(-size * 0.12)}a${f(size * 0.07)} ${f(size * 0.07)} 0 0 1 ${f(size * 0.14)} 0v${f(size * 0.12)}Z`, paint(kit, mix(stoneShade, [20, 15, 10], 0.6)));
  return out;
}

/** A sailboat floating at (x, y), with its faint mirror image. */
export function sailboat(ctx: SceneContext, rng: Rng, x: number, y: number, size: number): string {
  const { p, kit } = ctx;
  const dir = rng.chance(0.5) ? 1 : -1;
  const hull = kit.line ? kit.paper : mix([60, 52, 58], p.shade, 0.3);
  const sail = kit.line ? kit.paper : mix([250, 246, 236], p.light, 0.35);
  const boat =
    path(poly([[x - size * 0.5, y - size * 0.08], [x + size * 0.5, y - size * 0.08], [x + size * 0.36, y + size * 0.04], [x - size * 0.36, y + size * 0.04]]), paint(kit, hull)) +
    path(poly([[x + dir * size * 0.04, y - size * 0.14], [x + dir * size * 0.04, y - size * 1.05], [x + dir * size * 0.46, y - size * 0.14]]), paint(kit, sail)) +
    path(poly([[x - dir * size * 0.02, y - size * 0.18], [x - dir * size * 0.02, y - size * 0.85], [x - dir * size * 0.34, y - size * 0.18]]), paint(kit, mix(sail, p.accents[0], 0.25)));
  if (kit.line) return boat;
  return group(boat, `transform="translate(0 ${f(2 * y + size * 0.08)}) scale(1 -1)" opacity="0.22"`) + boat;
}

export function balloon(ctx: SceneContext, rng: Rng, x: number, y: number, r: number): string {
  const { p, kit, defs } = ctx;
  const env = `M${f(x)} ${f(y + r * 1.25)}C${f(x - r * 0.35)} ${f(y + r * 0.9)} ${f(x - r * 1.05)} ${f(y + r * 0.35)} ${f(x - r)} ${f(y - r * 0.15)}A${f(r)} ${f(r)} 0 0 1 ${f(x + r)} ${f(y - r * 0.15)}C${f(x + r * 1.05)} ${f(y + r * 0.35)} ${f(x + r * 0.35)} ${f(y + r * 0.9)} ${f(x)} ${f(y + r * 1.25)}Z`;
  let out = path(`M${f(x - r * 0.3)} ${f(y + r * 1.15)}L${f(x - r * 0.18)} ${f(y + r * 1.5)}M${f(x + r * 0.3)} ${f(y + r * 1.15)}L${f(x + r * 0.18)} ${f(y + r * 1.5)}`, `stroke="${c(kit.line ? kit.ink : mix(p.c.trunk, [0, 0, 0], 0.3))}" stroke-width="${f(Math.max(0.6, r * 0.03))}"`);
  out += rect(x - r * 0.2, y + r * 1.5, r * 0.4, r * 0.28, paint(kit, p.c.trunk));
  out += path(env, paint(kit, p.accents[0]));
  if (kit.line) return out;
  let stripes = "";
  const cols = p.accents;
  for (let i = 0; i < 5; i++) stripes += `<ellipse cx="${f(x)}" cy="${f(y + r * 0.2)}" rx="${f(r * (1 - i * 0.22))}" ry="${f(r * 1.4)}" fill="${c(cols[(i + rng.int(0, 3)) % cols.length])}"/>`;
  out += group(stripes, `clip-path="${defs.clip(path(env, ""))}"`);
  if (!kit.flat) out += path(env, `fill="${defs.radial([[0, [255, 255, 255], 0.35], [0.6, [255, 255, 255], 0], [1, [0, 0, 0], 0.3]], 0.5, 0.5, 0.6, 0.35, 0.3)}"`);
  return out;
}

/** A rocket climbing on a plume of smoke; `angle` in degrees from vertical. */
export function rocket(ctx: SceneContext, x: number, y: number, size: number, angle: number): string {
  const { p, kit } = ctx;
  const body = kit.line ? kit.paper : mix([236, 238, 242], p.light, 0.2);
  const accent = kit.line ? kit.paper : p.accents[0];
  let out = "";
  if (!kit.line) {
    let smoke = "";
    for (let i = 0; i < 9; i++) smoke += circle(rngless(i) * size * 0.15, size * (0.75 + i * 0.28), size * (0.12 + i * 0.05), "");
    out += group(smoke, `fill="${c(mix(p.c.cloud, p.c.haze, 0.3))}" fill-opacity="0.8"`);
    out += path(`M${f(-size * 0.1)} ${f(size * 0.55)}Q0 ${f(size * 1.1)} ${f(size * 0.1)} ${f(size * 0.55)}Z`, `fill="#ffb347"`);
  }
  out += path(`M0 ${f(-size * 0.6)}C${f(size * 0.22)} ${f(-size * 0.35)} ${f(size * 0.18)} ${f(size * 0.3)} ${f(size * 0.14)} ${f(size * 0.5)}H${f(-size * 0.14)}C${f(-size * 0.18)} ${f(size * 0.3)} ${f(-size * 0.22)} ${f(-size * 0.35)} 0 ${f(-size * 0.6)}Z`, paint(kit, body));
  out += path(`M${f(-size * 0.14)} ${f(size * 0.2)}L${f(-size * 0.3)} ${f(size * 0.55)}L${f(-size * 0.13)} ${f(size * 0.45)}ZM${f(size * 0.14)} ${f(size * 0.2)}L${f(size * 0.3)} ${f(size * 0.55)}L${f(size * 0.13)} ${f(size * 0.45)}Z`, paint(kit, accent));
  out += circle(0, -size * 0.12, size * 0.075, paint(kit, kit.line ? kit.paper : mix(p.c.skyTop, [120, 200, 255], 0.5)));
  return group(out, `transform="translate(${f(x)} ${f(y)}) rotate(${f(angle)})"`);
}

const rngless = (i: number) => Math.sin(i * 12.9898) * 0.8;
