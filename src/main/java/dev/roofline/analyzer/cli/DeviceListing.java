package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.device.Device;
import dev.roofline.analyzer.device.DeviceCatalog;
import dev.roofline.analyzer.device.Interconnect;
import dev.roofline.analyzer.device.Precision;
import dev.roofline.analyzer.report.MarkdownTable;
import dev.roofline.analyzer.report.MarkdownTable.Align;
import dev.roofline.analyzer.report.Quantities;
import dev.roofline.analyzer.report.Records;
import dev.roofline.analyzer.report.ReportFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --list-devices}: the bundled catalog as a Markdown table, then where its figures come
 * from; or, for scripts, its rows as JSON or CSV with the catalog's columns and exact values.
 */
final class DeviceListing {
  private DeviceListing() {}

  static String render(DeviceCatalog catalog, ReportFormat format) {
    return switch (format) {
      case TABLE -> table(catalog);
      case JSON -> Records.json(columns(), records(catalog));
      case CSV -> Records.csv(columns(), records(catalog));
    };
  }

  /**
   * The catalog's columns, then the interconnect catalog's (its id aside, its source as {@code
   * links_source}).
   */
  private static List<String> columns() {
    List<String> columns = new ArrayList<>(DeviceCatalog.columns());
    List<String> links = Interconnect.columns();
    columns.addAll(links.subList(1, links.size() - 1));
    columns.add("links_source");
    return columns;
  }

  /** Each device's values in the order of {@link #columns()}; null where it has none. */
  private static List<List<Object>> records(DeviceCatalog catalog) {
    List<List<Object>> records = new ArrayList<>();
    for (Device d : catalog.devices()) {
      List<Object> r = new ArrayList<>(List.of(d.id(), d.vendor(), d.name()));
      r.add(d.memoryBytes());
      r.add(d.bandwidth());
      for (Precision p : Precision.values()) {
        r.add(d.peak(p));
      }
      r.add(d.source());
      Interconnect links = Interconnect.of(d.id());
      if (links == null) {
        r.addAll(java.util.Arrays.asList(null, null, null, null, null, null));
      } else {
        r.add(links.scaleUpName());
        r.add(links.scaleUpBytesPerS());
        r.add(BigInteger.valueOf(links.domain()));
        r.add(links.scaleOutName());
        r.add(links.scaleOutBytesPerS());
        r.add(links.source());
      }
      records.add(r);
    }
    return records;
  }

  private static String table(DeviceCatalog catalog) {
    List<String> headers = new ArrayList<>(List.of("Id", "Device", "Memory", "Bandwidth"));
    List<Align> align = new ArrayList<>(List.of(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT));
    for (Precision p : Precision.values()) {
      headers.add(p.column());
      align.add(Align.RIGHT);
    }
    headers.addAll(List.of("Scale-up", "Domain", "Scale-out"));
    align.addAll(List.of(Align.RIGHT, Align.RIGHT, Align.RIGHT));
    List<String[]> rows = new ArrayList<>();
    for (Device d : catalog.devices()) {
      List<String> cells = new ArrayList<>();
      cells.add(d.id());
      cells.add(d.vendor() + " " + d.name());
      cells.add(d.memoryBytes() == null ? "-" : Quantities.iec(d.memoryBytes(), "B"));
      cells.add(Quantities.si(d.bandwidth().doubleValue(), "B/s"));
      for (Precision p : Precision.values()) {
        BigDecimal peak = d.peak(p);
        cells.add(peak == null ? "-" : Quantities.si(peak.doubleValue(), "FLOP/s"));
      }
      Interconnect links = Interconnect.of(d.id());
      cells.add(links == null ? "-" : rate(links.scaleUpBytesPerS()));
      cells.add(links == null ? "-" : Long.toString(links.domain()));
      cells.add(links == null ? "-" : rate(links.scaleOutBytesPerS()));
      rows.add(cells.toArray(new String[0]));
    }
    StringBuilder out = new StringBuilder(256 * (rows.size() + 6));
    MarkdownTable.render(out, headers, align, rows);
    out.append("\nDense peaks (no structured sparsity) from vendor datasheets; '-': no such peak. Sustained"
        + " kernels reach some 60-80% of them: see --flops-efficiency and --mem-efficiency.\n");
    out.append("Scale-up and scale-out: link bandwidth per device, one direction; Domain: devices per scale-up"
        + " domain (see --link-bandwidth, --net-bandwidth, --node-size).\n");
    out.append("Sources:\n");
    for (Device d : catalog.devices()) {
      out.append("  ").append(d.id()).append(": ").append(d.source()).append('\n');
      Interconnect links = Interconnect.of(d.id());
      if (links != null) {
        out.append("  ").append(d.id()).append(" links: ").append(links.scaleUpName());
        if (links.scaleOutName() != null) {
          out.append("; ").append(links.scaleOutName());
        }
        out.append(" (").append(links.source()).append(")\n");
      }
    }
    return out.toString();
  }

  private static String rate(BigDecimal bytesPerS) {
    return bytesPerS == null ? "-" : Quantities.si(bytesPerS.doubleValue(), "B/s");
  }
}
