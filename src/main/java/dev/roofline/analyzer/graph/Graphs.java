package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ConfigFormat;
import dev.roofline.analyzer.config.ConfigReader;
import dev.roofline.analyzer.config.DeepseekV3Config;
import dev.roofline.analyzer.config.Llama4Config;
import dev.roofline.analyzer.config.LlamaConfig;
import dev.roofline.analyzer.config.MistralConfig;
import dev.roofline.analyzer.config.MixtralConfig;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Qwen2Config;
import dev.roofline.analyzer.config.Qwen2MoeConfig;
import dev.roofline.analyzer.config.Qwen3Config;
import dev.roofline.analyzer.config.Qwen3MoeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The supported families, each registered once, here: the {@code model_type} names it reads, the
 * format that reads its config into its record, and the builder of its cost graph. Reading a
 * config and building its graph both go through this table, so a family cannot be read without
 * being buildable.
 */
public final class Graphs {

  /** One family: its model types, its config format, its graph builder. */
  record Family<C extends ModelConfig>(
      List<String> modelTypes, ConfigFormat<C> format, GraphBuilder<? super C> builder) {

    Family {
      modelTypes = List.copyOf(modelTypes);
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(builder, "builder");
    }

    Graph build(ModelConfig config, Query query) {
      return builder.build(format.type().cast(config), query);
    }
  }

  private static final GqaGraph GQA = new GqaGraph();

  /** The registry. A new family is one line here. */
  private static final List<Family<?>> FAMILIES =
      List.of(
          family(LlamaConfig.FORMAT, new LlamaGraph(), "llama"),
          family(Llama4Config.FORMAT, new Llama4Graph(), "llama4"),
          family(MistralConfig.FORMAT, GQA, "mistral"),
          family(Qwen2Config.FORMAT, GQA, "qwen2"),
          family(Qwen3Config.FORMAT, GQA, "qwen3"),
          family(MixtralConfig.FORMAT, GQA, "mixtral"),
          family(Qwen2MoeConfig.FORMAT, GQA, "qwen2_moe"),
          family(Qwen3MoeConfig.FORMAT, GQA, "qwen3_moe"),
          family(DeepseekV3Config.FORMAT, new DeepseekV3Graph(), "deepseek_v3", "kimi_k2"));

  private static final Map<String, ConfigFormat<?>> BY_MODEL_TYPE = new HashMap<>();
  private static final Map<Class<?>, Family<?>> BY_RECORD = new HashMap<>();

  static {
    for (Family<?> f : FAMILIES) {
      for (String type : f.modelTypes()) {
        if (BY_MODEL_TYPE.put(type, f.format()) != null) {
          throw new IllegalStateException("model_type registered twice: " + type);
        }
      }
      if (BY_RECORD.put(f.format().type(), f) != null) {
        throw new IllegalStateException("config record registered twice: " + f.format().type());
      }
    }
  }

  private Graphs() {}

  private static <C extends ModelConfig> Family<C> family(
      ConfigFormat<C> format, GraphBuilder<? super C> builder, String... modelTypes) {
    return new Family<>(List.of(modelTypes), format, builder);
  }

  /** The registered families, in registration order. */
  static List<Family<?>> families() {
    return FAMILIES;
  }

  /**
   * The config in {@code json}, read by the family its {@code model_type} names; {@code origin}
   * names the file or repo in error messages.
   *
   * @throws dev.roofline.analyzer.config.ConfigException if it is malformed or not supported
   */
  public static ModelConfig readConfig(byte[] json, String origin) {
    return ConfigReader.read(json, origin, BY_MODEL_TYPE);
  }

  /** The cost graph of {@code config} for {@code query}. */
  public static Graph build(ModelConfig config, Query query) {
    Family<?> family = BY_RECORD.get(config.getClass());
    if (family == null) {
      throw new IllegalStateException("no family registered for " + config.getClass().getName());
    }
    return family.build(config, query);
  }
}
