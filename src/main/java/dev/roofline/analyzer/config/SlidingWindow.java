package dev.roofline.analyzer.config;

import java.util.Objects;

/**
 * The sliding-window layers of a model: each attends to the last {@code window} tokens (itself
 * included, so it keeps {@code window − 1} past tokens); {@code layers} of the model's layers do,
 * those of {@code where}; the others attend to every token. {@link #NONE}: no layer slides.
 */
public record SlidingWindow(long window, long layers, Layers where) {

  public static final SlidingWindow NONE = new SlidingWindow(0, 0, Layers.NONE);

  public SlidingWindow {
    Objects.requireNonNull(where, "where");
    if (window < 0 || layers < 0 || (layers > 0 && window == 0)) {
      throw new IllegalArgumentException("bad sliding window " + window + " over " + layers + " layers");
    }
  }

  /** Which layers slide when the config has no {@code layer_types} list (transformers' rules). */
  enum Rule {
    /** mistral, mixtral: every layer, whenever {@code sliding_window} is set. */
    EVERY_LAYER,
    /** qwen2, qwen3: with {@code use_sliding_window}, layer i iff i ≥ {@code max_window_layers}. */
    FROM_MAX_WINDOW_LAYERS,
    /** qwen2_moe: with {@code use_sliding_window}, layer i iff i is even and i < {@code max_window_layers}. */
    EVEN_BELOW_MAX_WINDOW_LAYERS,
    /** qwen3_moe: with {@code use_sliding_window}, every layer. */
    EVERY_LAYER_IF_USED;

    /** The sliding layers by this rule, reading the keys it depends on. */
    Layers slidingLayers(JsonFields f) {
      if (this == EVERY_LAYER) {
        return Layers.ALL;
      }
      boolean used = f.bool("use_sliding_window", false);
      long maxWindowLayers = f.nonNegativeInt("max_window_layers", 28);
      if (!used) {
        return Layers.NONE;
      }
      if (this == FROM_MAX_WINDOW_LAYERS) {
        return new Layers.From(maxWindowLayers);
      }
      if (this == EVEN_BELOW_MAX_WINDOW_LAYERS) {
        return new Layers.EvenBelow(maxWindowLayers);
      }
      return Layers.ALL;
    }
  }

  /**
   * The sliding layers of a model of {@code layers} layers: {@code sliding_window} ({@code
   * defaultWindow} when absent, 0 standing for null; null: no layer slides), then an explicit
   * {@code layer_types} list, or else the family's {@code rule}.
   */
  static SlidingWindow read(JsonFields f, long layers, long defaultWindow, Rule rule) {
    long window = f.positiveIntOrNull("sliding_window", defaultWindow, 0);
    Layers byRule = rule.slidingLayers(f);
    Layers listed = f.slidingLayerTypes("layer_types", layers);
    if (listed != null && listed.count(0, layers) > 0 && window == 0) {
      throw f.brokenRule("'layer_types' has sliding_attention layers but 'sliding_window' is null");
    }
    Layers sliding = listed != null ? listed : window == 0 ? Layers.NONE : byRule;
    long count = sliding.count(0, layers);
    return count == 0 ? NONE : new SlidingWindow(window, count, sliding);
  }
}
