import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/**
 * A new id such as `img_01jd3k9x4m2w8q5r7t1v`: a prefix naming the entity, 10 characters of millisecond time
 * (so ids sort by creation and index pages stay local) and 10 random characters (50 bits).
 */
export function newId(prefix: string): string {
  let time = Date.now();
  let t = "";
  for (let i = 0; i < 10; i++) {
    t = alphabet[time % 32] + t;
    time = Math.floor(time / 32);
  }
  const random = randomBytes(10);
  let r = "";
  for (let i = 0; i < 10; i++) r += alphabet[random[i] % 32];
  return `${prefix}_${t}${r}`;
}
