package dev.roofline.analyzer.config;

/** A feed-forward activation function and the FLOPs it costs per element. */
public enum Activation {
  /** x·sigmoid(x): negate, exp, add, divide (vLLM's kernel). */
  SILU("silu", 4),
  /**
   * 0.5·x·(1 + tanh(x·(c₁ + c₂·x²))) with the constants folded: x², a multiply-add, a multiply,
   * tanh, an add and two multiplies (tanh one FLOP, as exp is inside silu's 4).
   */
  GELU_PYTORCH_TANH("gelu_pytorch_tanh", 8),
  /**
   * gpt-oss's clamped SwiGLU, whatever {@code hidden_act} says: clamp of the gate (1),
   * g·sigmoid(1.702·g) (4), clamp of the up value (2), its + 1 (1); the product with it is the
   * activation multiply's own. No config names it.
   */
  CLAMPED_SWIGLU(null, 8);

  private final String configName;
  private final int flopsPerElement;

  Activation(String configName, int flopsPerElement) {
    this.configName = configName;
    this.flopsPerElement = flopsPerElement;
  }

  public String configName() {
    return configName;
  }

  public int flopsPerElement() {
    return flopsPerElement;
  }

  /** The activation named {@code name} in a config ({@code hidden_act}, {@code hidden_activation}). */
  public static Activation of(String name) {
    for (Activation a : values()) {
      if (name.equals(a.configName)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unsupported activation '" + JsonFields.excerpt(name) + "' (known: silu, gelu_pytorch_tanh)");
  }
}
