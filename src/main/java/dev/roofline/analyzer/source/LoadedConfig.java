package dev.roofline.analyzer.source;

import java.util.Arrays;

/** The raw bytes of a {@code config.json} and the name (path or repo id) to use in messages. */
public record LoadedConfig(byte[] json, String origin) {

  public LoadedConfig {
    json = json.clone();
  }

  @Override
  public byte[] json() {
    return json.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedConfig other
        && origin.equals(other.origin)
        && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return 31 * origin.hashCode() + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "LoadedConfig[" + origin + ", " + json.length + " bytes]";
  }
}
