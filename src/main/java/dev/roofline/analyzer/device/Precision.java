package dev.roofline.analyzer.device;

/** An arithmetic precision with a peak in the device catalog: one peak column each. */
public enum Precision {
  FP32("fp32"),
  TF32("tf32"),
  BF16("bf16"),
  FP16("fp16"),
  FP8("fp8"),
  INT8("int8"),
  FP4("fp4");

  private final String column;

  Precision(String column) {
    this.column = column;
  }

  /** The catalog's column name, also the name the outputs use: {@code bf16}. */
  public String column() {
    return column;
  }

  /**
   * The precision whose peak a model of element type {@code dtype} (a PyTorch name, as in {@code
   * torch_dtype}) runs at, or null when no catalog column holds it (float64, int32, ...).
   */
  public static Precision ofDType(String dtype) {
    switch (dtype) {
      case "float32":
      case "float":
        return FP32;
      case "bfloat16":
        return BF16;
      case "float16":
      case "half":
        return FP16;
      case "float8_e4m3fn":
      case "float8_e5m2":
        return FP8;
      case "int8":
      case "uint8":
        return INT8;
      default:
        return null;
    }
  }

  /** The precision of catalog column {@code column} ({@code fp8}), or null when no column has that name. */
  public static Precision ofColumn(String column) {
    for (Precision p : values()) {
      if (p.column.equals(column)) {
        return p;
      }
    }
    return null;
  }

  /** The PyTorch element types that have a catalog column, for messages. */
  static String dtypesWithColumn() {
    return "float32 (float), bfloat16, float16 (half), float8_e4m3fn, float8_e5m2, int8, uint8";
  }
}
