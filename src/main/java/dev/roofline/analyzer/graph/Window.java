package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Which keys a layer's new token at position {@code p} attends to: every earlier token and itself
 * (full causal attention), the last {@code size} of them (a sliding window), or those of its chunk
 * of {@code size} tokens (Llama 4's chunked attention).
 */
public record Window(Kind kind, long size) {

  /** The kinds of attention span. */
  public enum Kind {
    FULL,
    SLIDING,
    CHUNKED
  }

  public static final Window FULL = new Window(Kind.FULL, 0);

  public Window {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.FULL) != (size == 0) || size < 0) {
      throw new IllegalArgumentException("bad window: " + kind + " " + size);
    }
  }

  public static Window sliding(long size) {
    return new Window(Kind.SLIDING, size);
  }

  public static Window chunked(long size) {
    return new Window(Kind.CHUNKED, size);
  }

  /**
   * Key visits of one query: the sum, over its {@code s} new tokens at positions {@code c … c+s−1},
   * of the keys each attends to. Closed forms: full {@code s·c + s·(s+1)/2}; sliding the sum of
   * {@code min(x, W)} for x from c+1 to c+s; chunked {@code F(c+s) − F(c)}, where {@code F(n)} sums
   * {@code (p mod Ck) + 1} over the first n positions.
   */
  public BigInteger keyVisits(BigInteger c, BigInteger s) {
    if (s.signum() == 0) {
      return BigInteger.ZERO;
    }
    return switch (kind) {
      case FULL -> triangle(c.add(s)).subtract(triangle(c));
      case SLIDING -> cappedSum(c.add(s)).subtract(cappedSum(c));
      case CHUNKED -> chunkSum(c.add(s)).subtract(chunkSum(c));
    };
  }

  /**
   * Distinct keys one query reads (each once, as flash-style kernels do): full {@code c + s},
   * sliding {@code min(c, W − 1) + s}, chunked {@code c + s − ⌊c/Ck⌋·Ck}; none without new tokens.
   */
  public BigInteger distinctKeys(BigInteger c, BigInteger s) {
    return s.signum() == 0 ? BigInteger.ZERO : held(c, s);
  }

  /**
   * Tokens a layer of this span holds in its cache for one query after the step: every one (full),
   * the last {@code W − 1} cached and the new ones (sliding), or those of the current chunk
   * (chunked).
   */
  public BigInteger held(BigInteger c, BigInteger s) {
    return switch (kind) {
      case FULL -> c.add(s);
      case SLIDING -> c.min(BigInteger.valueOf(size - 1)).add(s);
      case CHUNKED -> {
        BigInteger ck = BigInteger.valueOf(size);
        yield c.add(s).subtract(c.divide(ck).multiply(ck));
      }
    };
  }

  /** 1 + 2 + … + n. */
  private static BigInteger triangle(BigInteger n) {
    return n.multiply(n.add(BigInteger.ONE)).shiftRight(1);
  }

  /** min(1, W) + min(2, W) + … + min(n, W). */
  private BigInteger cappedSum(BigInteger n) {
    BigInteger w = BigInteger.valueOf(size);
    if (n.compareTo(w) <= 0) {
      return triangle(n);
    }
    return triangle(w).add(n.subtract(w).multiply(w));
  }

  /** The sum of (p mod Ck) + 1 over p = 0 … n − 1: whole chunks, then the partial one. */
  private BigInteger chunkSum(BigInteger n) {
    BigInteger ck = BigInteger.valueOf(size);
    BigInteger[] qr = n.divideAndRemainder(ck);
    return qr[0].multiply(triangle(ck)).add(triangle(qr[1]));
  }
}
