package dev.roofline.analyzer;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/** The tool's version, written into {@code version.properties} by the build. */
public final class Version {
  private Version() {}

  public static String get() {
    Properties p = new Properties();
    try {
      byte[] bytes = Resources.read(Version.class, "dev/roofline/analyzer/version.properties");
      if (bytes != null) {
        p.load(new ByteArrayInputStream(bytes));
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }
}
