package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Whether the minimum storage fits in a device's memory, and else on how many devices it would
 * (an ideal split, no overheads of parallelism). Without a capacity, only the need is known.
 *
 * @param capacityBytes the memory per device, or null
 * @param fits whether the need is at most the capacity; null without a capacity
 * @param minDevices ceil(need / capacity); null without a capacity
 */
public record MemoryVerdict(BigInteger neededBytes, BigInteger capacityBytes, Boolean fits, BigInteger minDevices) {

  public MemoryVerdict {
    Objects.requireNonNull(neededBytes, "neededBytes");
    if ((capacityBytes == null) != (fits == null) || (capacityBytes == null) != (minDevices == null)) {
      throw new IllegalArgumentException("capacity, fits and minDevices go together");
    }
  }

  /** The verdict for {@code neededBytes} on devices of {@code capacityBytes} (positive, or null). */
  public static MemoryVerdict of(BigInteger neededBytes, BigInteger capacityBytes) {
    Objects.requireNonNull(neededBytes, "neededBytes");
    if (capacityBytes == null) {
      return new MemoryVerdict(neededBytes, null, null, null);
    }
    if (capacityBytes.signum() <= 0 || neededBytes.signum() < 0) {
      throw new IllegalArgumentException("need a positive capacity and a need of at least 0");
    }
    BigInteger[] qr = neededBytes.divideAndRemainder(capacityBytes);
    BigInteger devices = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return new MemoryVerdict(neededBytes, capacityBytes, neededBytes.compareTo(capacityBytes) <= 0, devices);
  }
}
