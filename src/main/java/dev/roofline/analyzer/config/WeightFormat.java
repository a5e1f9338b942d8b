package dev.roofline.analyzer.config;

import java.math.BigInteger;

/**
 * How one linear weight is stored: its values and the scales, zero points and indices that come
 * with them. {@link #bytes} counts every tensor the checkpoint holds for an {@code [N, K]} weight
 * ({@code N} outputs, {@code K} inputs), exactly.
 */
public sealed interface WeightFormat {

  /** Bytes of one {@code [n, k]} weight, scales included. */
  BigInteger bytes(BigInteger n, BigInteger k);

  /** The name outputs give it: a dtype's, or fp8, int8, int4, fp4, mxfp4. */
  String name();

  /** Whether the values are stored in fewer bits than an unquantized type. */
  default boolean quantized() {
    return true;
  }

  default BigInteger bytes(long n, long k) {
    return bytes(BigInteger.valueOf(n), BigInteger.valueOf(k));
  }

  /** Plain values of {@code width} bytes: N·K·w. */
  record Unquantized(String name, int width) implements WeightFormat {
    public Unquantized {
      if (width <= 0) {
        throw new IllegalArgumentException("width must be positive: " + width);
      }
    }

    /** The format of a weight kept at {@code dtype}. */
    public static Unquantized of(DType dtype) {
      return new Unquantized(ElementType.of(dtype).name(), dtype.bytes());
    }

    @Override
    public BigInteger bytes(BigInteger n, BigInteger k) {
      return n.multiply(k).multiply(BigInteger.valueOf(width));
    }

    @Override
    public boolean quantized() {
      return false;
    }
  }

  /**
   * One byte a value (fp8 or int8) with one scale of {@code scaleWidth} bytes per {@code block}:
   * N·K + scales·s, plus as many zero points when asymmetric, plus one input scale of s bytes for
   * static activations. FP8 with 128×128 fp32 block scales, per-channel INT8, compressed-tensors'
   * 8-bit formats.
   */
  record Scaled8Bit(
      ElementType element, ScaleBlock block, int scaleWidth, boolean zeroPoints, boolean inputScale)
      implements WeightFormat {
    public Scaled8Bit {
      if (element.bits() != 8) {
        throw new IllegalArgumentException("an 8-bit format needs an 8-bit element: " + element);
      }
      if (scaleWidth <= 0) {
        throw new IllegalArgumentException("scale width must be positive: " + scaleWidth);
      }
    }

    @Override
    public BigInteger bytes(BigInteger n, BigInteger k) {
      BigInteger scales = block.count(n, k).multiply(BigInteger.valueOf(scaleWidth));
      BigInteger total = n.multiply(k).add(scales);
      if (zeroPoints) {
        total = total.add(scales);
      }
      return inputScale ? total.add(BigInteger.valueOf(scaleWidth)) : total;
    }

    @Override
    public String name() {
      return element.name();
    }
  }

  /**
   * AWQ/GPTQ-style integers of {@code bits} bits in groups of {@code groupSize} inputs (0: one
   * group over all of K), G = ⌈K/g⌉ groups a row: ⌈N·K·b/8⌉ + G·N·s, plus ⌈G·N·b/8⌉ zero points,
   * plus 4·K for GPTQ's {@code g_idx}.
   */
  record GroupedInt(
      int bits, long groupSize, int scaleWidth, boolean zeroPoints, boolean groupIndex)
      implements WeightFormat {
    public GroupedInt {
      if (bits <= 0 || bits > 8 || groupSize < 0 || scaleWidth <= 0) {
        throw new IllegalArgumentException(
            "bits in 1..8, group size ≥ 0 and a positive scale width needed");
      }
    }

    @Override
    public BigInteger bytes(BigInteger n, BigInteger k) {
      BigInteger b = BigInteger.valueOf(bits);
      BigInteger groups = groupSize == 0 ? BigInteger.ONE : Bytes.ceilDiv(k, groupSize);
      BigInteger gn = groups.multiply(n);
      BigInteger values = Bytes.ceilDiv(n.multiply(k).multiply(b), 8);
      BigInteger total = values.add(gn.multiply(BigInteger.valueOf(scaleWidth)));
      if (zeroPoints) {
        total = total.add(Bytes.ceilDiv(gn.multiply(b), 8));
      }
      return groupIndex ? total.add(k.shiftLeft(2)) : total;
    }

    @Override
    public String name() {
      return "int" + bits;
    }
  }

  /**
   * compressed-tensors' {@code pack-quantized}: {@code bits}-bit integers packed into int32 along
   * K, one scale per {@code block}: N·⌈K·b/32⌉·4 + scales·s + 16 (the int64 {@code weight_shape}),
   * plus ⌈R·b/32⌉·C·4 packed zero points for an R×C scale grid when asymmetric, plus 4·K for the
   * {@code g_idx} of group activation ordering.
   */
  record PackedInt(
      int bits, ScaleBlock block, int scaleWidth, boolean zeroPoints, boolean groupIndex)
      implements WeightFormat {
    private static final BigInteger WEIGHT_SHAPE_BYTES = BigInteger.valueOf(16);

    public PackedInt {
      if (bits <= 0 || bits > 8 || scaleWidth <= 0) {
        throw new IllegalArgumentException("bits in 1..8 and a positive scale width needed");
      }
    }

    @Override
    public BigInteger bytes(BigInteger n, BigInteger k) {
      BigInteger b = BigInteger.valueOf(bits);
      BigInteger packed = n.multiply(Bytes.ceilDiv(k.multiply(b), 32)).shiftLeft(2);
      BigInteger scales = block.count(n, k).multiply(BigInteger.valueOf(scaleWidth));
      BigInteger total = packed.add(scales).add(WEIGHT_SHAPE_BYTES);
      if (zeroPoints) {
        BigInteger zeroRows = Bytes.ceilDiv(block.scaleRows(n).multiply(b), 32);
        total = total.add(zeroRows.multiply(block.scaleCols(k)).shiftLeft(2));
      }
      return groupIndex ? total.add(k.shiftLeft(2)) : total;
    }

    @Override
    public String name() {
      return "int" + bits;
    }
  }

  /**
   * NVFP4: 4-bit floats, one fp8 scale per {@code groupSize} inputs and {@code globalScales} fp32
   * global scales (the weight's, and the input's when activations are quantized too):
   * ⌈N·K/2⌉ + N·⌈K/g⌉ + 4·globals.
   */
  record Nvfp4(long groupSize, int globalScales) implements WeightFormat {
    public Nvfp4 {
      if (groupSize <= 0 || globalScales < 0) {
        throw new IllegalArgumentException("a positive group size needed");
      }
    }

    @Override
    public BigInteger bytes(BigInteger n, BigInteger k) {
      return Bytes.ceilDiv(n.multiply(k), 2)
          .add(n.multiply(Bytes.ceilDiv(k, groupSize)))
          .add(BigInteger.valueOf(4L * globalScales));
    }

    @Override
    public String name() {
      return "fp4";
    }
  }

  /**
   * MXFP4 (gpt-oss's experts): blocks of 32 e2m1 values along K in 16 bytes ({@code *_blocks}),
   * and one e8m0 scale byte a block ({@code *_scales}): N·⌈K/32⌉·17.
   */
  record Mxfp4() implements WeightFormat {
    private static final BigInteger BLOCK_BYTES = BigInteger.valueOf(17);

    @Override
    public BigInteger bytes(BigInteger n, BigInteger k) {
      return n.multiply(Bytes.ceilDiv(k, 32)).multiply(BLOCK_BYTES);
    }

    @Override
    public String name() {
      return "mxfp4";
    }
  }
}
