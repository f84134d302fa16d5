// PCK / PDJ per-instance kernels (filled by the PCK work).
export {};
