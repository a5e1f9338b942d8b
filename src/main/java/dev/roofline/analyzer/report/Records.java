package dev.roofline.analyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A list of records with the same named fields (a catalog's rows) as JSON or CSV, by the rules of
 * the reports: a JSON array of objects pretty-printed with two spaces, or RFC 4180 lines under a
 * header. A field is text, an exact number ({@link BigDecimal} or {@link BigInteger}, written in
 * full, never in exponent form) or null for a value that is absent (JSON {@code null}, an empty
 * CSV field).
 */
public final class Records {
  private Records() {}

  /** The records as one JSON array of objects, the fields in {@code names}' order, ending with {@code \n}. */
  public static String json(List<String> names, List<List<Object>> records) {
    StringWriter text = new StringWriter(512 * (records.size() + 1));
    try (JsonGenerator g = JsonReport.generator(text)) {
      g.writeStartArray();
      for (List<Object> record : records) {
        g.writeStartObject();
        for (int i = 0; i < names.size(); i++) {
          g.writeFieldName(names.get(i));
          Object value = record.get(i);
          if (value == null) {
            g.writeNull();
          } else if (value instanceof String s) {
            g.writeString(s);
          } else {
            g.writeNumber(number(value));
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      // A StringWriter does not fail.
      throw new UncheckedIOException(e);
    }
    return text.append('\n').toString();
  }

  /** The records as CSV: a header of {@code names}, then a line per record. */
  public static String csv(List<String> names, List<List<Object>> records) {
    StringBuilder out = new StringBuilder(160 * (records.size() + 1));
    line(out, names);
    for (List<Object> record : records) {
      line(out, record);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object value = fields.get(i);
      if (value instanceof String s) {
        CsvReport.field(out, s);
      } else if (value != null) {
        out.append(number(value));
      }
    }
    out.append('\n');
  }

  /** An exact number's digits: an integer in full, a fraction as a plain decimal. */
  private static String number(Object value) {
    if (value instanceof BigInteger b) {
      return b.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    throw new IllegalArgumentException("not a field value: " + value.getClass().getName());
  }
}
