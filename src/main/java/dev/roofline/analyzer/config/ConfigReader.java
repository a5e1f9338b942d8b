package dev.roofline.analyzer.config;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Collections;

/**
 * Reads the bytes of a {@code config.json} into the {@link ModelConfig} of its {@code model_type}.
 * The JSON is read with Jackson's streaming parser into plain maps, lists, strings, {@code
 * BigInteger}s and {@code Double}s (what Python's {@code json} module yields), then mapped onto the
 * record of the architecture by its {@link ConfigFormat}, with transformers' defaults. Which format
 * reads which {@code model_type} is the registry's to say (the graph package's, which binds each
 * family's format to its graph builder): this package knows no list of families.
 */
public final class ConfigReader {

  /**
   * The parser. Its error messages quote none of the text they stumble on beyond a character or
   * two: a file passed by mistake may hold a secret (a token file's token).
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(0).maxRawContentLength(0).build())
          .build();

  private ConfigReader() {}

  /** The keys of {@code formats} (the model types a registry knows), sorted. */
  private static String supported(Map<String, ? extends ConfigFormat<?>> formats) {
    List<String> types = new ArrayList<>(formats.keySet());
    Collections.sort(types);
    return String.join(", ", types);
  }

  /**
   * The config in {@code json}, read by the format that {@code formats} gives for its {@code
   * model_type} (lower-cased); {@code origin} names the file or repo in error messages.
   *
   * @throws ConfigException if the JSON is malformed or does not describe a supported model
   */
  public static ModelConfig read(byte[] json, String origin, Map<String, ? extends ConfigFormat<?>> formats) {
    return readParsed(json, origin, formats).model();
  }

  /**
   * As {@link #read}, keeping the raw {@code quantization_config} (top-level, as transformers
   * writes it) for the precisions of a run, so that the JSON is parsed once.
   *
   * @throws ConfigException if the JSON is malformed or does not describe a supported model
   */
  public static ParsedConfig readParsed(
      byte[] json, String origin, Map<String, ? extends ConfigFormat<?>> formats) {
    Object root = parse(json, origin);
    if (!(root instanceof Map<?, ?>)) {
      throw new ConfigException(
          origin + ": a config must be a JSON object, got " + JsonFields.describe(root));
    }
    @SuppressWarnings("unchecked")
    JsonFields fields = new JsonFields(origin, "", (Map<String, Object>) root);
    Map<?, ?> map = (Map<?, ?>) root;
    if (!map.containsKey("model_type")) {
      throw new ConfigException(origin + ": no 'model_type' key; supported: " + supported(formats));
    }
    Object type = map.get("model_type");
    if (!(type instanceof String)) {
      throw new ConfigException(
          origin + ": 'model_type' must be a string, got " + JsonFields.describe(type));
    }
    ConfigFormat<?> format = formats.get(((String) type).toLowerCase(Locale.ROOT));
    if (format == null) {
      throw new ConfigException(
          origin + ": unsupported model_type '" + JsonFields.excerpt((String) type) + "'; supported: " + supported(formats));
    }
    return new ParsedConfig(format.read(fields), map.get("quantization_config"), maxPositions(map));
  }

  /** {@code max_position_embeddings} of the text config, else of the top level; null unless a positive whole number. */
  private static java.math.BigInteger maxPositions(Map<?, ?> root) {
    Object text = root.get("text_config");
    Object v = text instanceof Map<?, ?> m && m.containsKey("max_position_embeddings")
        ? m.get("max_position_embeddings")
        : root.get("max_position_embeddings");
    java.math.BigInteger n = JsonFields.wholeNumber(v);
    return n == null || n.signum() <= 0 ? null : n;
  }

  /** The JSON value in {@code json}, which must hold exactly one value. */
  static Object parse(byte[] json, String origin) {
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ConfigException(origin + ": malformed JSON: the file is empty");
      }
      Object value = value(p, first);
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new ConfigException(
            origin
                + ": malformed JSON at line "
                + at.getLineNr()
                + ", column "
                + at.getColumnNr()
                + ": extra data after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String what = firstLine(e.getOriginalMessage());
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(origin + ": malformed JSON" + where + ": " + what, e);
    } catch (IOException e) {
      throw new ConfigException(origin + ": cannot read JSON: " + e.getMessage(), e);
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          map.put(name, value(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          list.add(value(p, e));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getBigIntegerValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalStateException("unexpected JSON token " + t);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
