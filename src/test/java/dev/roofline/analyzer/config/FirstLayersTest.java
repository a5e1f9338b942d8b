package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.graph.Graphs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The first layer with experts and the first dense layer of each mixture-of-experts family, by
 * transformers' rules, worked out by hand for each row.
 */
class FirstLayersTest {

  private static ModelConfig read(String json) {
    return Graphs.readConfig(json.getBytes(StandardCharsets.UTF_8), "t.json");
  }

  /** qwen2_moe and qwen3_moe: layer i has experts iff i ∉ mlp_only_layers and (i + 1) % step == 0. */
  @ParameterizedTest(name = "{0} step {1} dense-only {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # type    | step | mlp_only_layers | experts | dense
          # every layer has experts; no dense layer (0)
          qwen3_moe | 1    | []              | 0       | 0
          # layers 0 and 1 dense, then 2 and 3 with experts
          qwen3_moe | 1    | [1, 0]          | 2       | 0
          qwen2_moe | 1    | [3, 2]          | 0       | 2
          # step 2: layers 1, 3, 5, 7 on the step, the others dense
          qwen3_moe | 2    | []              | 1       | 0
          # 1 is dense-only: 3 is the first with experts
          qwen2_moe | 2    | [1]             | 3       | 0
          # step 3: 2, 5 on the step; 2 dense-only, 5 has experts
          qwen3_moe | 3    | [2, 4]          | 5       | 0
          """)
  void qwenMoe(String type, int step, String denseOnly, long experts, long dense) {
    ModelConfig c =
        read(
            "{\"model_type\": \""
                + type
                + "\", \"num_hidden_layers\": 8, \"decoder_sparse_step\": "
                + step
                + ", \"mlp_only_layers\": "
                + denseOnly
                + "}");
    assertThat(((GqaConfig) c).firstLayers()).isEqualTo(new FirstLayers(experts, dense));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config                                                                  | experts | dense
          # deepseek_v3: layers from first_k_dense_replace on have experts
          {"model_type": "deepseek_v3", "num_hidden_layers": 61}                      | 3       | 0
          {"model_type": "kimi_k2", "first_k_dense_replace": 1}                       | 1       | 0
          # llama4: moe_layers = step − 1, 2·step − 1, …
          {"model_type": "llama4", "text_config": {"interleave_moe_layer_step": 2}}   | 1       | 0
          {"model_type": "llama4"}                                                    | 0       | 0
          # every layer alike
          {"model_type": "mixtral"}                                                   | 0       | 0
          {"model_type": "qwen3"}                                                     | 0       | 0
          """)
  void otherFamilies(String json, long experts, long dense) {
    ModelConfig c = read(json);
    FirstLayers first;
    if (c instanceof DeepseekV3Config d) {
      first = d.firstLayers();
    } else if (c instanceof Llama4Config l) {
      first = l.firstLayers();
    } else {
      first = ((GqaConfig) c).firstLayers();
    }
    assertThat(first).isEqualTo(new FirstLayers(experts, dense));
  }
}
