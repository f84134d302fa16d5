;; posekit decode kernel: batched first-index argmax over float32 rows, WebAssembly SIMD128.
;;
;; Semantics are exactly those of `scanChannel` (packages/core/src/decode/internal.ts): for each row the
;; index of the FIRST element equal to the row maximum (numpy argmax), or -1 when the row holds NaN or
;; +-Infinity. The maximum itself is read back by the caller from the data at that index (so -0 / +0 and
;; the float32 value come out exactly as the scalar scan reports them).
;;
;; Regenerate the committed bytes (src/wasm/argmax-bytes.ts) with `npx tsx packages/core/scripts/build-wasm.ts`.
(module
  ;; Pages 0..4 are reserved by the JS side: page 0 holds the per-row results, pages 1..4 the staging area
  ;; used to scan data that lives outside this memory. Decode buffers are allocated from page 5 up.
  (memory (export "memory") 5)

  ;; Receives the touch-ahead loads (see $scan) so that no engine can drop them as dead.
  (global $sink (mut i32) (i32.const 0))

  ;; Scan one row of `len` (>= 1) floats at byte address `base`; returns the first argmax or -1.
  ;;
  ;; One pass over the row in superblocks of 256 floats: per lane, the running maximum ($m) and the start
  ;; address of the superblock where that lane first reached it ($bi, updated only on a strict increase).
  ;; The first superblock holding the row maximum G is the smallest $bi among lanes whose maximum is G;
  ;; only that superblock (1 KB, in L1) is scanned again for the first element equal to G.
  ;; Non-finite check: lane sums ($sum) are finite iff every value is, except that finite values near
  ;; float32 max can overflow the sum; the caller re-checks a -1 with the exact JS scan, so such data cost
  ;; time, not correctness.
  (func $scan (param $base i32) (param $len i32) (param $lim i32) (result i32)
    (local $p i32) (local $end i32) (local $e16 i32) (local $e4 i32) (local $sb i32) (local $sbEnd i32)
    (local $ta i32) (local $acc i32)
    (local $m v128) (local $bi v128) (local $s0 v128) (local $sum v128)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $g f32) (local $t f32) (local $x f32)
    (local.set $p (local.get $base))
    (local.set $end (i32.add (local.get $base) (i32.shl (local.get $len) (i32.const 2))))
    (local.set $e16 (i32.add (local.get $base) (i32.shl (i32.and (local.get $len) (i32.const -16)) (i32.const 2))))
    (local.set $e4 (i32.add (local.get $base) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 2))))
    (local.set $m (v128.const f32x4 -inf -inf -inf -inf))
    (block $outSb
      (loop $lSb
        (br_if $outSb (i32.ge_u (local.get $p) (local.get $e4)))
        (local.set $sb (local.get $p))
        (local.set $sbEnd (i32.add (local.get $p) (i32.const 1024)))
        (if (i32.gt_u (local.get $sbEnd) (local.get $e16)) (then (local.set $sbEnd (local.get $e16))))
        (local.set $s0 (v128.const f32x4 -inf -inf -inf -inf))
        ;; pmax is a single maxps; its NaN handling does not matter (see the sum check).
        (block $out16
          (loop $l16
            (br_if $out16 (i32.ge_u (local.get $p) (local.get $sbEnd)))
            ;; Touch the line 2 KB ahead (clamped to $lim, the batch's last float): starts the L3 / DRAM
            ;; fetch (and the page walk across 4 KB boundaries, where hardware prefetchers stop) early;
            ;; 3-8 % faster in A/B runs on data that do not fit L2. wasm has no prefetch instruction.
            (local.set $ta (i32.add (local.get $p) (i32.const 2048)))
            (local.set $acc (i32.xor (local.get $acc)
              (i32.load (select (local.get $ta) (local.get $lim) (i32.lt_u (local.get $ta) (local.get $lim))))))
            (local.set $a (v128.load (local.get $p)))
            (local.set $b (v128.load offset=16 (local.get $p)))
            (local.set $c (v128.load offset=32 (local.get $p)))
            (local.set $d (v128.load offset=48 (local.get $p)))
            (local.set $sum
              (f32x4.add (local.get $sum)
                (f32x4.add (f32x4.add (local.get $a) (local.get $b)) (f32x4.add (local.get $c) (local.get $d)))))
            ;; A tree, so each loop-carried chain ($s0, $sum) has one op of latency per iteration.
            (local.set $s0
              (f32x4.pmax (local.get $s0)
                (f32x4.pmax (f32x4.pmax (local.get $a) (local.get $b)) (f32x4.pmax (local.get $c) (local.get $d)))))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (br $l16)))
        ;; The last superblock also takes the 1..3 vectors after the last 16-float group.
        (if (i32.ge_u (local.get $p) (local.get $e16))
          (then
            (block $out4
              (loop $l4
                (br_if $out4 (i32.ge_u (local.get $p) (local.get $e4)))
                (local.set $a (v128.load (local.get $p)))
                (local.set $sum (f32x4.add (local.get $sum) (local.get $a)))
                (local.set $s0 (f32x4.pmax (local.get $s0) (local.get $a)))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $l4)))))
        (local.set $c (f32x4.gt (local.get $s0) (local.get $m)))
        (local.set $m (f32x4.pmax (local.get $m) (local.get $s0)))
        (local.set $bi (v128.bitselect (i32x4.splat (local.get $sb)) (local.get $bi) (local.get $c)))
        (br $lSb)))
    (global.set $sink (local.get $acc))
    (local.set $g
      (f32.max
        (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
        (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
    ;; Scalar tail (len % 4 elements).
    (local.set $t (f32.const -inf))
    (block $out1
      (loop $l1
        (br_if $out1 (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f32.load (local.get $p)))
        (if (f32.ne (f32.sub (local.get $x) (local.get $x)) (f32.const 0)) (then (return (i32.const -1))))
        (local.set $t (f32.max (local.get $t) (local.get $x)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $l1)))
    (if (v128.any_true (f32x4.sub (local.get $sum) (local.get $sum))) (then (return (i32.const -1))))
    ;; Where to look for the first element equal to the maximum: the first superblock holding it, or the
    ;; scalar tail when the maximum is only there.
    (if (f32.ge (local.get $g) (local.get $t))
      (then
        (local.set $a
          (v128.bitselect (local.get $bi) (v128.const i32x4 -1 -1 -1 -1)
            (f32x4.eq (local.get $m) (f32x4.splat (local.get $g)))))
        (local.set $a (i32x4.min_u (local.get $a)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a))))
        (local.set $a (i32x4.min_u (local.get $a)
          (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $a) (local.get $a))))
        (local.set $p (i32x4.extract_lane 0 (local.get $a))))
      (else
        (local.set $g (local.get $t))
        (local.set $p (local.get $e4))))
    ;; $g is one of the row's values at or after $p, so the scalar loop always stops inside the row.
    (local.set $a (f32x4.splat (local.get $g)))
    (block $found16
      (loop $s16
        (br_if $found16 (i32.ge_u (local.get $p) (local.get $e16)))
        (br_if $found16
          (v128.any_true
            (v128.or
              (v128.or (f32x4.eq (v128.load (local.get $p)) (local.get $a))
                       (f32x4.eq (v128.load offset=16 (local.get $p)) (local.get $a)))
              (v128.or (f32x4.eq (v128.load offset=32 (local.get $p)) (local.get $a))
                       (f32x4.eq (v128.load offset=48 (local.get $p)) (local.get $a))))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $s16)))
    (block $found1
      (loop $s1
        (br_if $found1 (f32.eq (f32.load (local.get $p)) (local.get $g)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $s1)))
    (i32.shr_u (i32.sub (local.get $p) (local.get $base)) (i32.const 2)))

  ;; `rows` consecutive rows of `len` floats from byte address `base`; the i32 result of row r goes to
  ;; byte address `out + 4 r`.
  (func (export "argmaxRows") (param $base i32) (param $rows i32) (param $len i32) (param $out i32)
    (local $stride i32) (local $lim i32)
    (local.set $stride (i32.shl (local.get $len) (i32.const 2)))
    (local.set $lim (i32.sub (i32.add (local.get $base) (i32.mul (local.get $rows) (local.get $stride))) (i32.const 4)))
    (block $done
      (loop $rows
        (br_if $done (i32.eqz (local.get $rows)))
        (i32.store (local.get $out) (call $scan (local.get $base) (local.get $len) (local.get $lim)))
        (local.set $base (i32.add (local.get $base) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $rows)))))
