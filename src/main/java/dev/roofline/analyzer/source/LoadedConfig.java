package dev.roofline.analyzer.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * The raw bytes of a {@code config.json}; the name (path or repo id) to use in messages; where it
 * came from, with the commit of a Hub copy when known (else null); and what to tell the user about
 * it when it is not what they asked for (a cached or bundled copy), null when there is nothing.
 */
public record LoadedConfig(byte[] json, String origin, Kind kind, String commit, Notice notice) {

  /** Where a config came from. */
  public enum Kind {
    /** A local file, or a folder that holds one. */
    FILE,
    /** Downloaded from the Hub by this run. */
    HUB,
    /** The HuggingFace cache. */
    CACHE,
    /** A snapshot bundled in the jar. */
    BUNDLED
  }

  public LoadedConfig {
    json = json.clone();
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(kind, "kind");
  }

  @Override
  public byte[] json() {
    return json.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedConfig other
        && origin.equals(other.origin)
        && kind == other.kind
        && Objects.equals(commit, other.commit)
        && Objects.equals(notice, other.notice)
        && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return 31 * origin.hashCode() + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "LoadedConfig[" + origin + ", " + kind + ", " + json.length + " bytes, notice=" + notice + "]";
  }
}
