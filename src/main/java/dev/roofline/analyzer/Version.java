package dev.roofline.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, written into {@code version.properties} by the build. */
public final class Version {
  private Version() {}

  public static String get() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }
}
