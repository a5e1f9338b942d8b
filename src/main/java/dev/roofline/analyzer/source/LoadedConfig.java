package dev.roofline.analyzer.source;

import dev.roofline.analyzer.SafeText;
import java.util.Arrays;

/**
 * The raw bytes of a {@code config.json}, the name (path or repo id) to use in messages, and the
 * one line to tell the user about where it came from when it is not what they asked for (a cached
 * or bundled copy); null when there is nothing to tell. The line quotes outside text (a server's
 * message, a path), so it is kept to one printable line.
 */
public record LoadedConfig(byte[] json, String origin, String notice) {

  public LoadedConfig {
    json = json.clone();
    notice = notice == null ? null : SafeText.line(notice);
  }

  @Override
  public byte[] json() {
    return json.clone();
  }

  /** The same config with {@code line} to tell the user. */
  public LoadedConfig withNotice(String line) {
    return new LoadedConfig(json, origin, line);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedConfig other
        && origin.equals(other.origin)
        && java.util.Objects.equals(notice, other.notice)
        && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return 31 * origin.hashCode() + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "LoadedConfig[" + origin + ", " + json.length + " bytes, notice=" + notice + "]";
  }
}
