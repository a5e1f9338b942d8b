package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A term of the minimum storage: a stable key ({@code kv_cache}), its label on the storage line
 * ({@code KV-cache}) and its size.
 */
public record StorageItem(String key, String label, BigInteger bytes) {
  public StorageItem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(bytes, "bytes");
  }
}
