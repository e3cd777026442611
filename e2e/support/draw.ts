import sharp from "sharp";

/** A PNG of four coloured quadrants (red, green, blue, yellow), so any crop or resize is easy to check by eye. */
export async function drawQuadrants(file: string, width = 640, height = 480): Promise<string> {
  const w = width / 2;
  const h = height / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${w}" height="${h}" fill="#e53935"/><rect x="${w}" width="${w}" height="${h}" fill="#43a047"/>
    <rect y="${h}" width="${w}" height="${h}" fill="#1e88e5"/><rect x="${w}" y="${h}" width="${w}" height="${h}" fill="#fdd835"/>
  </svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}

/** A PNG whose left half is one colour and right half another (pure red and pure blue by default): a palette of two known colours. */
export async function drawHalves(file: string, width = 200, height = 100, left = "#ff0000", right = "#0000ff"): Promise<string> {
  const w = Math.floor(width / 2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" shape-rendering="crispEdges">
    <rect width="${w}" height="${height}" fill="${left}"/><rect x="${w}" width="${width - w}" height="${height}" fill="${right}"/>
  </svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}
