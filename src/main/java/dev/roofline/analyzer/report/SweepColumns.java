package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.SweepKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns of a sweep's rows: the swept keys in the order given, then the figures; {@code
 * request} (output tokens given or swept) adds TPOT and the end-to-end latency, and makes the
 * step's time the time to first token and the rates the request's.
 */
public record SweepColumns(List<SweepKey> keys, boolean request) {

  public SweepColumns {
    keys = List.copyOf(keys);
    Objects.requireNonNull(keys, "keys");
  }

  /** The names of every column, as the CSV header and the JSON keys give them. */
  public List<String> names() {
    List<String> names = new ArrayList<>(keys.size() + 13);
    for (SweepKey k : keys) {
      names.add(k.id());
    }
    names.addAll(List.of("devices", "fits", "memory_per_device_bytes", "step_time_s"));
    if (request) {
      names.addAll(List.of("tpot_s", "e2e_s"));
    }
    names.addAll(
        List.of(
            "tokens_per_s",
            "tokens_per_s_per_device",
            "tokens_per_s_per_query",
            "compute_bound_share",
            "communication_share",
            "valid",
            "reason"));
    return names;
  }
}
