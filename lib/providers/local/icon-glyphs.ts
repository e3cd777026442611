/**
 * Icon glyphs on a 100×100 grid: each is a list of parts, "main" in the glyph colour, "detail" in the
 * background's colour (windows, cut-outs), "accent" in a second colour.
 */
export interface GlyphPart {
  d: string;
  role: "main" | "detail" | "accent";
}

const m = (d: string): GlyphPart => ({ d, role: "main" });
const dt = (d: string): GlyphPart => ({ d, role: "detail" });
const ac = (d: string): GlyphPart => ({ d, role: "accent" });
const circ = (x: number, y: number, r: number) => `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;

export const glyphs: Record<string, GlyphPart[]> = {
  rocket: [
    ac("M43 70 Q50 92 57 70Z"),
    m("M50 12 C64 24 66 46 62 68 H38 C34 46 36 24 50 12Z"),
    m("M38 50 L26 66 L27 76 L38 68Z M62 50 L74 66 L73 76 L62 68Z"),
    dt(circ(50, 40, 7)),
  ],
  star: [m("M50 14 L60.6 37.4 L86 40 L67 57.3 L72.3 82.4 L50 69.6 L27.7 82.4 L33 57.3 L14 40 L39.4 37.4Z")],
  heart: [m("M50 82 C20 62 14 44 22 32 C30 20 46 22 50 34 C54 22 70 20 78 32 C86 44 80 62 50 82Z")],
  mountain: [ac(circ(70, 30, 8)), m("M10 80 L38 36 L52 58 L62 46 L90 80Z"), dt("M38 36 L45 47 L40 44 L35 48 L33 44Z")],
  sun: [m(circ(50, 50, 17)), m("M48 14h4v14h-4zM48 72h4v14h-4zM14 48h14v4H14zM72 48h14v4H72zM24 27l3-3 10 10-3 3zM63 66l3-3 10 10-3 3zM24 73l10-10 3 3-10 10zM63 34l10-10 3 3-10 10z")],
  moon: [m("M62 16 A34 34 0 1 0 84 62 A26 26 0 1 1 62 16Z")],
  cloud: [m("M28 72 A14 14 0 0 1 26 44 A18 18 0 0 1 60 36 A16 16 0 0 1 76 72Z")],
  leaf: [m("M22 78 C20 40 44 20 80 20 C80 56 60 80 22 78Z"), dt("M26 74 C40 58 54 44 70 30 L72 32 C56 46 42 60 28 76Z")],
  flower: [m(circ(50, 30, 13)), m(circ(70, 45, 13)), m(circ(62, 68, 13)), m(circ(38, 68, 13)), m(circ(30, 45, 13)), ac(circ(50, 52, 10))],
  tree: [m("M50 12 L74 48 H62 L80 72 H20 L38 48 H26Z"), m("M46 72h8v14h-8z")],
  house: [m("M50 16 L86 48 H78 V84 H22 V48 H14Z"), dt("M43 84 V62 H57 V84Z")],
  camera: [m("M16 34 H34 L40 24 H60 L66 34 H84 V78 H16Z"), dt(circ(50, 55, 15)), m(circ(50, 55, 9))],
  music: [m("M38 74 A10 8 0 1 1 38 73.9Z M44 72 V22 L78 14 V64 A10 8 0 1 1 72 58 V30 L50 35 V72Z")],
  chat: [m("M16 22 H84 V66 H44 L28 80 V66 H16Z"), dt(circ(34, 44, 5)), dt(circ(50, 44, 5)), dt(circ(66, 44, 5))],
  bolt: [m("M56 10 L24 56 H46 L40 90 L76 42 H54Z")],
  drop: [m("M50 12 C62 32 76 46 76 62 A26 26 0 0 1 24 62 C24 46 38 32 50 12Z"), dt("M36 62 A14 14 0 0 0 46 76 L44 80 A18 18 0 0 1 32 62Z")],
  flame: [m("M50 12 C60 30 76 40 74 62 A24 24 0 0 1 26 62 C26 48 36 42 40 30 C44 40 48 42 50 12Z"), ac("M50 50 C56 58 62 62 60 72 A10 10 0 0 1 40 72 C40 64 46 60 50 50Z")],
  bell: [m("M50 14 C66 14 72 28 72 44 V60 L80 70 H20 L28 60 V44 C28 28 34 14 50 14Z"), m(circ(50, 78, 7))],
  mail: [m("M14 26 H86 V76 H14Z"), dt("M14 26 L50 54 L86 26 V32 L50 60 L14 32Z")],
  lock: [m("M30 46 V34 A20 20 0 0 1 70 34 V46 H62 V34 A12 12 0 0 0 38 34 V46Z"), m("M22 46 H78 V86 H22Z"), dt("M46 60 H54 V74 H46Z")],
  pin: [m("M50 88 C40 70 24 56 24 40 A26 26 0 0 1 76 40 C76 56 60 70 50 88Z"), dt(circ(50, 40, 10))],
  search: [m(circ(42, 42, 26)), dt(circ(42, 42, 17)), m("M58 64 L64 58 L86 80 L80 86Z")],
  gear: [m("M44 12h12l2 10 8 4 8-6 8 8-6 8 4 8 10 2v12l-10 2-4 8 6 8-8 8-8-6-8 4-2 10H44l-2-10-8-4-8 6-8-8 6-8-4-8-10-2V44l10-2 4-8-6-8 8-8 8 6 8-4z"), dt(circ(50, 50, 12))],
  check: [m("M18 52 L30 40 L44 54 L72 24 L84 36 L44 78Z")],
  book: [m("M14 24 C30 20 42 22 48 28 V82 C42 76 30 74 14 78Z M86 24 C70 20 58 22 52 28 V82 C58 76 70 74 86 78Z")],
  cup: [m("M20 34 H70 V58 A22 22 0 0 1 48 80 H42 A22 22 0 0 1 20 58Z"), m("M70 40 H78 A12 12 0 0 1 78 64 H70 V56 H77 A4 4 0 0 0 77 48 H70Z"), ac("M32 14 C28 20 36 24 32 30 M44 12 C40 18 48 22 44 28")],
  paw: [m("M50 52 C64 52 74 68 70 78 C66 86 58 80 50 80 C42 80 34 86 30 78 C26 68 36 52 50 52Z"), m(circ(30, 42, 8)), m(circ(44, 30, 8)), m(circ(58, 30, 8)), m(circ(72, 42, 8))],
  fish: [m("M18 50 C32 28 62 28 76 50 C62 72 32 72 18 50Z M72 50 L90 34 V66Z"), dt(circ(32, 46, 4))],
  bird: [m("M20 58 C30 40 48 36 60 42 L72 30 L86 34 L76 42 C80 60 60 76 36 72 L14 80 L24 66Z"), dt(circ(70, 38, 3))],
  cat: [m("M22 20 L38 36 H62 L78 20 L80 58 A30 26 0 0 1 20 58Z"), dt(circ(38, 54, 5)), dt(circ(62, 54, 5)), dt("M46 64 H54 L50 69Z")],
  planet: [m(circ(50, 50, 22)), ac("M12 62 C20 74 60 66 88 38 C94 30 88 26 78 30 L76 34 C84 32 86 34 80 40 C58 60 26 70 16 62Z")],
  globe: [m(circ(50, 50, 34)), dt("M50 16 C38 28 38 72 50 84 C62 72 62 28 50 16Z M18 46 H82 V54 H18Z"), m("M50 22 C44 32 44 68 50 78 C56 68 56 32 50 22Z")],
  shield: [m("M50 12 L82 24 V48 C82 66 68 80 50 88 C32 80 18 66 18 48 V24Z"), dt("M50 24 L72 32 V48 C72 60 62 70 50 76Z")],
  crown: [m("M14 30 L32 50 L50 22 L68 50 L86 30 L78 76 H22Z"), dt("M24 66 H76 V70 H24Z")],
  gem: [m("M30 20 H70 L88 42 L50 86 L12 42Z"), dt("M30 20 L40 42 L50 20 L60 42 L70 20 L74 24 L62 42 H38 L26 24Z")],
  chart: [m("M18 82 V52 H32 V82Z M42 82 V34 H56 V82Z M66 82 V18 H80 V82Z")],
  code: [m("M36 26 L42 32 L24 50 L42 68 L36 74 L12 50Z M64 26 L88 50 L64 74 L58 68 L76 50 L58 32Z M54 18 L61 20 L46 82 L39 80Z")],
  pencil: [m("M64 14 L86 36 L38 84 L14 86 L16 62Z"), dt("M20 66 L34 80 L20 82Z")],
  palette: [m("M50 14 C74 14 88 30 88 48 C88 62 76 64 68 62 C60 60 56 66 60 74 C64 84 56 88 48 86 C26 84 12 68 12 50 C12 30 28 14 50 14Z"), ac(circ(34, 42, 6)), ac(circ(50, 30, 6)), dt(circ(68, 38, 6)), dt(circ(30, 62, 6))],
  game: [m("M26 34 H74 A16 16 0 0 1 90 50 V60 A12 12 0 0 1 70 68 L64 62 H36 L30 68 A12 12 0 0 1 10 60 V50 A16 16 0 0 1 26 34Z"), dt("M28 44h6v6h6v6h-6v6h-6v-6h-6v-6h6z"), dt(circ(66, 48, 4)), dt(circ(74, 56, 4))],
  headphones: [m("M18 62 V50 A32 32 0 0 1 82 50 V62 H74 V50 A24 24 0 0 0 26 50 V62Z"), m("M16 58 H32 V84 H16Z M68 58 H84 V84 H68Z")],
  cake: [m("M20 56 H80 V84 H20Z"), m("M27 40 H73 V56 H27Z"), dt("M20 64 H80 V68 H20Z M27 46 H73 V49 H27Z"), ac("M47 22 H53 V40 H47Z"), ac("M50 9 C55 15 55 19 50 21 C45 19 45 15 50 9Z")],
  robot: [m("M48 12 H52 V28 H48Z"), m(circ(50, 12, 5)), m("M24 28 H76 V76 H24Z"), m("M16 44 H24 V60 H16Z M76 44 H84 V60 H76Z"), dt(circ(39, 48, 7)), dt(circ(61, 48, 7)), dt("M37 62 H63 V67 H37Z")],
  car: [m("M12 64 L20 48 L32 34 H66 L78 48 H88 V70 H12Z"), dt("M35 40 H48 V48 H27Z M52 40 H64 L71 48 H52Z"), m(circ(30, 72, 10)), m(circ(70, 72, 10)), dt(circ(30, 72, 4)), dt(circ(70, 72, 4))],
  plane: [m("M50 10 C55 10 56 18 56 24 V40 L88 58 V66 L56 56 V74 L66 82 V88 L50 84 L34 88 V82 L44 74 V56 L12 66 V58 L44 40 V24 C44 18 45 10 50 10Z")],
  bag: [m("M22 34 H78 L84 86 H16Z"), m("M36 34 V28 A14 14 0 0 1 64 28 V34 H58 V28 A8 8 0 0 0 42 28 V34Z"), dt(circ(38, 46, 3)), dt(circ(62, 46, 3))],
  user: [m(circ(50, 34, 17)), m("M16 86 C16 62 33 54 50 54 C67 54 84 62 84 86Z")],
  pizza: [
    m("M50 90 L16 24 C38 12 62 12 84 24Z"),
    ac("M16 24 C38 12 62 12 84 24 L87 17 C62 4 38 4 13 17Z"),
    dt(circ(40, 34, 6)), dt(circ(60, 36, 6)), dt(circ(50, 56, 6)), dt(circ(47, 76, 4)),
  ],
  ramen: [
    m("M58 8 L92 40 L89 43 L55 11Z M66 6 L96 34 L93 37 L63 9Z"),
    dt("M14 52 C14 42 86 42 86 52 C86 58 14 58 14 52Z"),
    ac("M22 50 C28 40 34 54 40 45 C46 36 52 52 58 44 C64 36 70 50 78 44 L78 49 C70 55 64 42 58 49 C52 57 46 42 40 50 C34 59 28 46 22 54Z"),
    ac(circ(34, 47, 7)),
    m("M12 52 H88 C88 72 72 86 50 86 C28 86 12 72 12 52Z M38 86 H62 V91 H38Z"),
  ],
};

/** Words that name a glyph. */
export const glyphWords: Record<string, string> = {
  rocket: "rocket", spaceship: "rocket", launch: "rocket", star: "star", favorite: "star", favourite: "star", heart: "heart",
  love: "heart", like: "heart", health: "heart", mountain: "mountain", landscape: "mountain", photo: "mountain", image: "mountain",
  gallery: "mountain", picture: "mountain", sun: "sun", weather: "sun", sunny: "sun", moon: "moon", night: "moon", sleep: "moon",
  cloud: "cloud", storage: "cloud", leaf: "leaf", eco: "leaf", nature: "leaf", plant: "leaf", flower: "flower", garden: "flower",
  tree: "tree", forest: "tree", pine: "tree", house: "house", home: "house", cabin: "house", camera: "camera", music: "music",
  song: "music", audio: "music", chat: "chat", message: "chat", messaging: "chat", bolt: "bolt", lightning: "bolt", energy: "bolt",
  power: "bolt", fast: "bolt", water: "drop", drop: "drop", flame: "flame", fire: "flame", hot: "flame", bell: "bell",
  notification: "bell", mail: "mail", email: "mail", envelope: "mail", lock: "lock", security: "lock", password: "lock",
  pin: "pin", map: "pin", location: "pin", travel: "pin", search: "search", find: "search", gear: "gear", settings: "gear",
  check: "check", todo: "check", task: "check", done: "check", book: "book", read: "book", reading: "book", library: "book",
  cup: "cup", coffee: "cup", tea: "cup", cafe: "cup", paw: "paw", pet: "paw", dog: "paw", fish: "fish", bird: "bird",
  twitter: "bird", cat: "cat", kitten: "cat", planet: "planet", space: "planet", saturn: "planet", globe: "globe", world: "globe",
  earth: "globe", web: "globe", shield: "shield", safe: "shield", crown: "crown", king: "crown", premium: "crown", gem: "gem",
  diamond: "gem", jewel: "gem", chart: "chart", analytics: "chart", finance: "chart", stats: "chart", code: "code",
  developer: "code", programming: "code", pencil: "pencil", edit: "pencil", write: "pencil", notes: "pencil", palette: "palette",
  art: "palette", paint: "palette", design: "palette", color: "palette", colour: "palette", game: "game", gaming: "game",
  controller: "game", headphones: "headphones", podcast: "headphones", cake: "cake", bakery: "cake", birthday: "cake",
  dessert: "cake", cupcake: "cake", party: "cake", robot: "robot", bot: "robot", ai: "robot", assistant: "robot", car: "car",
  drive: "car", taxi: "car", plane: "plane", airplane: "plane", flight: "plane", airline: "plane", bag: "bag", shop: "bag",
  shopping: "bag", store: "bag", cart: "bag", pizza: "pizza", ramen: "ramen", noodle: "ramen", noodles: "ramen", soup: "ramen", user: "user", profile: "user", account: "user", person: "user", contact: "user",
};
