package dev.roofline.analyzer.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the keys of one JSON object of a config, with the error messages that name the
 * file and the key (as {@code text_config.hidden_size}) when a value has the wrong type.
 */
final class JsonFields {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final String origin;
  private final String path;
  private final Map<String, Object> values;

  JsonFields(String origin, String path, Map<String, Object> values) {
    this.origin = origin;
    this.path = path;
    this.values = values;
  }

  ConfigException error(String message) {
    return new ConfigException(origin + ": " + message);
  }

  /** A rule between keys of this object broken: the message names them, this adds where. */
  ConfigException brokenRule(String message) {
    return error(path.isEmpty() ? message : "in '" + path + "': " + message);
  }

  private String name(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private ConfigException wrongType(String key, String expected, Object got) {
    return error("'" + name(key) + "' must be " + expected + ", got " + describe(got));
  }

  /** The nested object under {@code key}; an absent or null key is an empty object (all defaults). */
  @SuppressWarnings("unchecked")
  JsonFields object(String key) {
    Object v = values.get(key);
    if (v == null) {
      return new JsonFields(origin, name(key), Map.of());
    }
    if (!(v instanceof Map)) {
      throw wrongType(key, "an object", v);
    }
    return new JsonFields(origin, name(key), (Map<String, Object>) v);
  }

  /** A positive whole number; {@code fallback} when the key is absent. */
  long positiveInt(String key, long fallback) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    return positive(key, values.get(key));
  }

  /** As {@link #positiveInt}, but a JSON {@code null} means {@code whenNull}, as in transformers. */
  long positiveIntOrNull(String key, long fallback, long whenNull) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    Object v = values.get(key);
    return v == null ? whenNull : positive(key, v);
  }

  private long positive(String key, Object v) {
    BigInteger whole = wholeNumber(v);
    if (whole == null || whole.signum() <= 0 || whole.compareTo(LONG_MAX) > 0) {
      throw wrongType(key, "a positive integer", v);
    }
    return whole.longValueExact();
  }

  /** The integer value of a JSON number with no fractional part (4096 or 4096.0), else null. */
  private static BigInteger wholeNumber(Object v) {
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof Double d && Double.isFinite(d) && d == Math.rint(d)) {
      return new BigDecimal(d).toBigIntegerExact();
    }
    return null;
  }

  private String string(String key) {
    Object v = values.get(key);
    if (v != null && !(v instanceof String)) {
      throw wrongType(key, "a string", v);
    }
    return (String) v;
  }

  /** {@code hidden_act}; silu when absent. */
  Activation activation(String key) {
    String name = values.containsKey(key) ? string(key) : "silu";
    if (name == null) {
      throw wrongType(key, "a string", null);
    }
    try {
      return Activation.of(name);
    } catch (IllegalArgumentException e) {
      throw error("'" + name(key) + "': " + e.getMessage());
    }
  }

  /** {@code dtype} (transformers ≥ 4.56) or else {@code torch_dtype}; float16 when absent or null. */
  DType dtype() {
    String key = values.get("dtype") != null ? "dtype" : "torch_dtype";
    String name = string(key);
    if (name == null) {
      return DType.of("float16");
    }
    try {
      return DType.of(name);
    } catch (IllegalArgumentException e) {
      throw error("'" + name(key) + "': " + e.getMessage());
    }
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return '"' + excerpt(s) + '"';
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    return excerpt(v.toString());
  }

  /** At most the first 40 characters of {@code text} from a config, marked {@code …} when cut. */
  static String excerpt(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
