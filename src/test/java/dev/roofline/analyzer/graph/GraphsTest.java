package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ModelConfig;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry against the sealed config hierarchy: every config record a family can be read
 * into is registered exactly once, with a format and a graph builder, so that a family added
 * without its builder fails here rather than in a user's run.
 */
class GraphsTest {

  /** The records below {@code type} in the sealed hierarchy (sealed interfaces are walked down). */
  private static List<Class<?>> records(Class<?> type) {
    List<Class<?>> found = new ArrayList<>();
    if (type.isRecord()) {
      found.add(type);
    }
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted != null) {
      for (Class<?> sub : permitted) {
        found.addAll(records(sub));
      }
    }
    return found;
  }

  @Test
  void everyConfigRecordHasExactlyOneFamily() {
    List<Class<?>> registered = new ArrayList<>();
    for (Graphs.Family<?> f : Graphs.families()) {
      registered.add(f.format().type());
    }
    assertThat(records(ModelConfig.class)).isNotEmpty().containsExactlyInAnyOrderElementsOf(registered);
    assertThat(registered).doesNotHaveDuplicates();
  }

  static Stream<String> modelTypes() {
    List<String> types = new ArrayList<>();
    for (Graphs.Family<?> f : Graphs.families()) {
      types.addAll(f.modelTypes());
    }
    return types.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelTypes")
  void eachModelTypeReadsItsFamilysRecordWithAllDefaultsAndBuilds(String type) {
    ModelConfig config = Graphs.readConfig(("{\"model_type\": \"" + type + "\"}").getBytes(StandardCharsets.UTF_8), "t.json");
    assertThat(config.modelType()).isEqualTo(type);
    Graphs.Family<?> family = null;
    for (Graphs.Family<?> f : Graphs.families()) {
      if (f.modelTypes().contains(type)) {
        family = f;
      }
    }
    assertThat(family).isNotNull();
    assertThat(config).isExactlyInstanceOf(family.format().type());
    Graph graph = Graphs.build(config, Query.of(List.of(BigInteger.TEN), List.of(BigInteger.TWO), null));
    assertThat(graph.nodes()).isNotEmpty();
    assertThat(graph.blocks()).isEqualTo(config.numHiddenLayers());
  }
}
