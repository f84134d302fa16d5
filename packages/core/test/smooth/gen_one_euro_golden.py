"""Regenerate one-euro-golden.json: the 1-euro filter reference outputs for packages/core/test/smooth.

Usage: python3 gen_one_euro_golden.py   (plain Python 3, no numpy)

The filter below restates, operation for operation, the reference implementation
casiez/OneEuroFilter @ 32a58a93a6c479e430e349895807ec6f7ab8b3d2, python/OneEuroFilter/OneEuroFilter.py
(classes LowPassFilter and OneEuroFilter; Casiez, Roussel & Vogel, CHI 2012). Kept as the reference does it:
- alpha(cutoff) = 1 / (1 + tau / te), te = 1 / freq, tau = 1 / (2 * pi * cutoff);
- freq is replaced by 1 / (t - lasttime) only when both are truthy and t > lasttime, and lasttime is set to t
  on every call (so a repeated or earlier timestamp keeps the previous freq);
- dx = 0 on the first sample, else (x - last filtered x) * freq; edx = lowpass(dx, alpha(dcutoff));
  cutoff = mincutoff + beta * |edx|; result = lowpass(x, alpha(cutoff));
- lowpass(v) = v on its first call, else alpha * v + (1 - alpha) * previous output.
The signals never use the timestamp 0 (the reference's truthiness test treats 0 as "no timestamp"; posekit
treats it as a time, see createOneEuroFilter) and never call reset() (the reference's reset keeps the last
filtered value; posekit's gives a fresh filter).
"""
import json
import math
import os


class RefLowPass:
    def __init__(self, alpha):
        self.set_alpha(alpha)
        self.y = None
        self.s = None

    def set_alpha(self, alpha):
        alpha = float(alpha)
        if alpha <= 0 or alpha > 1.0:
            raise ValueError('alpha (%s) should be in (0.0, 1.0]' % alpha)
        self.alpha = alpha

    def __call__(self, value, alpha=None):
        if alpha is not None:
            self.set_alpha(alpha)
        if self.y is None:
            s = value
        else:
            s = self.alpha * value + (1.0 - self.alpha) * self.s
        self.y = value
        self.s = s
        return s

    def last_filtered(self):
        return self.s


class RefOneEuro:
    def __init__(self, freq, mincutoff=1.0, beta=0.0, dcutoff=1.0):
        if freq <= 0 or mincutoff <= 0 or dcutoff <= 0:
            raise ValueError('freq, mincutoff and dcutoff should be > 0')
        self.freq = float(freq)
        self.mincutoff = float(mincutoff)
        self.beta = float(beta)
        self.dcutoff = float(dcutoff)
        self.x = RefLowPass(self.alpha(self.mincutoff))
        self.dx = RefLowPass(self.alpha(self.dcutoff))
        self.lasttime = None

    def alpha(self, cutoff):
        te = 1.0 / self.freq
        tau = 1.0 / (2 * math.pi * cutoff)
        return 1.0 / (1.0 + tau / te)

    def __call__(self, x, timestamp=None):
        if self.lasttime and timestamp and timestamp > self.lasttime:
            self.freq = 1.0 / (timestamp - self.lasttime)
        self.lasttime = timestamp
        prev_x = self.x.last_filtered()
        dx = 0.0 if prev_x is None else (x - prev_x) * self.freq
        edx = self.dx(dx, alpha=self.alpha(self.dcutoff))
        cutoff = self.mincutoff + self.beta * math.fabs(edx)
        return self.x(x, alpha=self.alpha(cutoff))


class Lcg:
    """Deterministic uniform [0, 1) numbers (64-bit LCG, Knuth MMIX constants), so no numpy/random seed drift."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (6364136223846793005 * self.state + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 11) / float(1 << 53)


def timestamps(rng, n, t0, events=()):
    """Irregular timestamps (dt in [1/90, 1/20] s) from t0; `events` = {index: 'repeat' | 'back'}."""
    ts = [t0]
    ev = dict(events)
    for i in range(1, n):
        kind = ev.get(i)
        if kind == 'repeat':
            ts.append(ts[-1])
        elif kind == 'back':
            ts.append(ts[-1] - 0.013)
        else:
            ts.append(ts[-1] + 1.0 / 90.0 + rng.next() * (1.0 / 20.0 - 1.0 / 90.0))
    return ts


def signals(rng, ts):
    """Three channels: noisy sine (pixels), noisy ramp with a step, noisy constant."""
    a, b, c = [], [], []
    for i, t in enumerate(ts):
        a.append(320.0 + 40.0 * math.sin(2 * math.pi * 0.7 * t) + 3.0 * (rng.next() - 0.5))
        b.append(100.0 + 25.0 * t + (60.0 if i >= len(ts) // 2 else 0.0) + 2.0 * (rng.next() - 0.5))
        c.append(-12.5 + 0.8 * (rng.next() - 0.5))
    return [a, b, c]


CASES = [
    # name, params (reference names), n, t0, seed, dt <= 0 events
    ('defaults', dict(freq=30.0, mincutoff=1.0, beta=0.0, dcutoff=1.0), 120, 0.25, 1, ()),
    ('beta_0.05', dict(freq=30.0, mincutoff=1.7, beta=0.05, dcutoff=1.3), 120, 3.5, 2, ()),
    ('beta_4_fast', dict(freq=60.0, mincutoff=0.3, beta=4.0, dcutoff=2.5), 150, 12.125, 3, ()),
    ('readme_params_dt_nonpositive', dict(freq=120.0, mincutoff=1.0, beta=0.1, dcutoff=1.0), 120, 1.0, 4,
     ((1, 'repeat'), (40, 'repeat'), (41, 'back'), (80, 'back'))),
    ('low_cutoff_high_dcutoff', dict(freq=25.0, mincutoff=0.05, beta=0.8, dcutoff=8.0), 100, 0.001, 5, ((2, 'back'),)),
]

out = {
    'source': 'casiez/OneEuroFilter @ 32a58a93a6c479e430e349895807ec6f7ab8b3d2, python/OneEuroFilter/OneEuroFilter.py '
              '(restated operation for operation in packages/core/test/smooth/gen_one_euro_golden.py)',
    'generator': 'packages/core/test/smooth/gen_one_euro_golden.py',
    'cases': [],
}
for name, params, n, t0, seed, events in CASES:
    rng = Lcg(seed)
    ts = timestamps(rng, n, t0, events)
    chans = signals(rng, ts)
    outs = []
    for ch in chans:
        f = RefOneEuro(**params)
        outs.append([f(x, t) for x, t in zip(ch, ts)])
    out['cases'].append({
        'name': name,
        'params': params,
        'timestamps': ts,
        'values': chans,
        'filtered': outs,
    })

for case in out['cases']:
    assert 0.0 not in case['timestamps'], 'the reference treats t = 0 as "no timestamp"; keep it out'
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'one-euro-golden.json'), 'w') as fh:
    json.dump(out, fh)
    fh.write('\n')
