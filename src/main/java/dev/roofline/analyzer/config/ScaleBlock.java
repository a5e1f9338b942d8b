package dev.roofline.analyzer.config;

import java.math.BigInteger;

/**
 * The block of an {@code [N, K]} weight that shares one scale: {@code rows} outputs by {@code
 * cols} inputs, 0 meaning the whole dimension. Per tensor is (0, 0), per channel (1, 0), group
 * size g (1, g), a {@code [bn, bk]} block (bn, bk).
 */
public record ScaleBlock(long rows, long cols) {

  public static final ScaleBlock TENSOR = new ScaleBlock(0, 0);
  public static final ScaleBlock CHANNEL = new ScaleBlock(1, 0);

  public ScaleBlock {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("block sides must not be negative");
    }
  }

  public static ScaleBlock group(long size) {
    return new ScaleBlock(1, size);
  }

  /** Rows of the scale grid: ⌈N/rows⌉, or 1 for the whole dimension. */
  public BigInteger scaleRows(BigInteger n) {
    return rows == 0 ? BigInteger.ONE : Bytes.ceilDiv(n, rows);
  }

  /** Columns of the scale grid: ⌈K/cols⌉, or 1 for the whole dimension. */
  public BigInteger scaleCols(BigInteger k) {
    return cols == 0 ? BigInteger.ONE : Bytes.ceilDiv(k, cols);
  }

  /** Scales of one {@code [N, K]} weight. */
  public BigInteger count(BigInteger n, BigInteger k) {
    return scaleRows(n).multiply(scaleCols(k));
  }
}
