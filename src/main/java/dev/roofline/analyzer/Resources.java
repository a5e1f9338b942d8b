package dev.roofline.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Files shipped beside the tool's classes (the bundled configs, the device catalog). */
public final class Resources {
  private Resources() {}

  /**
   * The bytes of the resource {@code name} (a path inside the jar, no leading slash) that ships
   * with {@code anchor}'s classes, or null when there is none. From the jar itself when the
   * classes come from one: a class loader asks the JDK's own modules first, which costs a few
   * milliseconds of a start-up that lasts a hundred.
   */
  public static byte[] read(Class<?> anchor, String name) throws IOException {
    Path jar = jarOf(anchor);
    if (jar != null) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry entry = zip.getEntry(name);
        if (entry != null) {
          try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
          }
        }
      } catch (IOException e) {
        // Not readable as a zip here: the class loader below still knows the way.
      }
    }
    try (InputStream in = anchor.getResourceAsStream("/" + name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The jar {@code anchor} was loaded from, or null (a classes folder, an unusual loader). */
  private static Path jarOf(Class<?> anchor) {
    CodeSource source = anchor.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !"file".equals(location.getProtocol())) {
      return null;
    }
    try {
      Path path = Path.of(location.toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
