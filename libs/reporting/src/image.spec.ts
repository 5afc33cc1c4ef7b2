import { describe, expect, it } from '@jest/globals';
import { crc32, deflateSync } from 'node:zlib';
import { drawableImage } from './image.js';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function png(width: number, height: number, options: { colorType?: number; raw?: Buffer; idat?: Buffer } = {}): Buffer {
  const colorType = options.colorType ?? 6;
  const channels = { 2: 3, 6: 4 }[colorType as 2 | 6];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colorType;
  const raw = options.raw ?? Buffer.alloc(height * (1 + width * channels));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', options.idat ?? deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const jpeg = (width: number, height: number) =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);

const image = (data: Buffer, format: 'png' | 'jpeg' = 'png') => drawableImage({ format, data: new Uint8Array(data) });

describe('logos', () => {
  it('accepts a sound PNG or JPEG, whatever format was declared', () => {
    expect(image(png(4, 3))).not.toBeNull();
    expect(image(png(4, 3, { colorType: 2 }), 'jpeg')).not.toBeNull();
    expect(image(jpeg(20, 10), 'jpeg')).not.toBeNull();
  });

  it.each([
    ['no logo', null],
    ['a few random bytes', Buffer.from([1, 2, 3, 4])],
    ['a PNG cut short', png(4, 3).subarray(0, 40)],
    ['a PNG whose chunk checksum is wrong', Buffer.concat([png(4, 3).subarray(0, 30), Buffer.from([0xaa]), png(4, 3).subarray(31)])],
    ['pixel data that does not inflate', png(4, 3, { idat: Buffer.from('not deflate data') })],
    ['pixel data of the wrong size', png(4, 3, { raw: Buffer.alloc(10) })],
    ['an unknown row filter', png(1, 1, { raw: Buffer.from([9, 0, 0, 0, 0]) })],
    ['a PNG claiming a billion pixels', png(40_000, 40_000, { raw: Buffer.alloc(1) })],
    ['a JPEG with no frame', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
  ])('refuses %s', (_name, data) => {
    expect(data === null ? drawableImage(null) : image(data)).toBeNull();
  });
});
