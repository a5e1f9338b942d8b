package dev.roofline.analyzer.config;

/** A feed-forward activation function and the FLOPs it costs per element. */
public enum Activation {
  /** x·sigmoid(x): negate, exp, add, divide (vLLM's kernel). */
  SILU("silu", 4);

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

  /** The activation named {@code name} in {@code hidden_act}. */
  public static Activation of(String name) {
    for (Activation a : values()) {
      if (a.configName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unsupported activation '" + JsonFields.excerpt(name) + "' (known: silu)");
  }
}
