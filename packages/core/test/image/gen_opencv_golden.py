"""Regenerate opencv-golden.json (cv2.warpAffine / cv2.resize / letterbox references for the image tests).

Usage: pip install opencv-python-headless numpy; python3 gen_opencv_golden.py
Pixels are stored as base64 of the raw uint8 HWC bytes.
"""
import base64, json
import numpy as np
import cv2

def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).decode()

rng = np.random.default_rng(0)
img = rng.integers(0, 256, size=(37, 53, 3), dtype=np.uint8)
# smooth-ish second image (gradients + noise) so interpolation differences show up in mid-range values
yy, xx = np.mgrid[0:37, 0:53]
img2 = np.stack([(xx * 4.7) % 256, (yy * 6.3 + xx) % 256, (xx * yy) % 256], -1).astype(np.uint8)
rgba = np.concatenate([img, rng.integers(0, 256, size=(37, 53, 1), dtype=np.uint8)], -1)
mats = [
    [[1.024, 0.0, 34.56], [0.0, 1.024, 5.12]],
    [[0.8868100202128978, 0.5120000116699222, -18.648602613164524], [-0.5120000116699222, 0.8868100202128978, 52.3027982746476]],
    [[2.0, 0.0, 0.5], [0.0, 2.0, -3.25]],
    [[0.37, 0.11, 5.3], [-0.2, 0.61, 1.7]],
    [[1.0, 0.0, 0.5], [0.0, 1.0, 0.0]],
    [[0.0, -1.0, 36.0], [1.0, 0.0, 0.0]],
]
out = {
    'generator': 'packages/core/test/image/gen_opencv_golden.py with OpenCV ' + cv2.__version__,
    'width': 53, 'height': 37,
    'images': {'noise_bgr': b64(img), 'smooth_bgr': b64(img2), 'noise_bgra': b64(rgba)},
    'warp': [], 'resize': [], 'letterbox': [],
}
for name, src in (('noise_bgr', img), ('smooth_bgr', img2), ('noise_bgra', rgba)):
    for M in mats:
        for bv in ((0, 114) if name != 'noise_bgra' else (114,)):
            d = cv2.warpAffine(src, np.array(M), (23, 17), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=(bv, bv, bv, bv))
            out['warp'].append({'image': name, 'M': sum(M, []), 'border': bv, 'size': [23, 17], 'data': b64(d)})
    if name == 'noise_bgra':
        continue
    for (w, h) in [(40, 28), (26, 18), (31, 50), (17, 9)]:
        out['resize'].append({'image': name, 'size': [w, h], 'data': b64(cv2.resize(src, (w, h), interpolation=cv2.INTER_LINEAR))})

def ultralytics(im, new=(64, 64)):
    h, w = im.shape[:2]
    r = min(new[0] / h, new[1] / w)
    nw, nh = int(round(w * r)), int(round(h * r))
    dw, dh = (new[1] - nw) / 2, (new[0] - nh) / 2
    if (w, h) != (nw, nh):
        im = cv2.resize(im, (nw, nh), interpolation=cv2.INTER_LINEAR)
    top, bottom = int(round(dh - 0.1)), int(round(dh + 0.1))
    left, right = int(round(dw - 0.1)), int(round(dw + 0.1))
    return cv2.copyMakeBorder(im, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(114, 114, 114)), r, left, top

def yolox(im, size=(64, 64)):
    pad = np.ones((size[0], size[1], 3), dtype=np.uint8) * 114
    r = min(size[0] / im.shape[0], size[1] / im.shape[1])
    res = cv2.resize(im, (int(im.shape[1] * r), int(im.shape[0] * r)), interpolation=cv2.INTER_LINEAR).astype(np.uint8)
    pad[: int(im.shape[0] * r), : int(im.shape[1] * r)] = res
    return pad, r

for name, src in (('noise_bgr', img), ('smooth_bgr', img2)):
    for size in ((32, 32), (24, 40), (48, 20)):
        d, r, left, top = ultralytics(src, (size[1], size[0]))
        out['letterbox'].append({'image': name, 'mode': 'center', 'size': list(size), 'scale': r, 'padX': left, 'padY': top, 'data': b64(d)})
        d, r = yolox(src, (size[1], size[0]))
        out['letterbox'].append({'image': name, 'mode': 'topleft', 'size': list(size), 'scale': r, 'padX': 0, 'padY': 0, 'data': b64(d)})
json.dump(out, open('opencv-golden.json', 'w'))
print('wrote opencv-golden.json with OpenCV', cv2.__version__)
