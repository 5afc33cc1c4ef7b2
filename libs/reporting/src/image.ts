/**
 * A logo is drawn only when its bytes are a sound PNG or JPEG. pdfkit decodes some PNGs (alpha,
 * transparency, interlacing) asynchronously after the page is laid out and throws from a callback
 * when their data is corrupt, which would crash the process; so a PNG is checked here whole
 * (chunk CRCs, header, pixel data inflated to its exact size, row filters) before pdfkit sees it.
 * A picture of more than 40 million pixels is refused (memory), like anything unreadable.
 */
import { crc32, inflateSync } from 'node:zlib';
import type { ReportImage } from './report-model.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_PIXELS = 40_000_000;
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function soundPng(data: Buffer): boolean {
  if (data.length < 8 + 25 || !PNG_SIGNATURE.every((byte, i) => data[i] === byte)) return false;
  let offset = 8;
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | null = null;
  let palette = false;
  let ended = false;
  const idat: Buffer[] = [];
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > data.length) return false;
    const body = data.subarray(offset + 8, offset + 8 + length);
    if ((crc32(data.subarray(offset + 4, offset + 8 + length)) >>> 0) !== data.readUInt32BE(offset + 8 + length)) return false;
    if (header === null && type !== 'IHDR') return false;
    if (type === 'IHDR') {
      if (length !== 13 || header !== null) return false;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colorType: body[9]!, interlace: body[12]! };
      if (body[10] !== 0 || body[11] !== 0 || header.interlace > 1) return false;
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset = end;
  }
  if (!header || !ended || idat.length === 0) return false;
  const { width, height, depth, colorType, interlace } = header;
  const channels = CHANNELS[colorType];
  if (!channels || !DEPTHS[colorType]!.includes(depth) || width === 0 || height === 0 || width * height > MAX_PIXELS) return false;
  if (colorType === 3 && !palette) return false;
  const bitsPerPixel = channels * depth;
  const rows: number[] = [];
  const passes = interlace === 1 ? ADAM7 : [[0, 0, 1, 1] as const];
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue;
    const rowBytes = 1 + Math.ceil((passWidth * bitsPerPixel) / 8);
    for (let i = 0; i < passHeight; i++) rows.push(rowBytes);
  }
  const expected = rows.reduce((a, b) => a + b, 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    return false;
  }
  if (pixels.length !== expected) return false;
  let position = 0;
  for (const rowBytes of rows) {
    if (pixels[position]! > 4) return false;
    position += rowBytes;
  }
  return true;
}

function soundJpeg(data: Buffer): boolean {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return false;
  // Walk the markers to a frame header with a size, as pdfkit will.
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return false;
    const marker = data[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > data.length) return false;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (length < 8) return false;
      const height = data.readUInt16BE(offset + 5);
      const width = data.readUInt16BE(offset + 7);
      return width > 0 && height > 0 && width * height <= MAX_PIXELS;
    }
    if (marker === 0xd9 || marker === 0xda) return false;
    offset += 2 + length;
  }
  return false;
}

/** The image's bytes when pdfkit can draw them safely, otherwise null (the cover goes without). */
export function drawableImage(image: ReportImage | null | undefined): Buffer | null {
  if (!image || !(image.data instanceof Uint8Array)) return null;
  const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  // The bytes decide, whatever the declared format says.
  if (soundPng(data) || soundJpeg(data)) return data;
  return null;
}
