import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types
import { lockProblems } from "./check-lock.mjs";

const pkg = { dependencies: { addon: "^2.0.0" } };
const lock = (extra: Record<string, unknown> = {}) => ({
  packages: {
    "": { dependencies: { addon: "^2.0.0" } },
    "node_modules/addon": { version: "2.2.3", optionalDependencies: { "@addon/linux-x64": "2.2.3", "@addon/darwin-arm64": "2.2.3" } },
    "node_modules/@addon/linux-x64": { version: "2.2.3", optional: true, os: ["linux"], cpu: ["x64"] },
    ...extra,
  },
});

describe("check-lock", () => {
  it("finds an optional platform package npm left out of the lock", () => {
    expect(lockProblems(pkg, lock())).toEqual(["node_modules/addon needs @addon/darwin-arm64 (optionalDependencies), which the lock does not hold"]);
  });
  it("passes a complete lock, resolving nested and hoisted packages like Node", () => {
    expect(lockProblems(pkg, lock({ "node_modules/addon/node_modules/@addon/darwin-arm64": { version: "2.2.3", optional: true } }))).toEqual([]);
    expect(lockProblems(pkg, lock({ "node_modules/@addon/darwin-arm64": { version: "2.2.3", optional: true } }))).toEqual([]);
  });
  it("finds package.json and the lock out of step", () => {
    expect(lockProblems({ dependencies: { addon: "^3.0.0" } }, lock({ "node_modules/@addon/darwin-arm64": {} }))).toEqual(["package.json dependencies.addon is ^3.0.0, the lock says ^2.0.0"]);
  });
});
