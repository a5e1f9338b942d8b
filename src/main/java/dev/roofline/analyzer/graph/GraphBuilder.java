package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ModelConfig;

/**
 * Expands the blocks of one architecture into its symbolic operators, with its projections'
 * tensors at a run's precision. It counts nothing: a {@link CostModel} evaluates the graph.
 */
@FunctionalInterface
interface GraphBuilder<C extends ModelConfig> {
  OperatorGraph build(C config, Tensors tensors);
}
