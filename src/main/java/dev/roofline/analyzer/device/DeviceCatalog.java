package dev.roofline.analyzer.device;

import dev.roofline.analyzer.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accelerators shipped inside the jar ({@code devices.tsv}): one device per tab-separated
 * line, {@code #} comments, a header naming the columns, {@code -} for a figure the device lacks.
 * Read only when a device is asked for, and a line's figures only when its device is: a run
 * needs one of them.
 */
public final class DeviceCatalog {

  private static final String RESOURCE = "dev/roofline/analyzer/devices.tsv";
  private static final String ABSENT = "-";

  /** Each device's fields, as split from its line, and the line's number. */
  private final List<String[]> rows;
  private final List<Integer> lineNumbers;
  /** Each device, once read from its row. */
  private final Device[] read;

  private DeviceCatalog(List<String[]> rows, List<Integer> lineNumbers) {
    this.rows = List.copyOf(rows);
    this.lineNumbers = List.copyOf(lineNumbers);
    this.read = new Device[rows.size()];
  }

  /** The bundled catalog. */
  public static DeviceCatalog bundled() {
    try {
      byte[] bytes = Resources.read(DeviceCatalog.class, RESOURCE);
      if (bytes == null) {
        throw new IllegalStateException("bundled device catalog missing: " + RESOURCE);
      }
      return parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The catalog in {@code text}; a malformed line is a bug of the bundled file. */
  static DeviceCatalog parse(String text) {
    String header = String.join("\t", columns());
    int columns = columns().size();
    List<String[]> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    boolean headerSeen = false;
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        if (!line.equals(header)) {
          throw new IllegalStateException("device catalog line " + (n + 1) + ": expected the header " + header);
        }
        headerSeen = true;
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != columns) {
        throw new IllegalStateException("device catalog line " + (n + 1) + ": " + fields.length + " columns");
      }
      for (String[] row : rows) {
        if (row[0].equalsIgnoreCase(fields[0])) {
          throw new IllegalStateException("device catalog line " + (n + 1) + ": id repeated: " + fields[0]);
        }
      }
      rows.add(fields);
      lineNumbers.add(n + 1);
    }
    return new DeviceCatalog(rows, lineNumbers);
  }

  /**
   * The catalog's column names, in order: id, vendor, name, memory, bandwidth, one peak per
   * precision, source. The listings of the catalog name their fields so.
   */
  public static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("id", "vendor", "name", "memory_bytes", "bandwidth_bytes_per_s"));
    for (Precision p : Precision.values()) {
      columns.add(p.column());
    }
    columns.add("source");
    return List.copyOf(columns);
  }

  /** The device of row {@code i}, read from its fields the first time it is asked for. */
  private Device device(int i) {
    if (read[i] == null) {
      read[i] = device(rows.get(i), lineNumbers.get(i));
    }
    return read[i];
  }

  private static Device device(String[] f, int line) {
    Precision[] precisions = Precision.values();
    try {
      Map<Precision, BigDecimal> peaks = new EnumMap<>(Precision.class);
      for (int i = 0; i < precisions.length; i++) {
        if (!f[5 + i].equals(ABSENT)) {
          peaks.put(precisions[i], new BigDecimal(f[5 + i]));
        }
      }
      BigInteger memory = f[3].equals(ABSENT) ? null : new BigDecimal(f[3]).toBigIntegerExact();
      return new Device(f[0], f[1], f[2], memory, new BigDecimal(f[4]), peaks, f[5 + precisions.length]);
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new IllegalStateException("device catalog line " + line + ": " + e.getMessage(), e);
    }
  }

  /** Every device, in the catalog's order. */
  public List<Device> devices() {
    List<Device> devices = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      devices.add(device(i));
    }
    return List.copyOf(devices);
  }

  /** The device whose id is {@code id} ignoring case, or null. */
  public Device find(String id) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i)[0].equalsIgnoreCase(id)) {
        return device(i);
      }
    }
    return null;
  }

  /**
   * Up to {@code max} ids that {@code wanted} may have meant: first those it is a prefix of (or
   * that are a prefix of it), then those within an edit distance of half its length (at least 2),
   * nearest first; ties in catalog order.
   */
  public List<String> closest(String wanted, int max) {
    String w = wanted.strip().toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    if (w.isEmpty()) {
      return found;
    }
    int[] score = new int[rows.size()];
    int limit = Math.max(2, w.length() / 2);
    for (int i = 0; i < score.length; i++) {
      String id = rows.get(i)[0].toLowerCase(Locale.ROOT);
      score[i] = id.startsWith(w) || w.startsWith(id) ? 0 : editDistance(w, id);
    }
    for (int s = 0; s <= limit && found.size() < max; s++) {
      for (int i = 0; i < score.length && found.size() < max; i++) {
        if (score[i] == s) {
          found.add(rows.get(i)[0]);
        }
      }
    }
    return found;
  }

  /** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
