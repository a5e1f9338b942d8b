package dev.roofline.analyzer.config;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The element type of a tensor that is not a quantized weight: the KV cache, the inputs of a
 * projection, or a weight kept at the config's dtype. {@code bits} may be 4 (fp4 activations), so
 * byte counts round up per tensor.
 */
public record ElementType(String name, int bits) {

  public static final ElementType FLOAT32 = new ElementType("float32", 32);
  public static final ElementType BFLOAT16 = new ElementType("bfloat16", 16);
  public static final ElementType FLOAT16 = new ElementType("float16", 16);
  public static final ElementType FP8 = new ElementType("fp8", 8);
  public static final ElementType INT8 = new ElementType("int8", 8);
  public static final ElementType FP4 = new ElementType("fp4", 4);

  private static final String KV_TYPES = "float32, bfloat16, float16, fp8 (float8_e4m3fn), int8";

  public ElementType {
    if (bits <= 0) {
      throw new IllegalArgumentException("bits must be positive: " + bits);
    }
  }

  /** The config's dtype as an element type; PyTorch's aliases take their canonical name. */
  public static ElementType of(DType dtype) {
    return switch (dtype.name()) {
      case "float32", "float" -> FLOAT32;
      case "bfloat16" -> BFLOAT16;
      case "float16", "half" -> FLOAT16;
      case "float8_e4m3fn" -> FP8;
      case "int8" -> INT8;
      case "float64", "double" -> new ElementType("float64", 64);
      default -> new ElementType(dtype.name(), dtype.bytes() * 8);
    };
  }

  /**
   * A KV cache type as a user names it, in any case.
   *
   * @throws PrecisionOptionException naming the value and the known ones
   */
  public static ElementType parseKv(String value) {
    ElementType t = common(value);
    if (t == null) {
      throw new PrecisionOptionException(
          PrecisionOptionException.Part.KV,
          "unknown KV cache type '" + value + "' (known: " + KV_TYPES + ")");
    }
    return t;
  }

  /**
   * An activation type (the inputs of quantized projections) as a user names it, in any case.
   *
   * @throws PrecisionOptionException naming the value and the known ones
   */
  public static ElementType parseActivation(String value) {
    ElementType t = "fp4".equals(value.toLowerCase(Locale.ROOT)) ? FP4 : common(value);
    if (t == null) {
      throw new PrecisionOptionException(
          PrecisionOptionException.Part.ACTIVATIONS,
          "unknown activation type '" + value + "' (known: " + KV_TYPES + ", fp4)");
    }
    return t;
  }

  private static ElementType common(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "float32" -> FLOAT32;
      case "bfloat16" -> BFLOAT16;
      case "float16" -> FLOAT16;
      case "fp8", "float8_e4m3fn" -> FP8;
      case "int8" -> INT8;
      default -> null;
    };
  }

  // Written out rather than generated: a record's generated equals and hashCode are bootstrapped
  // through method handles on first use, which costs a short-lived process milliseconds.
  @Override
  public boolean equals(Object o) {
    return o instanceof ElementType other && bits == other.bits && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + bits;
  }

  /** Bytes of a tensor of {@code elements} elements: ⌈elements·bits/8⌉. */
  public BigInteger bytes(BigInteger elements) {
    return Bytes.ceilDiv(elements.multiply(BigInteger.valueOf(bits)), 8);
  }

  public BigInteger bytes(long elements) {
    return bytes(BigInteger.valueOf(elements));
  }

  /**
   * The device catalog's peak column for computing at this type ({@code fp32}, {@code bf16},
   * {@code fp16}, {@code fp8}, {@code int8}, {@code fp4}); empty for a type no column holds.
   */
  public Optional<String> peakColumn() {
    String column =
        switch (name) {
          case "float32" -> "fp32";
          case "bfloat16" -> "bf16";
          case "float16" -> "fp16";
          case "fp8", "float8_e5m2" -> "fp8";
          case "int8", "uint8" -> "int8";
          case "fp4" -> "fp4";
          default -> null;
        };
    return Optional.ofNullable(column);
  }
}
