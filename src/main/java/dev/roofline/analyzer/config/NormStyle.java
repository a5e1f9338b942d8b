package dev.roofline.analyzer.config;

/** Which normalisations a family's decoder layers apply, and of what kind. */
public enum NormStyle {
  /** An RMS norm before attention, before the feed-forward part and after the last layer. */
  RMS,
  /**
   * Gemma's: RMS norms before and after attention, and before and after the feed-forward part
   * (each after-norm on the sub-layer's output, before the residual add); one after the last layer.
   */
  SANDWICH,
  /** LayerNorm (with weight and bias) wherever {@link #RMS} has an RMS norm: Phi-3.5-MoE. */
  LAYER
}
