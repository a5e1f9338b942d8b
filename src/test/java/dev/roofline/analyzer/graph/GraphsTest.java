package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ModelConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry against the config records: every record a family can be read into (every record
 * of the config package that is a {@link ModelConfig}) is registered, with a format and a graph
 * builder, so that a family added without its registration line fails here rather than in a
 * user's run; and each model type is registered once.
 */
class GraphsTest {

  /** The records of the config package that implement {@link ModelConfig}, from its class files. */
  private static List<Class<?>> configRecords() throws IOException, URISyntaxException, ClassNotFoundException {
    String pkg = ModelConfig.class.getPackageName();
    // The folder of ModelConfig's own class file (the test classes have one of that package too).
    URL own = ModelConfig.class.getResource(ModelConfig.class.getSimpleName() + ".class");
    assertThat(own).as("ModelConfig's class file").isNotNull();
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(own.toURI()).getParent())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - 6));
          if (type.isRecord() && ModelConfig.class.isAssignableFrom(type)) {
            found.add(type);
          }
        }
      }
    }
    return found;
  }

  @Test
  void everyConfigRecordHasAFamily() throws Exception {
    Set<Class<?>> registered = new HashSet<>();
    List<String> types = new ArrayList<>();
    for (Graphs.Family<?> f : Graphs.families()) {
      registered.add(f.format().type());
      types.addAll(f.modelTypes());
    }
    assertThat(configRecords()).isNotEmpty().containsExactlyInAnyOrderElementsOf(registered);
    assertThat(types).doesNotHaveDuplicates();
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
    // glm4_moe's defaults (hidden size 4096, 96 heads) leave no whole head width: its configs set
    // head_dim (without it the config is refused, as FamilyErrorsTest shows).
    String extra = type.equals("glm4_moe") ? ", \"head_dim\": 128" : "";
    ModelConfig config =
        Graphs.readConfig(("{\"model_type\": \"" + type + "\"" + extra + "}").getBytes(StandardCharsets.UTF_8), "t.json");
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
