;; Dot products of one query with many stored vectors, four lanes at a time (WebAssembly SIMD).
;; Vectors are float32, `dim` of them per row, `dim` a multiple of 4 (rows are zero-padded to it).
;; `npm run wasm` assembles it into dot-products.wasm, which is what runs; packages/ml/test/wasm-files.test.ts
;; fails when the two differ.
(module
  (memory (export "memory") 1)
  ;; out[i] = sum over d of query[d] * vectors[i * dim + d], for i < count; all addresses in bytes.
  (func (export "dots") (param $query i32) (param $vectors i32) (param $count i32) (param $dim i32) (param $out i32)
    (local $rowBytes i32) (local $row i32) (local $end i32) (local $d i32) (local $sum v128)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $row (local.get $vectors))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $d (i32.const 0))
        (block $lanesDone
          (loop $lanes
            (br_if $lanesDone (i32.ge_u (local.get $d) (local.get $rowBytes)))
            (local.set $sum
              (f32x4.add (local.get $sum)
                (f32x4.mul
                  (v128.load (i32.add (local.get $query) (local.get $d)))
                  (v128.load (i32.add (local.get $row) (local.get $d))))))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $lanes)))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sum)) (f32x4.extract_lane 1 (local.get $sum)))
            (f32.add (f32x4.extract_lane 2 (local.get $sum)) (f32x4.extract_lane 3 (local.get $sum)))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $rows)))))
