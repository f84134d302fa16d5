/**
 * Just enough of the ZIP format to take one file out of a model archive (the MMDeploy "ONNX SDK" zips hold
 * `<folder>/end2end.onnx` next to JSON files): central directory lookup, stored or deflated members, CRC-32
 * check. No ZIP64, no encryption (model archives need neither; both are refused with a clear error).
 *
 * @module
 */
import * as zlib from 'node:zlib';
import { PosekitError } from '@posekit/core';

let table: Uint32Array | undefined;

/** CRC-32 (IEEE), zlib's when Node has it (>= 20.15), else a table-driven one. @internal */
export function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One central-directory entry. @internal */
export interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

function bad(label: string, why: string): PosekitError {
  return new PosekitError('E_DOWNLOAD', `${label}: not a usable zip archive: ${why}`, { file: label });
}

/** List the members of a zip archive. @internal */
export function listZip(buf: Uint8Array, label: string): ZipMember[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(label, 'no end-of-central-directory record');
  const count = dv.getUint16(eocd + 10, true);
  const cdSize = dv.getUint32(eocd + 12, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad(label, 'ZIP64 archives are not supported');
  if (cdOffset + cdSize > buf.length) throw bad(label, `central directory [${cdOffset}, ${cdOffset + cdSize}) lies beyond the ${buf.length} bytes`);
  const out: ZipMember[] = [];
  let p = cdOffset;
  const dec = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || dv.getUint32(p, true) !== 0x02014b50) throw bad(label, `central directory entry ${n} is damaged`);
    const flags = dv.getUint16(p + 8, true);
    if (flags & 1) throw bad(label, 'encrypted members are not supported');
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    out.push({
      method: dv.getUint16(p + 10, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
      name: dec.decode(buf.subarray(p + 46, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * The bytes of the member whose path is `member` or ends with `/member`.
 *
 * @throws PosekitError `E_DOWNLOAD` when the archive is damaged, holds no such member, holds several, or the
 *   member's CRC-32 / size does not match
 */
export function extractZipMember(buf: Uint8Array, member: string, label: string): Uint8Array {
  const all = listZip(buf, label);
  const hits = all.filter((m) => m.name === member || m.name.endsWith(`/${member}`));
  if (hits.length !== 1) {
    throw bad(label, `expected exactly one member named ${JSON.stringify(member)}; found ${hits.length} among ${JSON.stringify(all.map((m) => m.name).slice(0, 20))}`);
  }
  const m = hits[0]!;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lo = m.localOffset;
  if (lo + 30 > buf.length || dv.getUint32(lo, true) !== 0x04034b50) throw bad(label, `local header of ${m.name} is damaged`);
  const start = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
  if (start + m.compressedSize > buf.length) throw bad(label, `${m.name} is truncated`);
  const raw = buf.subarray(start, start + m.compressedSize);
  let data: Uint8Array;
  if (m.method === 0) data = raw;
  else if (m.method === 8) {
    try {
      data = zlib.inflateRawSync(raw);
    } catch (e) {
      throw bad(label, `${m.name} does not inflate: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else throw bad(label, `${m.name} uses compression method ${m.method}; only stored (0) and deflate (8) are supported`);
  if (data.length !== m.size) throw bad(label, `${m.name} inflates to ${data.length} bytes; the directory says ${m.size}`);
  const c = crc32(data);
  if (c !== m.crc) throw bad(label, `${m.name} CRC-32 is ${c.toString(16)}; the directory says ${m.crc.toString(16)}`);
  return data;
}
