package dev.roofline.analyzer.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the keys of one JSON object of a config, with the error messages that name the
 * file and the key (as {@code text_config.hidden_size}) when a value has the wrong type.
 */
final class JsonFields {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final String origin;
  private final String path;
  private final Map<String, Object> values;
  /** The object this one is nested in ({@code text_config}'s config); null for the top level. */
  private final JsonFields parent;

  JsonFields(String origin, String path, Map<String, Object> values) {
    this(origin, path, values, null);
  }

  private JsonFields(String origin, String path, Map<String, Object> values, JsonFields parent) {
    this.origin = origin;
    this.path = path;
    this.values = values;
    this.parent = parent;
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
      return new JsonFields(origin, name(key), Map.of(), this);
    }
    if (!(v instanceof Map)) {
      throw wrongType(key, "an object", v);
    }
    return new JsonFields(origin, name(key), (Map<String, Object>) v, this);
  }

  /** Whether the object has {@code key}, null or not. */
  boolean has(String key) {
    return values.containsKey(key);
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

  /** A whole number ≥ 0; {@code fallback} when the key is absent. */
  long nonNegativeInt(String key, long fallback) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    Object v = values.get(key);
    BigInteger whole = wholeNumber(v);
    if (whole == null || whole.signum() < 0 || whole.compareTo(LONG_MAX) > 0) {
      throw wrongType(key, "a non-negative integer", v);
    }
    return whole.longValueExact();
  }

  /**
   * A count that one of two names may give ({@code num_local_experts} or its alias {@code
   * num_experts}); {@code fallback} when neither is present.
   */
  long positiveIntAliased(String key, String alias, long fallback) {
    if (!values.containsKey(alias)) {
      return positiveInt(key, fallback);
    }
    long aliased = positive(alias, values.get(alias));
    if (values.containsKey(key)) {
      long direct = positive(key, values.get(key));
      if (direct != aliased) {
        throw brokenRule(
            "'" + key + "' (" + direct + ") and its alias '" + alias + "' (" + aliased + ") differ");
      }
    }
    return aliased;
  }

  /**
   * Whether {@code key} holds a positive number (a soft-capping value: true) or null (false);
   * {@code fallback} when the key is absent.
   */
  boolean positiveNumberOrNull(String key, boolean fallback) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    Object v = values.get(key);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
      throw wrongType(key, "a positive number or null", v);
    }
    return true;
  }

  /** A number above 0 and at most 1 (a fraction of a head); {@code fallback} when absent. */
  double fraction(String key, double fallback) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    Object v = values.get(key);
    if (!(v instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 1) {
      throw wrongType(key, "a number above 0 and at most 1", v);
    }
    return n.doubleValue();
  }

  /** {@code true} or {@code false}; {@code fallback} when the key is absent. */
  boolean bool(String key, boolean fallback) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    Object v = values.get(key);
    if (!(v instanceof Boolean)) {
      throw wrongType(key, "true or false", v);
    }
    return (Boolean) v;
  }

  /**
   * The layers a list of one 0 or 1 per layer ({@code no_rope_layers}) marks 0; null when the key
   * is absent, null or an empty list.
   */
  Layers zeroFlags(String key, long layers) {
    List<?> list = list(key);
    if (list == null || list.isEmpty()) {
      return null;
    }
    if (list.size() != layers) {
      throw error(
          "'" + name(key) + "' must have one entry per layer ('num_hidden_layers' = " + layers + "), got " + list.size());
    }
    List<Long> zeros = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      BigInteger flag = wholeNumber(list.get(i));
      if (flag == null || flag.signum() < 0 || flag.compareTo(BigInteger.ONE) > 0) {
        throw wrongType(key, "a list of 0 and 1", list.get(i));
      }
      if (flag.signum() == 0) {
        zeros.add((long) i);
      }
    }
    return Layers.Listed.of(zeros);
  }

  /**
   * The layers a {@code layer_types} list of one entry per layer, each {@code "full_attention"} or
   * {@code kind}, marks {@code kind}; null when the key is absent or null (the family's rule
   * applies).
   */
  Layers.Listed layerTypes(String key, long layers, String kind) {
    List<?> list = list(key);
    if (list == null) {
      return null;
    }
    if (list.size() != layers) {
      throw error(
          "'"
              + name(key)
              + "' must have one entry per layer ('num_hidden_layers' = "
              + layers
              + "), got "
              + list.size());
    }
    List<Long> marked = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object entry = list.get(i);
      if (kind.equals(entry)) {
        marked.add((long) i);
      } else if (!"full_attention".equals(entry)) {
        throw wrongType(key, "a list of \"full_attention\" and \"" + kind + "\"", entry);
      }
    }
    return Layers.Listed.of(marked);
  }

  /**
   * The layers a list of layer indices ({@code mlp_only_layers}) names, each once; none for an
   * absent or null list. Each index must be a layer of the model.
   */
  Layers.Listed layerIndices(String key, long layers) {
    return Layers.Listed.of(layerIndexSet(key, layers));
  }

  /** As {@link #layerIndices}, as a set. */
  Set<Long> layerIndexSet(String key, long layers) {
    List<?> list = list(key);
    Set<Long> named = new HashSet<>();
    if (list == null) {
      return named;
    }
    for (Object entry : list) {
      BigInteger index = wholeNumber(entry);
      if (index == null || index.signum() < 0 || index.compareTo(BigInteger.valueOf(layers)) >= 0) {
        throw wrongType(key, "a list of layer indices from 0 to " + (layers - 1), entry);
      }
      named.add(index.longValueExact());
    }
    return named;
  }

  /** The list under {@code key}; null when the key is absent or null. */
  private List<?> list(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw wrongType(key, "a list", v);
    }
    return list;
  }

  /** The integer value of a JSON number with no fractional part (4096 or 4096.0), else null. */
  static BigInteger wholeNumber(Object v) {
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

  /**
   * {@code model_type} of the config, lower-case, as the reader has checked it is present and a
   * string (a nested object's is its config's).
   */
  String modelType() {
    if (parent != null) {
      return parent.modelType();
    }
    return ((String) values.get("model_type")).toLowerCase(Locale.ROOT);
  }

  /** {@code hidden_act}; silu when absent. */
  Activation activation(String key) {
    return activation(key, Activation.SILU);
  }

  /** The activation {@code key} names; {@code fallback} when absent. */
  Activation activation(String key, Activation fallback) {
    if (!values.containsKey(key)) {
      return fallback;
    }
    String name = string(key);
    if (name == null) {
      throw wrongType(key, "a string", null);
    }
    try {
      return Activation.of(name);
    } catch (IllegalArgumentException e) {
      throw error("'" + name(key) + "': " + e.getMessage());
    }
  }

  /**
   * The dtype of this object when it names one ({@code dtype} or {@code torch_dtype}, not null),
   * else {@code fallback}'s (a text config's, then its config's).
   */
  DType dtype(JsonFields fallback) {
    return values.get("dtype") != null || values.get("torch_dtype") != null ? dtype() : fallback.dtype();
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
