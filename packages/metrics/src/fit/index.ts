// Fitting the parametric pose-NMS to data (filled by the NMS work).
export {};
