/** Small hand-made COCO sets for the tests. */
export const K = 17;

/** A person's keypoints: 17 points on a grid inside the box, v = 2 (or `v` for all). */
export function personKps(x: number, y: number, w: number, h: number, v = 2): number[] {
  const out: number[] = [];
  for (let i = 0; i < K; i++) out.push(x + ((i % 4) + 0.5) * (w / 4), y + (Math.floor(i / 4) + 0.5) * (h / 5), v);
  return out;
}

/** Shift every (x, y) by (dx, dy) and set the third value to `s`. */
export function shifted(kps: number[], dx: number, dy: number, s = 1): number[] {
  return kps.map((v, i) => (i % 3 === 0 ? v + dx : i % 3 === 1 ? v + dy : s));
}

export interface Ann {
  id: number;
  image_id: number;
  category_id?: number;
  iscrowd?: number;
  keypoints: number[];
  num_keypoints?: number;
  area: number;
  bbox: number[];
}

/** A GT dict for `images` image ids and the given annotations (category 1 = person unless given). */
export function gtDict(images: number[], anns: Ann[], cats: number[] = [1]): Record<string, unknown> {
  return {
    images: images.map((id) => ({ id, width: 640, height: 480 })),
    annotations: anns.map((a) => ({
      category_id: 1,
      iscrowd: 0,
      num_keypoints: a.keypoints.filter((_v, i) => i % 3 === 2 && a.keypoints[i]! > 0).length,
      ...a,
    })),
    categories: cats.map((id) => ({ id, name: id === 1 ? 'person' : `cat${id}`, keypoints: Array.from({ length: K }, (_v, i) => `kp${i}`) })),
  };
}

/** A GT annotation for a person box. */
export function person(id: number, imageId: number, x: number, y: number, w: number, h: number, extra: Partial<Ann> = {}): Ann {
  return { id, image_id: imageId, keypoints: personKps(x, y, w, h), area: w * h, bbox: [x, y, w, h], ...extra };
}
