package dev.roofline.analyzer.device;

import dev.roofline.analyzer.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog device's links ({@code interconnect.tsv}, shipped beside the device catalog): its
 * scale-up fabric, the devices of one scale-up domain, its scale-out network, each bandwidth per
 * device and direction in bytes/s (null where the file has {@code -}), and the source of the
 * figures.
 */
public record Interconnect(
    String id,
    String scaleUpName,
    BigDecimal scaleUpBytesPerS,
    long domain,
    String scaleOutName,
    BigDecimal scaleOutBytesPerS,
    String source) {

  private static final String RESOURCE = "dev/roofline/analyzer/interconnect.tsv";
  private static final String ABSENT = "-";
  private static final List<String> COLUMNS =
      List.of("id", "scaleup_name", "scaleup_bytes_per_s", "scaleup_domain", "scaleout_name", "scaleout_bytes_per_s", "source");

  /** The file's column names, in order; listings name their fields so. */
  public static List<String> columns() {
    return COLUMNS;
  }

  /** The links of the catalog device {@code id} (ignoring case), or null when the file has none. */
  public static Interconnect of(String id) {
    for (Interconnect i : all()) {
      if (i.id().equalsIgnoreCase(id)) {
        return i;
      }
    }
    return null;
  }

  /** Every device's links, in the file's order. */
  public static List<Interconnect> all() {
    String text;
    try {
      byte[] bytes = Resources.read(Interconnect.class, RESOURCE);
      if (bytes == null) {
        throw new IllegalStateException("bundled interconnect catalog missing: " + RESOURCE);
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Interconnect> all = new ArrayList<>();
    boolean header = false;
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.equals(String.join("\t", COLUMNS))) {
          throw new IllegalStateException("interconnect catalog line " + (n + 1) + ": expected the header");
        }
        header = true;
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != COLUMNS.size()) {
        throw new IllegalStateException("interconnect catalog line " + (n + 1) + ": " + f.length + " columns");
      }
      all.add(
          new Interconnect(
              f[0], name(f[1]), figure(f[2]), f[3].equals(ABSENT) ? 1 : Long.parseLong(f[3]), name(f[4]), figure(f[5]), f[6]));
    }
    return all;
  }

  private static String name(String field) {
    return field.equals(ABSENT) ? null : field;
  }

  private static BigDecimal figure(String field) {
    return field.equals(ABSENT) ? null : new BigDecimal(field);
  }
}
