package dev.roofline.analyzer.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code quantization_config} says about the linear weights, their inputs and the KV cache:
 * one or more groups, each a weight format and an input type for the linear modules it targets,
 * less the modules a list keeps at the config dtype.
 */
final class QuantizationScheme {
  static final List<String> SUPPORTED = List.of("awq", "compressed-tensors", "fp8", "gptq");

  /** gpt_oss's, with the MXFP4 of its experts. */
  static final List<String> SUPPORTED_GPT_OSS = List.of("awq", "compressed-tensors", "fp8", "gptq", "mxfp4");

  private static final String WEIGHT_STRATEGIES = "tensor, channel, group, block, tensor_group";

  /**
   * The format and input type of the linear modules {@code targets} selects (null: every linear
   * module).
   */
  record Group(TargetList targets, WeightFormat format, ElementType input) {}

  private final List<Group> groups;
  private final TargetList ignore;
  private final NotConvertList notConvert;
  private final ElementType kv;

  private QuantizationScheme(
      List<Group> groups, TargetList ignore, NotConvertList notConvert, ElementType kv) {
    this.groups = List.copyOf(groups);
    this.ignore = ignore;
    this.notConvert = notConvert;
    this.kv = kv;
  }

  /** The first group: the one outputs name and whose input type picks the device peak. */
  Group first() {
    return groups.get(0);
  }

  /**
   * Whether a module's group may depend on its name: some list names modules (targets other than
   * the class {@code Linear}, {@code ignore}, {@code modules_to_not_convert}). Otherwise every
   * linear module has the first group.
   */
  boolean namesModules() {
    if ((ignore != null && ignore.namesModules()) || (notConvert != null && !notConvert.isEmpty())) {
      return true;
    }
    for (Group g : groups) {
      if (g.targets() != null && g.targets().namesModules()) {
        return true;
      }
    }
    return false;
  }

  /**
   * What matching one module name against the lists costs: the instructions of their patterns
   * (see {@link ModulePattern}), and one for each look-up.
   */
  long nameCost() {
    long c = (ignore == null ? 0 : ignore.cost()) + (notConvert == null ? 0 : notConvert.cost());
    for (Group g : groups) {
      c += g.targets() == null ? 0 : g.targets().cost();
    }
    return c;
  }

  /** The KV cache type, or null for the config dtype. */
  ElementType kv() {
    return kv;
  }

  /**
   * The group that governs a linear module, or null when the module stays at the config dtype. An
   * exact name beats a {@code re:} pattern, which beats the class {@code Linear}; among equals the
   * first group wins.
   */
  Group groupFor(String module) {
    if (ignore != null && ignore.match(module, true) != TargetList.NONE) {
      return null;
    }
    if (notConvert != null && notConvert.excludes(module)) {
      return null;
    }
    Group best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Group g : groups) {
      int rank = g.targets() == null ? TargetList.CLASS : g.targets().match(module, true);
      if (rank != TargetList.NONE && rank < bestRank) {
        best = g;
        bestRank = rank;
      }
    }
    return best;
  }

  /**
   * Reads {@code quantization_config} for a model of {@code modelType} whose dtype is {@code
   * dtype}.
   *
   * @throws UnsupportedQuantizationException for a {@code quant_method} not in {@link #SUPPORTED}
   *     (or, for gpt_oss, {@link #SUPPORTED_GPT_OSS})
   * @throws ConfigException naming the key that is missing or malformed
   */
  static QuantizationScheme read(QuantFields qc, DType dtype, String modelType, String origin) {
    boolean gptOss = "gpt_oss".equals(modelType.toLowerCase(Locale.ROOT));
    List<String> supported = gptOss ? SUPPORTED_GPT_OSS : SUPPORTED;
    String method = qc.string("quant_method", null);
    if (method == null) {
      throw qc.error("quant_method", "is required (supported: " + String.join(", ", supported) + ")");
    }
    // The patterns of all the config's lists share one budget.
    ModulePattern.Budget patterns = new ModulePattern.Budget();
    return switch (method) {
      case "fp8" -> fp8(qc, dtype, modelType, patterns);
      case "awq" -> awq(qc, dtype, patterns);
      case "gptq" -> gptq(qc, dtype);
      case "compressed-tensors" -> compressedTensors(qc, dtype, patterns);
      case "mxfp4" -> {
        if (!gptOss) {
          throw new UnsupportedQuantizationException(origin, method, supported);
        }
        yield mxfp4(qc, dtype, patterns);
      }
      default -> throw new UnsupportedQuantizationException(origin, method, supported);
    };
  }

  /**
   * gpt-oss's MXFP4: the routed experts' weights only ({@code GptOssExperts}), less those
   * {@code modules_to_not_convert} keeps; activations and KV cache at the config dtype.
   */
  private static QuantizationScheme mxfp4(QuantFields qc, DType dtype, ModulePattern.Budget patterns) {
    return new QuantizationScheme(
        List.of(new Group(TargetList.experts(), new WeightFormat.Mxfp4(), ElementType.of(dtype))),
        null,
        NotConvertList.read(qc, "modules_to_not_convert", patterns),
        null);
  }

  /**
   * transformers' fine-grained FP8: fp8 values, one scale per {@code weight_block_size} block;
   * DeepSeek-V3 and Kimi K2 store fp32 scales, others (Qwen3 FP8) the config dtype.
   */
  private static QuantizationScheme fp8(
      QuantFields qc, DType dtype, String modelType, ModulePattern.Budget patterns) {
    long[] block = qc.positivePair("weight_block_size");
    ScaleBlock scales = block == null ? new ScaleBlock(128, 128) : new ScaleBlock(block[0], block[1]);
    String type = modelType.toLowerCase(Locale.ROOT);
    int c = type.equals("deepseek_v3") || type.equals("kimi_k2") ? 4 : dtype.bytes();
    WeightFormat format = new WeightFormat.Scaled8Bit(ElementType.FP8, scales, c, false, false);
    return new QuantizationScheme(
        List.of(new Group(null, format, ElementType.FP8)),
        null,
        NotConvertList.read(qc, "modules_to_not_convert", patterns),
        null);
  }

  /** AutoAWQ: 4-bit values, fp16 scales and (with {@code zero_point}) 4-bit zeros per group. */
  private static QuantizationScheme awq(QuantFields qc, DType dtype, ModulePattern.Budget patterns) {
    long bits = qc.required("bits", "for awq");
    if (bits != 4) {
      throw qc.error("bits", "must be 4 for awq, got " + bits);
    }
    long group = qc.positive("group_size", 128);
    WeightFormat format = new WeightFormat.GroupedInt(4, group, 2, qc.bool("zero_point", true), false);
    return new QuantizationScheme(
        List.of(new Group(null, format, ElementType.of(dtype))),
        null,
        NotConvertList.read(qc, "modules_to_not_convert", patterns),
        null);
  }

  /** GPTQ: b-bit values, fp16 scales, b-bit zeros per group (−1: one group), and {@code g_idx}. */
  private static QuantizationScheme gptq(QuantFields qc, DType dtype) {
    long bits = qc.required("bits", "for gptq");
    if (bits != 2 && bits != 3 && bits != 4 && bits != 8) {
      throw qc.error("bits", "must be 2, 3, 4 or 8 for gptq, got " + bits);
    }
    Long group = qc.whole("group_size");
    long size = group == null ? 128 : group;
    if (size == 0 || size < -1) {
      throw qc.error("group_size", "must be a positive integer or -1, got " + size);
    }
    WeightFormat format =
        new WeightFormat.GroupedInt((int) bits, size == -1 ? 0 : size, 2, true, true);
    return new QuantizationScheme(
        List.of(new Group(null, format, ElementType.of(dtype))), null, null, null);
  }

  /** compressed-tensors: {@code config_groups}, {@code ignore}, {@code kv_cache_scheme}. */
  private static QuantizationScheme compressedTensors(
      QuantFields qc, DType dtype, ModulePattern.Budget patterns) {
    String format = qc.string("format", null);
    List<QuantFields> entries = qc.objects("config_groups");
    if (entries.isEmpty()) {
      throw qc.error("config_groups", "must hold at least one group");
    }
    List<Group> groups = new ArrayList<>(entries.size());
    for (QuantFields g : entries) {
      TargetList targets = TargetList.read(g, "targets", patterns);
      if (targets.isEmpty()) {
        throw g.error("targets", "must list at least one target");
      }
      QuantFields in = g.object("input_activations");
      ElementType input = in == null ? ElementType.of(dtype) : inputType(in);
      QuantFields w = g.object("weights");
      WeightFormat wf =
          w == null
              ? WeightFormat.Unquantized.of(dtype)
              : weights(w, g.string("format", format), in, dtype.bytes());
      groups.add(new Group(targets, wf, input));
    }
    return new QuantizationScheme(groups, TargetList.read(qc, "ignore", patterns), null, kvType(qc));
  }

  /** {@code input_activations}: 8-bit float → fp8, 8-bit int → int8, 4-bit float → fp4. */
  private static ElementType inputType(QuantFields in) {
    long bits = in.required("num_bits", "");
    boolean isFloat = isFloat(in, "int");
    if (bits == 8) {
      return isFloat ? ElementType.FP8 : ElementType.INT8;
    }
    if (bits == 4 && isFloat) {
      return ElementType.FP4;
    }
    throw in.error("num_bits", "must be 8, or 4 with type float, got " + bits);
  }

  /**
   * {@code kv_cache_scheme.num_bits} 8 → fp8 (int8 when its type says int; float when it has no
   * type); absent → dtype.
   */
  private static ElementType kvType(QuantFields qc) {
    QuantFields kv = qc.object("kv_cache_scheme");
    if (kv == null) {
      return null;
    }
    long bits = kv.required("num_bits", "");
    if (bits != 8) {
      throw kv.error("num_bits", "must be 8, got " + bits);
    }
    return isFloat(kv, "float") ? ElementType.FP8 : ElementType.INT8;
  }

  /**
   * {@code type}: int or float; {@code fallback} when absent (int for weights and activations, as
   * compressed-tensors, float for the KV cache).
   */
  private static boolean isFloat(QuantFields f, String fallback) {
    String type = f.string("type", fallback);
    if (!type.equals("int") && !type.equals("float")) {
      throw f.error("type", "must be \"int\" or \"float\", got " + JsonFields.describe(type));
    }
    return type.equals("float");
  }

  /** The format of the weights of one config group. */
  private static WeightFormat weights(QuantFields w, String format, QuantFields in, int s) {
    long bits = w.required("num_bits", "");
    boolean isFloat = isFloat(w, "int");
    boolean symmetric = w.bool("symmetric", true);
    ScaleBlock block = scaleBlock(w);
    boolean staticInput = in != null && isStatic(in);
    if (isFloat && bits == 8) {
      return new WeightFormat.Scaled8Bit(ElementType.FP8, block, s, false, staticInput);
    }
    if (isFloat && bits == 4) {
      return new WeightFormat.Nvfp4(block.cols() == 0 ? 16 : block.cols(), in == null ? 1 : 2);
    }
    if (isFloat) {
      throw w.error("num_bits", "must be 8 or 4 for float weights, got " + bits);
    }
    if (bits < 2 || bits > 8) {
      throw w.error("num_bits", "must be 2 to 8 for int weights, got " + bits);
    }
    if (bits == 8 && !"pack-quantized".equals(format)) {
      return new WeightFormat.Scaled8Bit(ElementType.INT8, block, s, !symmetric, staticInput);
    }
    return new WeightFormat.PackedInt((int) bits, block, s, !symmetric, isGroupOrder(w));
  }

  /**
   * The scale block of a {@code strategy}; without one, as compressed-tensors infers it: a group
   * size makes it group (−1: channel), a block structure block, else tensor.
   */
  private static ScaleBlock scaleBlock(QuantFields w) {
    String strategy = w.string("strategy", null);
    Long group = w.whole("group_size");
    if (group != null && (group == 0 || group < -1)) {
      throw w.error("group_size", "must be a positive integer or -1, got " + group);
    }
    if (strategy == null) {
      if (group != null) {
        return group == -1 ? ScaleBlock.CHANNEL : ScaleBlock.group(group);
      }
      strategy = w.isNull("block_structure") ? "tensor" : "block";
    }
    switch (strategy) {
      case "tensor" -> {
        return ScaleBlock.TENSOR;
      }
      case "channel" -> {
        return ScaleBlock.CHANNEL;
      }
      case "group", "tensor_group" -> {
        if (group == null || group < 0) {
          throw w.error("group_size", "is required, a positive integer, for strategy " + strategy);
        }
        return ScaleBlock.group(group);
      }
      case "block" -> {
        long[] b = w.positivePair("block_structure");
        if (b == null) {
          throw w.error("block_structure", "is required for strategy block");
        }
        return new ScaleBlock(b[0], b[1]);
      }
      default -> throw w.error(
          "strategy",
          "must be one of " + WEIGHT_STRATEGIES + ", got " + JsonFields.describe(strategy));
    }
  }

  /** Static activations (compressed-tensors' default): {@code dynamic} false or absent. */
  private static boolean isStatic(QuantFields in) {
    if (in.isNull("dynamic")) {
      return true;
    }
    String local = in.isString("dynamic") ? in.string("dynamic", null) : null;
    if (local != null) {
      if (!local.equals("local")) {
        throw in.error("dynamic", "must be true, false or \"local\", got " + JsonFields.describe(local));
      }
      return false;
    }
    return !in.bool("dynamic", false);
  }

  /** {@code actorder} group (or true) stores a {@code g_idx} of K int32s. */
  private static boolean isGroupOrder(QuantFields w) {
    if (w.isString("actorder")) {
      return w.string("actorder", null).equals("group");
    }
    return w.bool("actorder", false);
  }
}
