package dev.roofline.analyzer.analysis;

import java.util.Locale;

/**
 * What a sweep varies, by the name users give it: the batch size, the cached, input and output
 * tokens per query, the parallel degrees, the device.
 */
public enum SweepKey {
  BATCH,
  CACHED,
  INPUT,
  OUTPUT,
  TP,
  DP,
  EP,
  PP,
  DEVICE;

  /** The name users type and outputs show: {@code batch}, {@code tp}, {@code device}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether its values are whole numbers (every key but the device). */
  public boolean numeric() {
    return this != DEVICE;
  }

  /** The key named {@code id}, in any case, or null. */
  public static SweepKey named(String id) {
    for (SweepKey k : values()) {
      if (k.id().equalsIgnoreCase(id)) {
        return k;
      }
    }
    return null;
  }

  /** The value of this key in {@code s}, as text: a swept token count is each query's. */
  public String text(Scenario s) {
    return switch (this) {
      case BATCH -> s.batch().toString();
      case CACHED -> s.cached().get(0).toString();
      case INPUT -> s.input().get(0).toString();
      case OUTPUT -> s.output() == null ? "" : s.output().toString();
      case TP -> Long.toString(s.tp());
      case DP -> Long.toString(s.dp());
      case EP -> Long.toString(s.ep());
      case PP -> Long.toString(s.pp());
      case DEVICE -> s.device();
    };
  }
}
