/**
 * The checks an organization's logo passes before it is stored: a PNG or JPEG of at most
 * 1 MiB and 3000 × 3000 pixels, recognised by its bytes (not by what the client says it is),
 * whose size is read from its header (PNG IHDR, JPEG SOF), and which the PDF library can open.
 * Pure, except for the PDF library's own parser.
 */
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_MAX_PIXELS = 3000;

export type LogoCheck =
  | { ok: true; type: LogoType; width: number; height: number }
  | { ok: false; status: 413 | 415 | 422; reason: 'too-large' | 'not-an-image' | 'type-mismatch' | 'unreadable' | 'too-many-pixels'; message: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the bytes are, whatever the client said. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  if (bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** Width and height from the IHDR chunk, which must come first. */
export function pngHeader(bytes: Buffer): PngHeader | null {
  if (bytes.length < 33 || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24]!, colorType: bytes[25]!, interlace: bytes[28]! };
}

/** Start-of-frame markers (baseline, progressive, lossless…): they carry the image's size. */
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from the first start-of-frame segment, walking the segments from SOI. */
export function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // standalone markers
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return null;
    if (JPEG_SOF.has(marker)) {
      if (offset + 9 > bytes.length) return null;
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * The pixel data of a PNG inflates to exactly what its header announces (PDF viewers would
 * otherwise show a broken image: the PDF library copies non-interlaced data without decoding it).
 */
function pngDataComplete(bytes: Buffer, header: PngHeader): boolean {
  const channels = CHANNELS[header.colorType];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(header.bitDepth)) return false;
  const parts: Buffer[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (offset + 12 + length > bytes.length) return false;
    if (type === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (parts.length === 0) return false;
  const rowBytes = (width: number) => Math.ceil((width * channels * header.bitDepth) / 8);
  let expected = 0;
  if (header.interlace === 1) {
    // Adam7: seven reduced images, each row with its filter byte.
    const passes = [
      [0, 0, 8, 8],
      [4, 0, 8, 8],
      [0, 4, 4, 8],
      [2, 0, 4, 4],
      [0, 2, 2, 4],
      [1, 0, 2, 2],
      [0, 1, 1, 2],
    ] as const;
    for (const [x0, y0, dx, dy] of passes) {
      const w = Math.ceil((header.width - x0) / dx);
      const h = Math.ceil((header.height - y0) / dy);
      if (w > 0 && h > 0) expected += h * (1 + rowBytes(w));
    }
  } else {
    expected = header.height * (1 + rowBytes(header.width));
  }
  try {
    const inflated = inflateSync(Buffer.concat(parts), { maxOutputLength: expected + 1 });
    return inflated.length === expected;
  } catch {
    return false;
  }
}

const TOO_LARGE = `Le logo doit être une image PNG ou JPEG de 1 Mo au plus / The logo must be a PNG or JPEG image of at most 1 MiB.`;
const NOT_AN_IMAGE = `Le logo doit être une image PNG ou JPEG de 1 Mo au plus : envoyez le fichier avec Content-Type image/png ou image/jpeg / The logo must be a PNG or JPEG image of at most 1 MiB, sent with Content-Type image/png or image/jpeg.`;

/** Every check of a logo upload, in order: size of the body, type, header, pixels, decoding. */
export function checkLogo(bytes: Buffer, declaredType: string | undefined): LogoCheck {
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, status: 413, reason: 'too-large', message: TOO_LARGE };
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(LOGO_TYPES as readonly string[]).includes(declared)) return { ok: false, status: 415, reason: 'not-an-image', message: NOT_AN_IMAGE };
  const type = sniffImageType(bytes);
  if (type === null) {
    return {
      ok: false,
      status: 415,
      reason: 'not-an-image',
      message: `Ce fichier n’est ni un PNG ni un JPEG (ses premiers octets ne sont pas ceux d’une image) / This file is neither a PNG nor a JPEG (its first bytes are not those of an image).`,
    };
  }
  if (type !== declared) {
    return {
      ok: false,
      status: 415,
      reason: 'type-mismatch',
      message: `Ce fichier est un ${type === 'image/png' ? 'PNG' : 'JPEG'}, envoyé comme ${declared} : envoyez-le avec Content-Type ${type} / This file is a ${type === 'image/png' ? 'PNG' : 'JPEG'} sent as ${declared}: send it with Content-Type ${type}.`,
    };
  }
  const png = type === 'image/png' ? pngHeader(bytes) : null;
  const size = type === 'image/png' ? png : jpegSize(bytes);
  const unreadable: LogoCheck = {
    ok: false,
    status: 422,
    reason: 'unreadable',
    message: `L’image est illisible ou incomplète : enregistrez-la de nouveau en PNG ou en JPEG / The image is unreadable or incomplete: save it again as a PNG or a JPEG.`,
  };
  if (!size || size.width === 0 || size.height === 0) return unreadable;
  if (size.width > LOGO_MAX_PIXELS || size.height > LOGO_MAX_PIXELS) {
    return {
      ok: false,
      status: 422,
      reason: 'too-many-pixels',
      message: `Le logo mesure ${size.width} × ${size.height} pixels : ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS} au plus / The logo is ${size.width} × ${size.height} pixels: at most ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS}.`,
    };
  }
  if (png && !pngDataComplete(bytes, png)) return unreadable;
  try {
    // Parses the image's structure as the report's renderer will (not in pdfkit's type definitions).
    (new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown }).openImage(bytes);
  } catch {
    return unreadable;
  }
  return { ok: true, type, width: size.width, height: size.height };
}
