package dev.roofline.analyzer.config;

/**
 * The sliding-window layers of a model: each attends to the last {@code window} tokens (itself
 * included, so it keeps {@code window − 1} past tokens); {@code layers} of the model's layers do,
 * those of {@code where}; the others attend to every token. {@link #NONE}: no layer slides.
 */
public record SlidingWindow(long window, long layers, Layers where) {

  public static final SlidingWindow NONE = new SlidingWindow(0, 0, Layers.NONE);

  public SlidingWindow {
    java.util.Objects.requireNonNull(where, "where");
    if (window < 0 || layers < 0 || (layers > 0 && window == 0)) {
      throw new IllegalArgumentException("bad sliding window " + window + " over " + layers + " layers");
    }
  }

  /**
   * The switch of the qwen families' window: {@code max_window_layers} (≥ 0; 28 when absent) when
   * {@code use_sliding_window} is true, else -1 (no layer slides by their rules). Both keys are
   * read, and checked, either way.
   */
  static long qwenMaxWindowLayers(JsonFields f) {
    boolean used = f.bool("use_sliding_window", false);
    long maxWindowLayers = f.nonNegativeInt("max_window_layers", 28);
    return used ? maxWindowLayers : -1;
  }

  /**
   * The sliding layers of a model of {@code layers} layers: {@code sliding_window} ({@code
   * defaultWindow} when absent, 0 standing for null; null: no layer slides), then an explicit
   * {@code layer_types} list, or else the {@code byRule} layers that the family's rule makes
   * slide (its record works them out from its own keys).
   */
  static SlidingWindow read(JsonFields f, long layers, long defaultWindow, Layers byRule) {
    long window = f.positiveIntOrNull("sliding_window", defaultWindow, 0);
    Layers listed = f.layerTypes("layer_types", layers, "sliding_attention");
    if (listed != null && listed.count(0, layers) > 0 && window == 0) {
      throw f.brokenRule("'layer_types' has sliding_attention layers but 'sliding_window' is null");
    }
    Layers sliding = listed != null ? listed : window == 0 ? Layers.NONE : byRule;
    long count = sliding.count(0, layers);
    return count == 0 ? NONE : new SlidingWindow(window, count, sliding);
  }
}
