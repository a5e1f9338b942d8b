package dev.roofline.analyzer.analysis;

/** The roof that limits an operator on a device: its compute peak or its memory bandwidth. */
public enum Bound {
  COMPUTE,
  MEMORY
}
