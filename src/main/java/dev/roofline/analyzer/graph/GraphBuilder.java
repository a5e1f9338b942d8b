package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ModelConfig;

/**
 * Expands the blocks of one architecture into its cost graph for a batch of queries, with its
 * projections' tensors at a run's precision.
 */
@FunctionalInterface
interface GraphBuilder<C extends ModelConfig> {
  Graph build(C config, Query query, Tensors tensors);
}
