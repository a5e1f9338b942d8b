package dev.roofline.analyzer.config;

import java.util.Locale;

/**
 * A weight format a user names for every linear weight, as in the spec's table; the scale width
 * {@code s} of {@code int8} and {@code int4} is the config dtype's width, known once a config is
 * read.
 */
public enum WeightDtype {
  FLOAT32("float32"),
  BFLOAT16("bfloat16"),
  FLOAT16("float16"),
  /** FP8 with 128×128 fp32 block scales: N·K + ⌈N/128⌉·⌈K/128⌉·4. */
  FP8("fp8"),
  /** Per-channel INT8 (W8A8): N·K + N·s. */
  INT8("int8"),
  /** Group-128 INT4 with scales and 4-bit zeros: ⌈N·K/2⌉ + ⌈K/128⌉·N·s + ⌈⌈K/128⌉·N/2⌉. */
  INT4("int4"),
  /** NVFP4: ⌈N·K/2⌉ + ⌈K/16⌉·N + 4 (an fp8 scale per 16 values, one fp32 global scale). */
  FP4("fp4"),
  /** MXFP4: N·⌈K/32⌉·17 (32 e2m1 values in 16 bytes and an e8m0 scale per block). */
  MXFP4("mxfp4");

  private final String optionName;

  WeightDtype(String optionName) {
    this.optionName = optionName;
  }

  public String optionName() {
    return optionName;
  }

  /**
   * The format named {@code value}, in any case; {@code float8_e4m3fn} is an alias of {@code fp8}.
   *
   * @throws PrecisionOptionException naming the value and the known ones
   */
  public static WeightDtype parse(String value) {
    String name = value.toLowerCase(Locale.ROOT);
    if ("float8_e4m3fn".equals(name)) {
      return FP8;
    }
    for (WeightDtype d : values()) {
      if (d.optionName.equals(name)) {
        return d;
      }
    }
    throw new PrecisionOptionException(
        PrecisionOptionException.Part.WEIGHTS,
        "unknown weight format '"
            + value
            + "' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn), int8, int4, fp4, mxfp4)");
  }

  /** The format of a linear weight in a model whose config dtype is {@code dtype}. */
  public WeightFormat format(DType dtype) {
    int s = dtype.bytes();
    return switch (this) {
      case FLOAT32 -> new WeightFormat.Unquantized("float32", 4);
      case BFLOAT16 -> new WeightFormat.Unquantized("bfloat16", 2);
      case FLOAT16 -> new WeightFormat.Unquantized("float16", 2);
      case FP8 -> new WeightFormat.Scaled8Bit(
          ElementType.FP8, new ScaleBlock(128, 128), 4, false, false);
      case INT8 -> new WeightFormat.Scaled8Bit(ElementType.INT8, ScaleBlock.CHANNEL, s, false, false);
      case INT4 -> new WeightFormat.GroupedInt(4, 128, s, true, false);
      case FP4 -> new WeightFormat.Nvfp4(16, 1);
      case MXFP4 -> new WeightFormat.Mxfp4();
    };
  }
}
