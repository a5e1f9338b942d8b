package dev.roofline.analyzer.config;

import java.util.List;

/**
 * A {@code quantization_config} whose {@code quant_method} this tool cannot count. The message
 * names the method and the supported ones; the command line layer adds how to go on without it
 * (the options that set the precisions by hand).
 */
public final class UnsupportedQuantizationException extends ConfigException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final List<String> supported;

  UnsupportedQuantizationException(String origin, String method, List<String> supported) {
    super(
        origin
            + ": unsupported quant_method '"
            + method
            + "' in 'quantization_config' (supported: "
            + String.join(", ", supported)
            + ")");
    this.method = method;
    this.supported = List.copyOf(supported);
  }

  /** The {@code quant_method} as the config spells it. */
  public String method() {
    return method;
  }

  /** The methods {@code --quantization auto} reads, sorted. */
  public List<String> supported() {
    return supported;
  }
}
