/**
 * Inputs of `posekit run`: the image files named on the command line (folders expanded, sorted by name) and
 * the COCO `image_id` of each (from the file name's digits, a ground-truth file's `images[].file_name`, or a
 * mapping file).
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { PosekitError } from '@posekit/core';

/** File extensions `posekit run` picks up from folders (what sharp's libvips decodes). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif'];

/** One input image. */
export interface RunImage {
  /** Path as given / found. */
  path: string;
  /** Whether it came from a folder (folders get a progress bar). */
  fromFolder: boolean;
}

/**
 * Expand the positional arguments: a file is taken as it is (whatever its extension), a folder contributes its
 * image files (by extension, not recursive, sorted by name).
 *
 * @throws PosekitError `E_FILE_NOT_FOUND` for a missing path, `E_EMPTY` for a folder without images
 */
export function listImages(args: readonly string[]): RunImage[] {
  const out: RunImage[] = [];
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      throw new PosekitError('E_FILE_NOT_FOUND', `image or folder not found: ${a}`, { file: a });
    }
    if (st.isDirectory()) {
      const names = readdirSync(a)
        .filter((n) => IMAGE_EXTENSIONS.includes(extname(n).toLowerCase()))
        .sort();
      const files = names.filter((n) => statSync(join(a, n)).isFile());
      if (files.length === 0) {
        throw new PosekitError('E_EMPTY', `folder ${a} holds no images (looked for ${IMAGE_EXTENSIONS.join(' ')})`, { file: a, expected: IMAGE_EXTENSIONS });
      }
      for (const n of files) out.push({ path: join(a, n), fromFolder: true });
    } else {
      out.push({ path: a, fromFolder: false });
    }
  }
  return out;
}

/** Maps an image path to its COCO `image_id`. */
export type ImageIdResolver = (path: string) => number;

/**
 * The image id in a file name: the last run of digits in the name without its extension, so
 * `000000000785.jpg` -> 785 and `COCO_val2014_000000000042.jpg` -> 42.
 *
 * @throws PosekitError `E_ARGUMENT` when the name holds no digits
 */
export function imageIdFromFileName(path: string): number {
  const stem = basename(path, extname(path));
  const runs = stem.match(/\d+/g);
  if (!runs) {
    throw new PosekitError('E_ARGUMENT', `cannot derive an image_id from the file name ${JSON.stringify(basename(path))} (it has no digits); use --image-ids <gt.json> or --image-id-map <map.json>`, {
      expected: 'a file name with digits, e.g. 000000000785.jpg',
      received: basename(path),
    });
  }
  const id = Number(runs[runs.length - 1]);
  if (!Number.isSafeInteger(id)) throw new PosekitError('E_RANGE', `image_id from ${JSON.stringify(basename(path))} is too large: ${runs[runs.length - 1]}`, { received: runs[runs.length - 1] });
  return id;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new PosekitError('E_FILE_NOT_FOUND', `${what} not found: ${path}`, { file: path });
    throw new PosekitError('E_IO', `cannot read ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`, { file: path });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PosekitError('E_PARSE', `${path}: malformed JSON: ${e instanceof Error ? e.message : String(e)}`, { file: path });
  }
}

/**
 * Ids from a COCO ground-truth file: each `images[]` entry's `file_name` (matched by base name) gives its `id`.
 *
 * @throws PosekitError `E_FIELD` (no `images` array, entries without `file_name` / integer `id`),
 *   `E_DUPLICATE_ID` (a base name listed twice); the resolver throws `E_UNKNOWN_ID` for a file not listed
 */
export function imageIdsFromGroundTruth(gtPath: string): ImageIdResolver {
  const gt = readJson(gtPath, 'ground-truth file');
  const images = typeof gt === 'object' && gt !== null ? (gt as { images?: unknown }).images : undefined;
  if (!Array.isArray(images)) {
    throw new PosekitError('E_FIELD', `${gtPath}: expected a COCO file with an "images" array; received ${gt === null ? 'null' : Array.isArray(gt) ? 'an array' : typeof gt}`, { file: gtPath, field: 'images' });
  }
  const byName = new Map<string, number>();
  images.forEach((im: unknown, i) => {
    const o = im as { file_name?: unknown; id?: unknown };
    if (typeof o?.file_name !== 'string' || typeof o.id !== 'number' || !Number.isInteger(o.id)) {
      throw new PosekitError('E_FIELD', `${gtPath}: images[${i}] needs a string file_name and an integer id; received ${JSON.stringify(im)?.slice(0, 120)}`, { file: gtPath, field: `images[${i}]` });
    }
    const key = basename(o.file_name);
    if (byName.has(key)) throw new PosekitError('E_DUPLICATE_ID', `${gtPath}: file_name ${JSON.stringify(key)} is listed twice (ids ${byName.get(key)} and ${o.id})`, { file: gtPath });
    byName.set(key, o.id);
  });
  return (path) => {
    const id = byName.get(basename(path));
    if (id === undefined) {
      throw new PosekitError('E_UNKNOWN_ID', `${basename(path)} is not among the images of ${gtPath} (${byName.size} images); its results could not be evaluated against it`, {
        file: path,
        expected: [...byName.keys()].slice(0, 10),
        received: basename(path),
      });
    }
    return id;
  };
}

/**
 * Ids from a mapping file `{ "<file name or path>": id, ... }`: a key matches the path as given, its absolute
 * path, or its base name.
 *
 * @throws PosekitError `E_FIELD` for a non-object or non-integer ids; the resolver throws `E_UNKNOWN_ID`
 */
export function imageIdsFromMap(mapPath: string): ImageIdResolver {
  const m = readJson(mapPath, 'image id map');
  if (typeof m !== 'object' || m === null || Array.isArray(m)) {
    throw new PosekitError('E_FIELD', `${mapPath}: expected an object {"file name": id, ...}; received ${m === null ? 'null' : Array.isArray(m) ? 'an array' : typeof m}`, { file: mapPath });
  }
  const map = new Map<string, number>();
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new PosekitError('E_FIELD', `${mapPath}: the id of ${JSON.stringify(k)} must be an integer; received ${JSON.stringify(v)}`, { file: mapPath, field: k });
    }
    map.set(k, v);
  }
  return (path) => {
    for (const key of [path, resolve(path), basename(path)]) {
      const id = map.get(key);
      if (id !== undefined) return id;
    }
    throw new PosekitError('E_UNKNOWN_ID', `${path} has no entry in ${mapPath} (looked up the path, its absolute path and ${JSON.stringify(basename(path))})`, {
      file: path,
      received: basename(path),
    });
  };
}

/**
 * The id of every image, checking that no two images share one.
 *
 * @throws PosekitError `E_DUPLICATE_ID` naming both files
 */
export function assignImageIds(images: readonly RunImage[], resolveId: ImageIdResolver): number[] {
  const seen = new Map<number, string>();
  return images.map((im) => {
    const id = resolveId(im.path);
    const prev = seen.get(id);
    if (prev !== undefined) {
      throw new PosekitError('E_DUPLICATE_ID', `${prev} and ${im.path} both get image_id ${id}; use --image-id-map to tell them apart`, { received: [prev, im.path] });
    }
    seen.set(id, im.path);
    return id;
  });
}
