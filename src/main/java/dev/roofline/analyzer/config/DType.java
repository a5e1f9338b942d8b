package dev.roofline.analyzer.config;

import java.util.Locale;

/** A PyTorch element type as named in {@code torch_dtype}/{@code dtype}, with its width in bytes. */
public record DType(String name, int bytes) {

  public DType {
    if (bytes <= 0) {
      throw new IllegalArgumentException("width must be positive: " + bytes);
    }
  }

  /** The names PyTorch documents for each width. */
  public static DType of(String name) {
    int width =
        switch (name) {
          case "uint8", "int8", "quint8", "qint8", "float8_e4m3fn", "float8_e5m2" -> 1;
          case "uint16", "int16", "short", "float16", "half", "bfloat16" -> 2;
          case "uint32", "int32", "int", "qint32", "float32", "float" -> 4;
          case "uint64", "int64", "long", "float64", "double" -> 8;
          default -> 0;
        };
    if (width == 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "unsupported data type '%s' (known: uint8 int8 quint8 qint8 float8_e4m3fn float8_e5m2,"
                  + " uint16 int16 short float16 half bfloat16, uint32 int32 int qint32 float32 float,"
                  + " uint64 int64 long float64 double)",
              JsonFields.excerpt(name)));
    }
    return new DType(name, width);
  }
}
