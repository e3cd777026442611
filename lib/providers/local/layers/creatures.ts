/** Animals and people as simple, recognisable stylised shapes. */
import { adjust, mix, type Rgb } from "../color";
import type { Rng } from "../random";
import type { SceneContext } from "../scene-context";
import { c, circle, ellipse, f, group, paint, path, poly, smoothCurve } from "../svg";
import type { Subject } from "../vocabulary";

type Pt = [number, number];
const place = (pts: Pt[], x: number, y: number, k: number, dir: number): Pt[] => pts.map(([px, py]) => [x + px * k * dir, y + py * k]);

export type SittingKind = "cat" | "dog" | "fox" | "wolf" | "rabbit";

/** A sitting animal, `size` tall, standing on (x, y), facing `dir` (1 right, −1 left). */
export function sittingAnimal(ctx: SceneContext, kind: SittingKind, x: number, y: number, size: number, dir: number): string {
  return group(sittingShape(ctx, kind, x, y, size, dir), `class="creature ${kind}"`);
}

function sittingShape(ctx: SceneContext, kind: SittingKind, x: number, y: number, size: number, dir: number): string {
  const { kit, p, defs } = ctx;
  const fur = p.c.creature;
  const shade = adjust(fur, { l: -0.12 });
  const light = mix(fur, [250, 246, 238], 0.75);
  const P = (pts: Pt[]) => place(pts, x, y, size, dir);
  const fill = kit.flat || kit.line ? fur : defs.linearAt([[0, adjust(fur, { l: 0.08 })], [1, shade]], x - size * 0.3 * dir, y - size, x + size * 0.3 * dir, y);
  let out = "";
  const howl = kind === "wolf" && ctx.dark;
  if (kind === "rabbit") {
    out += path(smoothCurve(P([[-0.3, 0], [-0.36, -0.25], [-0.2, -0.48], [0.05, -0.5], [0.22, -0.3], [0.25, 0]]), true), paint(kit, fill));
    out += circle(...P([[-0.34, -0.1]])[0], size * 0.08, paint(kit, light));
    for (const ex of [0.0, 0.1]) out += ellipse(...P([[ex, -0.88]])[0], size * 0.055, size * 0.2, paint(kit, shade));
    out += circle(...P([[0.06, -0.6]])[0], size * 0.15, paint(kit, fill));
    out += circle(...P([[0.13, -0.63]])[0], size * 0.018, `fill="${c(kit.ink)}"`);
    return out;
  }
  const tailPts: Pt[] = kind === "fox" || kind === "wolf"
    ? [[-0.2, -0.06], [-0.45, -0.02], [-0.62, -0.12], [-0.6, -0.22], [-0.45, -0.16], [-0.25, -0.18]]
    : kind === "dog" ? [[-0.25, -0.12], [-0.38, -0.3], [-0.42, -0.45], [-0.36, -0.36], [-0.22, -0.2]]
    : [[-0.22, -0.04], [-0.45, -0.03], [-0.56, -0.15], [-0.52, -0.3], [-0.48, -0.17], [-0.4, -0.09], [-0.22, -0.12]];
  out += path(smoothCurve(P(tailPts), true), paint(kit, kind === "fox" ? fur : shade));
  if (kind === "fox" && !kit.line) out += circle(...P([[-0.6, -0.17]])[0], size * 0.06, `fill="${c(light)}"`);
  const body: Pt[] = [[-0.3, 0], [-0.34, -0.25], [-0.22, -0.52], [-0.02, -0.62], [0.14, -0.55], [0.2, -0.3], [0.24, 0]];
  out += path(smoothCurve(P(body), true), paint(kit, fill));
  if ((kind === "fox" || kind === "dog") && !kit.line) out += path(smoothCurve(P([[0.06, -0.56], [0.18, -0.4], [0.18, -0.12], [0.1, -0.12], [0.06, -0.35]]), true), `fill="${c(light)}" fill-opacity="0.9"`);
  out += ellipse(...P([[0.1, -0.02]])[0], size * 0.09, size * 0.035, paint(kit, shade));
  const hx = kind === "cat" ? 0.04 : 0.07;
  const hy = kind === "cat" ? -0.72 : -0.74;
  let head = "";
  const ear = (pts: Pt[], col: Rgb | string) => path(poly(P(pts)), paint(kit, col));
  if (kind === "dog") {
    head += circle(...P([[hx, hy]])[0], size * 0.16, paint(kit, fill));
    head += path(smoothCurve(P([[hx + 0.08, hy - 0.05], [hx + 0.3, hy], [hx + 0.3, hy + 0.08], [hx + 0.1, hy + 0.1]]), true), paint(kit, fill));
    head += ellipse(...P([[hx - 0.08, hy + 0.02]])[0], size * 0.06, size * 0.13, paint(kit, shade));
    head += circle(...P([[hx + 0.3, hy + 0.01]])[0], size * 0.03, `fill="${c(kit.ink)}"`);
  } else {
    const pointy = kind === "cat" ? 0.2 : 0.26;
    head += ear([[hx - 0.12, hy - 0.06], [hx - 0.1, hy - pointy - 0.06], [hx - 0.01, hy - 0.12]], kind === "cat" ? fill : shade);
    head += ear([[hx + 0.03, hy - 0.12], [hx + 0.1, hy - pointy - 0.07], [hx + 0.14, hy - 0.04]], fill);
    head += circle(...P([[hx, hy]])[0], size * (kind === "cat" ? 0.16 : 0.14), paint(kit, fill));
    if (kind !== "cat") {
      head += path(smoothCurve(P([[hx + 0.06, hy - 0.06], [hx + 0.34, hy + 0.04], [hx + 0.31, hy + 0.08], [hx + 0.06, hy + 0.1]]), true), paint(kit, fill));
      if (!kit.line) head += path(smoothCurve(P([[hx + 0.05, hy + 0.03], [hx + 0.3, hy + 0.07], [hx + 0.06, hy + 0.11]]), true), `fill="${c(light)}"`);
      head += circle(...P([[hx + 0.33, hy + 0.05]])[0], size * 0.022, `fill="${c(kit.ink)}"`);
    }
  }
  const eye = P([[hx + (kind === "cat" ? 0.08 : 0.1), hy - 0.03]])[0];
  head += kind === "cat" ? ellipse(eye[0], eye[1], size * 0.022, size * 0.03, `fill="${c(kit.line ? kit.ink : [250, 210, 90])}"`) : circle(eye[0], eye[1], size * 0.018, `fill="${c(kit.ink)}"`);
  const neck = P([[0.02, -0.58]])[0];
  out += howl ? group(head, `transform="rotate(${f(-32 * dir)} ${f(neck[0])} ${f(neck[1])})"`) : head;
  return out;
}

export function deer(ctx: SceneContext, x: number, y: number, size: number, dir: number): string {
  const { kit, p } = ctx;
  const P = (pts: Pt[]) => place(pts, x, y, size, dir);
  const fur = p.c.creature;
  let legs = "";
  for (const lx of [-0.32, -0.22, 0.2, 0.3]) legs += `M${P([[lx, -0.45]])[0].join(" ")}L${P([[lx + 0.02, 0]])[0].join(" ")}`;
  let out = path(legs, `stroke="${c(kit.line ? kit.ink : adjust(fur, { l: -0.1 }))}" stroke-width="${f(size * 0.05)}" stroke-linecap="round"`);
  out += path(smoothCurve(P([[-0.42, -0.5], [-0.3, -0.68], [0.2, -0.68], [0.4, -0.6], [0.38, -0.42], [-0.38, -0.4]]), true), paint(kit, fur));
  out += path(smoothCurve(P([[0.28, -0.62], [0.38, -0.95], [0.5, -0.98], [0.42, -0.6]]), true), paint(kit, fur));
  out += path(smoothCurve(P([[0.38, -1.02], [0.58, -0.96], [0.6, -0.9], [0.42, -0.9]]), true), paint(kit, fur));
  let antlers = "";
  const base = P([[0.42, -1.02]])[0];
  const tip = (dx: number, dy: number) => P([[0.42 + dx, -1.02 + dy]])[0].join(" ");
  antlers += `M${base.join(" ")}L${tip(-0.05, -0.25)}L${tip(-0.15, -0.4)}M${tip(-0.05, -0.25)}L${tip(0.08, -0.38)}M${tip(-0.02, -0.12)}L${tip(-0.16, -0.2)}`;
  out += path(antlers, `fill="none" stroke="${c(kit.line ? kit.ink : adjust(fur, { l: -0.05 }))}" stroke-width="${f(size * 0.025)}" stroke-linecap="round"`);
  return out;
}

/** A whale's tail rising from the water. */
export function whaleTail(ctx: SceneContext, x: number, y: number, size: number): string {
  const { kit, p } = ctx;
  const col = kit.line ? kit.paper : mix([50, 60, 78], p.shade, 0.3);
  const d = `M${f(x - size * 0.06)} ${f(y)}Q${f(x - size * 0.04)} ${f(y - size * 0.4)} ${f(x - size * 0.02)} ${f(y - size * 0.55)}Q${f(x - size * 0.3)} ${f(y - size * 0.65)} ${f(x - size * 0.5)} ${f(y - size * 0.95)}Q${f(x - size * 0.2)} ${f(y - size * 0.75)} ${f(x)} ${f(y - size * 0.7)}Q${f(x + size * 0.2)} ${f(y - size * 0.75)} ${f(x + size * 0.5)} ${f(y - size * 0.95)}Q${f(x + size * 0.3)} ${f(y - size * 0.65)} ${f(x + size * 0.02)} ${f(y - size * 0.55)}Q${f(x + size * 0.04)} ${f(y - size * 0.4)} ${f(x + size * 0.06)} ${f(y)}Z`;
  return path(d, paint(kit, col)) + (kit.line ? "" : ellipse(x, y, size * 0.25, size * 0.03, `fill="${c(mix(p.c.cloud, [255, 255, 255], 0.5))}" fill-opacity="0.7"`));
}

export function butterfly(ctx: SceneContext, rng: Rng, x: number, y: number, size: number): string {
  const { kit, p } = ctx;
  const col = p.accents[rng.int(0, p.accents.length - 1)];
  let out = "";
  for (const side of [-1, 1]) {
    out += `<ellipse cx="${f(x + side * size * 0.28)}" cy="${f(y - size * 0.15)}" rx="${f(size * 0.3)}" ry="${f(size * 0.22)}" transform="rotate(${f(side * -30)} ${f(x + side * size * 0.28)} ${f(y - size * 0.15)})" ${paint(kit, col)}/>`;
    out += `<ellipse cx="${f(x + side * size * 0.2)}" cy="${f(y + size * 0.17)}" rx="${f(size * 0.18)}" ry="${f(size * 0.14)}" transform="rotate(${f(side * 30)} ${f(x + side * size * 0.2)} ${f(y + size * 0.17)})" ${paint(kit, adjust(col, { l: -0.1 }))}/>`;
  }
  return out + ellipse(x, y, size * 0.04, size * 0.3, `fill="${c(kit.ink)}"`);
}

/** A small standing figure (a hiker looking at the view). */
export function figure(ctx: SceneContext, x: number, y: number, size: number): string {
  const { kit, p } = ctx;
  const col = kit.line ? kit.paper : mix(p.c.creature, [20, 20, 30], 0.55);
  return group(figureShape(ctx, x, y, size, col), `class="person"`);
}

function figureShape(ctx: SceneContext, x: number, y: number, size: number, col: Rgb): string {
  const { kit } = ctx;
  const d = smoothCurve([[x - size * 0.11, y - size * 0.72], [x + size * 0.11, y - size * 0.72], [x + size * 0.1, y - size * 0.35], [x + size * 0.07, y], [x + size * 0.02, y], [x, y - size * 0.3], [x - size * 0.02, y], [x - size * 0.07, y], [x - size * 0.1, y - size * 0.35]], true);
  return path(d, paint(kit, col)) + circle(x, y - size * 0.84, size * 0.1, paint(kit, col)) + path(smoothCurve([[x - size * 0.1, y - size * 0.7], [x - size * 0.2, y - size * 0.62], [x - size * 0.18, y - size * 0.4], [x - size * 0.08, y - size * 0.42]], true), paint(kit, adjust(col, { l: 0.08 })));
}

export function hasCreature(subjects: Set<Subject>): SittingKind | "deer" | undefined {
  for (const k of ["fox", "cat", "dog", "wolf", "rabbit", "deer"] as const) if (subjects.has(k)) return k;
  return undefined;
}
