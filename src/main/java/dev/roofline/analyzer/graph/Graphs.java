package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ConfigFormat;
import dev.roofline.analyzer.config.ConfigReader;
import dev.roofline.analyzer.config.DeepseekV3Config;
import dev.roofline.analyzer.config.Gemma2Config;
import dev.roofline.analyzer.config.Gemma3Config;
import dev.roofline.analyzer.config.Glm4MoeConfig;
import dev.roofline.analyzer.config.GptOssConfig;
import dev.roofline.analyzer.config.Llama4Config;
import dev.roofline.analyzer.config.LlamaConfig;
import dev.roofline.analyzer.config.MistralConfig;
import dev.roofline.analyzer.config.MixtralConfig;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.ParsedConfig;
import dev.roofline.analyzer.config.Phi3Config;
import dev.roofline.analyzer.config.PhimoeConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.config.Qwen2Config;
import dev.roofline.analyzer.config.Qwen2MoeConfig;
import dev.roofline.analyzer.config.Qwen3Config;
import dev.roofline.analyzer.config.Qwen3MoeConfig;
import dev.roofline.analyzer.config.Qwen3NextConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The supported families, each registered once, here: the {@code model_type} names it reads, the
 * format that reads its config into its record, the builder of its cost graph, and how its
 * checkpoint names its projections' modules. Reading a config and building its graph both go
 * through this table, by {@code model_type}, so a family cannot be read without being buildable.
 * A family is its record (with its format), a builder (most share {@link GqaGraph}) and one line
 * here; a record read from two layouts (a text model alone, or inside a multimodal config) may
 * have a line for each, with the module names of each checkpoint.
 */
public final class Graphs {

  /** One family: its model types, its config format, its graph builder, its module names. */
  record Family<C extends ModelConfig>(
      List<String> modelTypes, ConfigFormat<C> format, GraphBuilder<? super C> builder, ModuleNames names) {

    Family {
      modelTypes = List.copyOf(modelTypes);
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(builder, "builder");
      Objects.requireNonNull(names, "names");
    }

    OperatorGraph build(ModelConfig config, Precision precision) {
      return builder.build(format.type().cast(config), new Tensors(precision, names));
    }
  }

  private static final GqaGraph GQA = new GqaGraph();

  /** The registry. A new family is one line here. */
  private static final List<Family<?>> FAMILIES =
      List.of(
          family(LlamaConfig.FORMAT, new LlamaGraph(), ModuleNames.LLAMA, "llama"),
          family(Llama4Config.FORMAT, new Llama4Graph(), ModuleNames.LLAMA4, "llama4"),
          family(MistralConfig.FORMAT, GQA, ModuleNames.LLAMA, "mistral"),
          family(Qwen2Config.FORMAT, GQA, ModuleNames.LLAMA, "qwen2"),
          family(Qwen3Config.FORMAT, GQA, ModuleNames.LLAMA, "qwen3"),
          family(MixtralConfig.FORMAT, GQA, ModuleNames.MIXTRAL, "mixtral"),
          family(Qwen2MoeConfig.FORMAT, GQA, ModuleNames.LLAMA, "qwen2_moe"),
          family(Qwen3MoeConfig.FORMAT, GQA, ModuleNames.LLAMA, "qwen3_moe"),
          family(DeepseekV3Config.FORMAT, new DeepseekV3Graph(), ModuleNames.DEEPSEEK_V3, "deepseek_v3", "kimi_k2"),
          family(Gemma2Config.FORMAT, GQA, ModuleNames.LLAMA, "gemma2"),
          family(Gemma3Config.FORMAT, GQA, ModuleNames.LLAMA, "gemma3_text"),
          family(Gemma3Config.MULTIMODAL, GQA, ModuleNames.MULTIMODAL, "gemma3"),
          family(Phi3Config.FORMAT, GQA, ModuleNames.PHI3, "phi3"),
          family(PhimoeConfig.FORMAT, GQA, ModuleNames.MIXTRAL, "phimoe"),
          family(GptOssConfig.FORMAT, GQA, ModuleNames.GPT_OSS, "gpt_oss"),
          family(Glm4MoeConfig.FORMAT, GQA, ModuleNames.DEEPSEEK_V3, "glm4_moe"),
          family(Qwen3NextConfig.FORMAT, GQA, ModuleNames.LLAMA, "qwen3_next"));

  private static final Map<String, ConfigFormat<?>> FORMATS = new HashMap<>();
  private static final Map<String, Family<?>> BY_MODEL_TYPE = new HashMap<>();

  static {
    for (Family<?> f : FAMILIES) {
      for (String type : f.modelTypes()) {
        if (BY_MODEL_TYPE.put(type, f) != null) {
          throw new IllegalStateException("model_type registered twice: " + type);
        }
        FORMATS.put(type, f.format());
      }
    }
  }

  private Graphs() {}

  private static <C extends ModelConfig> Family<C> family(
      ConfigFormat<C> format, GraphBuilder<? super C> builder, ModuleNames names, String... modelTypes) {
    return new Family<>(List.of(modelTypes), format, builder, names);
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
    return ConfigReader.read(json, origin, FORMATS);
  }

  /**
   * As {@link #readConfig}, keeping the config's raw {@code quantization_config} for the
   * precisions of a run.
   *
   * @throws dev.roofline.analyzer.config.ConfigException if it is malformed or not supported
   */
  public static ParsedConfig parseConfig(byte[] json, String origin) {
    return ConfigReader.readParsed(json, origin, FORMATS);
  }

  /** The step of {@code config} for {@code query} by the original's conventions, every tensor at the config's dtype. */
  public static Graph build(ModelConfig config, Query query) {
    return build(config, query, Precision.of(config.dtype()));
  }

  /** The step of {@code config} for {@code query} by the original's conventions, its tensors at {@code precision}. */
  public static Graph build(ModelConfig config, Query query, Precision precision) {
    return CostModel.ORIGINAL.evaluate(operators(config, precision), query);
  }

  /** The symbolic operators of {@code config}, its tensors at {@code precision}. */
  public static OperatorGraph operators(ModelConfig config, Precision precision) {
    Family<?> family = BY_MODEL_TYPE.get(config.modelType());
    if (family == null || !family.format().type().isInstance(config)) {
      throw new IllegalStateException("no family registered for " + config.modelType() + " as " + config.getClass().getName());
    }
    return family.build(config, precision);
  }
}
