package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Llama4Config;
import dev.roofline.analyzer.config.LlamaConfig;
import dev.roofline.analyzer.config.ModelConfig;
import java.util.Map;

/** The graph builder of each architecture, keyed by its config record. */
public final class Graphs {
  private static final Map<Class<? extends ModelConfig>, GraphBuilder<?>> BUILDERS =
      Map.of(LlamaConfig.class, new LlamaGraph(), Llama4Config.class, new Llama4Graph());

  private Graphs() {}

  /** The cost graph of {@code config} for {@code query}. */
  @SuppressWarnings("unchecked")
  public static <C extends ModelConfig> Graph build(C config, Query query) {
    GraphBuilder<C> builder = (GraphBuilder<C>) BUILDERS.get(config.getClass());
    if (builder == null) {
      throw new IllegalStateException("no graph builder for " + config.getClass().getName());
    }
    return builder.build(config, query);
  }
}
