package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ModelConfig;

/** Expands the blocks of one architecture into its cost graph for a batch of queries. */
@FunctionalInterface
public interface GraphBuilder<C extends ModelConfig> {
  Graph build(C config, Query query);
}
