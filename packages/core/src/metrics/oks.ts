// COCO-style per-instance OKS kernels (filled by the metrics/COCO work).
export {};
