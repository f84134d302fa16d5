/** The zip reader: stored and deflated members, CRC check, damaged archives. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32, extractZipMember, listZip } from '../../src/registry/zip.js';
import { buildZip } from '../support/zip-writer.js';

describe('zip reader', () => {
  const a = randomBytes(5000);
  const b = Buffer.from('hello '.repeat(1000));
  const zip = buildZip([
    { name: 'dir/a.bin', data: a },
    { name: 'dir/end2end.onnx', data: b, deflate: true },
  ]);
  it('lists members and extracts stored and deflated ones by path suffix', () => {
    expect(listZip(zip, 't').map((m) => [m.name, m.method, m.size])).toEqual([
      ['dir/a.bin', 0, 5000],
      ['dir/end2end.onnx', 8, 6000],
    ]);
    expect(Buffer.from(extractZipMember(zip, 'a.bin', 't')).equals(a)).toBe(true);
    expect(Buffer.from(extractZipMember(zip, 'end2end.onnx', 't')).equals(b)).toBe(true);
    expect(Buffer.from(extractZipMember(zip, 'dir/end2end.onnx', 't')).equals(b)).toBe(true);
  });
  it('crc32 matches the IEEE check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
  it('damage is E_DOWNLOAD with a reason', () => {
    const flipped = Buffer.from(zip);
    flipped[40]! ^= 0xff; // inside a.bin's stored bytes
    expect(() => extractZipMember(flipped, 'a.bin', 't')).toThrow(expect.objectContaining({ code: 'E_DOWNLOAD', message: expect.stringContaining('CRC-32') }));
    expect(() => listZip(Buffer.from('not a zip at all, just text'), 't')).toThrow(expect.objectContaining({ code: 'E_DOWNLOAD', message: expect.stringContaining('end-of-central-directory') }));
    expect(() => extractZipMember(zip, 'x.onnx', 't')).toThrow(expect.objectContaining({ code: 'E_DOWNLOAD', message: expect.stringContaining('found 0') }));
    const dup = buildZip([
      { name: 'a/end2end.onnx', data: a },
      { name: 'b/end2end.onnx', data: a },
    ]);
    expect(() => extractZipMember(dup, 'end2end.onnx', 't')).toThrow(expect.objectContaining({ message: expect.stringContaining('found 2') }));
  });
});
