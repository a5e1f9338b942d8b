package dev.roofline.analyzer.config;

import java.math.BigInteger;

/**
 * The precisions of one run: the format of each linear weight, the type of the inputs of each
 * projection, the KV cache type and the activation type that picks a device's peak. Modules are
 * named as in the checkpoint ({@code model.layers.3.self_attn.q_proj}, {@code
 * model.layers.3.mlp.experts.17.down_proj}, {@code model.layers.3.mlp.gate}); only projections
 * take a weight format, while routers, norms and embeddings stay at the config dtype.
 */
public final class Precision {
  private final ElementType configType;
  private final WeightFormat configFormat;
  private final QuantizationScheme scheme;
  private final WeightFormat weightOverride;
  private final ElementType activationOverride;
  private final ElementType kv;
  private final ElementType activations;
  private final String weights;
  private final PrecisionSource source;
  private final boolean ignoresQuantizationConfig;

  private Precision(
      DType dtype,
      QuantizationScheme scheme,
      PrecisionOptions options,
      boolean ignoresQuantizationConfig) {
    this.configType = ElementType.of(dtype);
    this.configFormat = WeightFormat.Unquantized.of(dtype);
    this.scheme = scheme;
    this.weightOverride = options.weights() == null ? null : options.weights().format(dtype);
    this.activationOverride = options.activations();
    this.ignoresQuantizationConfig = ignoresQuantizationConfig;
    QuantizationScheme.Group first = scheme == null ? null : scheme.first();
    if (weightOverride != null) {
      this.weights = weightOverride.name();
    } else {
      this.weights = first == null ? configType.name() : first.format().name();
    }
    if (activationOverride != null) {
      this.activations = activationOverride;
    } else {
      this.activations = first == null ? configType : first.input();
    }
    if (options.kv() != null) {
      this.kv = options.kv();
    } else {
      this.kv = scheme == null || scheme.kv() == null ? configType : scheme.kv();
    }
    if (options.any()) {
      this.source = PrecisionSource.OPTIONS;
    } else {
      this.source = scheme == null ? PrecisionSource.CONFIG : PrecisionSource.QUANTIZATION_CONFIG;
    }
  }

  /** Every tensor at {@code dtype}, as the original counts it. */
  public static Precision of(DType dtype) {
    return new Precision(dtype, null, PrecisionOptions.NONE, false);
  }

  /**
   * The precisions of a run.
   *
   * @param mode {@code --quantization}
   * @param quantizationConfig the config's {@code quantization_config} value as parsed (maps,
   *     lists, strings, {@code BigInteger}s, {@code Double}s, booleans), or null when absent
   * @param options the precisions given on the command line; each overrides what {@code
   *     quantization_config} says of its part
   * @param dtype the config's dtype
   * @param modelType the config's {@code model_type} (FP8 scale width of deepseek_v3 and kimi_k2)
   * @param origin the config's file or repo, for error messages
   * @throws UnsupportedQuantizationException in mode auto, for a {@code quant_method} not read
   * @throws ConfigException in mode auto, naming a missing or malformed key
   */
  public static Precision resolve(
      QuantizationMode mode,
      Object quantizationConfig,
      PrecisionOptions options,
      DType dtype,
      String modelType,
      String origin) {
    QuantizationScheme scheme = null;
    if (mode == QuantizationMode.AUTO && quantizationConfig != null) {
      scheme =
          QuantizationScheme.read(
              QuantFields.root(origin, quantizationConfig), dtype, modelType, origin);
    }
    boolean ignored = mode == QuantizationMode.NONE && quantizationConfig != null;
    return new Precision(dtype, scheme, options, ignored);
  }

  /** The format of the weight of {@code module}: the config dtype unless it is a projection covered. */
  public WeightFormat weightFormat(String module) {
    boolean linear = ModuleKind.of(module) == ModuleKind.LINEAR;
    return format(linear, linear ? group(module) : null);
  }

  /** Bytes of the {@code [n, k]} weight of {@code module}, scales included. */
  public BigInteger weightBytes(String module, BigInteger n, BigInteger k) {
    return weightFormat(module).bytes(n, k);
  }

  /**
   * The type of the input {@code module} reads: the activation type for a projection the
   * precisions cover, the config dtype for everything else (routers, norms, and projections a
   * {@code quantization_config} leaves out).
   */
  public ElementType inputType(String module) {
    boolean linear = ModuleKind.of(module) == ModuleKind.LINEAR;
    return input(linear, linear ? group(module) : null);
  }

  /** The weight format of a module and the type of the input it reads. */
  public record Projection(WeightFormat format, ElementType input) {}

  /**
   * {@link #weightFormat} and {@link #inputType} of {@code module} together, its name matched
   * against the {@code quantization_config}'s lists once.
   */
  public Projection projection(String module) {
    boolean linear = ModuleKind.of(module) == ModuleKind.LINEAR;
    QuantizationScheme.Group g = linear ? group(module) : null;
    return new Projection(format(linear, g), input(linear, g));
  }

  /** The group of a linear module when the {@code quantization_config} decides its weight. */
  private QuantizationScheme.Group group(String module) {
    return scheme == null || weightOverride != null ? null : scheme.groupFor(module);
  }

  private WeightFormat format(boolean linear, QuantizationScheme.Group g) {
    if (!linear) {
      return configFormat;
    }
    if (weightOverride != null) {
      return weightOverride;
    }
    return g == null ? configFormat : g.format();
  }

  private ElementType input(boolean linear, QuantizationScheme.Group g) {
    if (!linear) {
      return configType;
    }
    if (scheme == null || weightOverride != null) {
      return activations;
    }
    if (g == null) {
      return configType;
    }
    return activationOverride != null ? activationOverride : g.input();
  }

  /**
   * Whether a linear module's format or input type may depend on its full name: only when a
   * {@code quantization_config} decides the weights and one of its lists (targets, {@code
   * ignore}, {@code modules_to_not_convert}) names modules. Otherwise every projection has one
   * format and one input type, and callers need not name each module.
   */
  public boolean dependsOnModuleNames() {
    return scheme != null && weightOverride == null && scheme.namesModules();
  }

  /**
   * What matching one module name against the {@code quantization_config}'s lists costs when
   * {@link #dependsOnModuleNames} (0 otherwise): the instructions of their patterns, and one for
   * each look-up among their other entries. Matching a name takes at most about this many steps
   * per character of the name.
   */
  public long nameCost() {
    return dependsOnModuleNames() ? scheme.nameCost() : 0;
  }

  /** The config's dtype as an element type: every tensor not named here is at it. */
  public ElementType configType() {
    return configType;
  }

  /** The name of the weights' format, for outputs ({@code fp8}, {@code int4}, {@code bfloat16}). */
  public String weights() {
    return weights;
  }

  /** The KV cache's element type. */
  public ElementType kv() {
    return kv;
  }

  /** The type of the inputs of covered projections; its {@code peakColumn()} picks the device peak. */
  public ElementType activations() {
    return activations;
  }

  public PrecisionSource source() {
    return source;
  }

  /** Whether the config carries a {@code quantization_config} that mode none left unread. */
  public boolean ignoresQuantizationConfig() {
    return ignoresQuantizationConfig;
  }

  /** Whether any of the three precisions differs from the config dtype (the table names them then). */
  public boolean differsFromConfig() {
    return !weights.equals(configType.name())
        || !kv.equals(configType)
        || !activations.equals(configType);
  }
}
