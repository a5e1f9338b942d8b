package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.graph.Graphs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layer sets counted over every range of a small model against their definition, one index at a
 * time, and the sets the families read from their configs.
 */
class LayersTest {

  private static void matchesItsMembers(Layers set) {
    for (long from = 0; from <= 40; from++) {
      for (long to = from; to <= 40; to++) {
        long members = 0;
        for (long i = from; i < to; i++) {
          if (set.contains(i)) {
            members++;
          }
        }
        assertThat(set.count(from, to)).as(set + " over [" + from + ", " + to + ")").isEqualTo(members);
      }
    }
  }

  @Test
  void everyKindCountsItsMembers() {
    Layers.Listed listed = Layers.Listed.of(List.of(3L, 0L, 17L, 3L, 39L));
    for (Layers set :
        List.of(
            Layers.ALL,
            Layers.NONE,
            new Layers.From(7),
            new Layers.Every(1),
            new Layers.Every(4),
            new Layers.EvenBelow(13),
            new Layers.EvenBelow(0),
            listed,
            new Layers.Without(new Layers.Every(2), listed),
            new Layers.Not(new Layers.Every(4)),
            new Layers.Not(listed))) {
      matchesItsMembers(set);
    }
  }

  @Test
  void definitions() {
    // Every(4): layers 3, 7, 11, … ((i + 1) a multiple of 4).
    assertThat(new Layers.Every(4).contains(3)).isTrue();
    assertThat(new Layers.Every(4).contains(4)).isFalse();
    assertThat(new Layers.EvenBelow(5).contains(4)).isTrue();
    assertThat(new Layers.EvenBelow(5).contains(6)).isFalse();
    assertThat(new Layers.From(3).count(0, 10)).isEqualTo(7);
  }

  @Test
  void countsStayExactAtTheTopOfALong() {
    long max = Long.MAX_VALUE;
    assertThat(new Layers.EvenBelow(max).count(0, max)).isEqualTo(max / 2 + 1);
    assertThat(new Layers.Every(2).count(0, max)).isEqualTo(max / 2);
    assertThat(Layers.ALL.count(0, max)).isEqualTo(max);
  }

  private static ModelConfig read(String json) {
    return Graphs.readConfig(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void theFamiliesSayWhichLayers() {
    // qwen2_moe: experts in every second layer but those listed dense; sliding in even layers below 5.
    GqaConfig qwen =
        (GqaConfig)
            read(
                "{\"model_type\": \"qwen2_moe\", \"num_hidden_layers\": 12, \"decoder_sparse_step\": 2,"
                    + " \"mlp_only_layers\": [3, 4], \"use_sliding_window\": true, \"max_window_layers\": 5}");
    Layers moe = qwen.experts().orElseThrow().where();
    assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L).stream().filter(moe::contains))
        .containsExactly(1L, 5L, 7L, 9L, 11L);
    assertThat(qwen.slidingWindow().where().count(0, 12)).isEqualTo(3);
    assertThat(qwen.slidingWindow().where().contains(4)).isTrue();
    // An explicit layer_types list.
    GqaConfig listed =
        (GqaConfig)
            read(
                "{\"model_type\": \"mistral\", \"num_hidden_layers\": 4, \"layer_types\":"
                    + " [\"sliding_attention\", \"full_attention\", \"full_attention\", \"sliding_attention\"]}");
    assertThat(listed.slidingWindow().where()).isEqualTo(Layers.Listed.of(List.of(0L, 3L)));
    // DeepSeek-V3: experts from first_k_dense_replace on.
    DeepseekV3Config deepseek = (DeepseekV3Config) read("{\"model_type\": \"deepseek_v3\"}");
    assertThat(deepseek.experts().where()).isEqualTo(new Layers.From(3));
    // Llama 4: NoPE layers from a no_rope_layers list, else every fourth.
    Llama4Config scout =
        (Llama4Config)
            read("{\"model_type\": \"llama4\", \"text_config\": {\"num_hidden_layers\": 4, \"no_rope_layers\": [1, 0, 1, 0]}}");
    assertThat(scout.noRope()).isEqualTo(Layers.Listed.of(List.of(1L, 3L)));
    assertThat(((Llama4Config) read("{\"model_type\": \"llama4\"}")).noRope()).isEqualTo(new Layers.Every(4));
  }
}
