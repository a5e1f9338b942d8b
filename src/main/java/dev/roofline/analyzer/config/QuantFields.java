package dev.roofline.analyzer.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to one JSON object inside {@code quantization_config}, with messages that name the
 * file and the full key ({@code 'quantization_config.config_groups.group_0.weights.num_bits'}).
 * Unlike a model's keys, most of these have no default: a missing one is named as required.
 */
final class QuantFields {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final String origin;
  private final String path;
  private final Map<String, Object> values;

  private QuantFields(String origin, String path, Map<String, Object> values) {
    this.origin = origin;
    this.path = path;
    this.values = values;
  }

  /** The {@code quantization_config} value of a config read from {@code origin}. */
  static QuantFields root(String origin, Object value) {
    return of(origin, "quantization_config", value);
  }

  @SuppressWarnings("unchecked")
  private static QuantFields of(String origin, String path, Object value) {
    if (!(value instanceof Map)) {
      throw new ConfigException(
          origin + ": '" + path + "' must be an object, got " + JsonFields.describe(value));
    }
    return new QuantFields(origin, path, (Map<String, Object>) value);
  }

  String name(String key) {
    return path + "." + key;
  }

  /** A message about {@code key}: {@code origin: 'path.key' message}. */
  ConfigException error(String key, String message) {
    return new ConfigException(origin + ": '" + name(key) + "' " + message);
  }

  ConfigException wrongType(String key, String expected, Object got) {
    return error(key, "must be " + expected + ", got " + JsonFields.describe(got));
  }

  /** Whether {@code key} is absent or JSON {@code null}. */
  boolean isNull(String key) {
    return values.get(key) == null;
  }

  /** Whether {@code key} holds a string. */
  boolean isString(String key) {
    return values.get(key) instanceof String;
  }

  /** The nested object under {@code key}; null when absent or JSON {@code null}. */
  QuantFields object(String key) {
    Object v = values.get(key);
    return v == null ? null : of(origin, name(key), v);
  }

  /** The objects of the object under {@code key}, in file order (as {@code config_groups}). */
  List<QuantFields> objects(String key) {
    QuantFields outer = object(key);
    List<QuantFields> out = new ArrayList<>();
    if (outer != null) {
      for (Map.Entry<String, Object> e : outer.values.entrySet()) {
        out.add(of(origin, outer.name(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  /** A string; {@code fallback} when absent or null. */
  String string(String key, String fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s)) {
      throw wrongType(key, "a string", v);
    }
    return s;
  }

  /** A boolean; {@code fallback} when absent or null. */
  boolean bool(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(key, "true or false", v);
    }
    return b;
  }

  /** A whole number within {@code long}; {@code null} when absent or null. */
  Long whole(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    BigInteger w = JsonFields.wholeNumber(v);
    if (w == null || w.abs().compareTo(LONG_MAX) > 0) {
      throw wrongType(key, "an integer", v);
    }
    return w.longValue();
  }

  /** A whole number that must be there; {@code why} ends the message ("for awq"), or is empty. */
  long required(String key, String why) {
    Long v = whole(key);
    if (v == null) {
      throw error(key, why.isEmpty() ? "is required" : "is required " + why);
    }
    return v;
  }

  /** A positive whole number; {@code fallback} when absent or null. */
  long positive(String key, long fallback) {
    Long v = whole(key);
    if (v == null) {
      return fallback;
    }
    if (v <= 0) {
      throw wrongType(key, "a positive integer", values.get(key));
    }
    return v;
  }

  /** A list of strings; empty when absent or null. */
  List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(key, "a list of strings", v);
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw wrongType(key + "[" + i + "]", "a string", list.get(i));
      }
      out.add(s);
    }
    return out;
  }

  /** Two positive whole numbers, as {@code [128, 128]}; null when absent or null. */
  long[] positivePair(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list && list.size() == 2) {
      BigInteger a = JsonFields.wholeNumber(list.get(0));
      BigInteger b = JsonFields.wholeNumber(list.get(1));
      if (isPositiveLong(a) && isPositiveLong(b)) {
        return new long[] {a.longValue(), b.longValue()};
      }
    }
    throw wrongType(key, "a list of two positive integers", v);
  }

  private static boolean isPositiveLong(BigInteger v) {
    return v != null && v.signum() > 0 && v.compareTo(LONG_MAX) <= 0;
  }
}
