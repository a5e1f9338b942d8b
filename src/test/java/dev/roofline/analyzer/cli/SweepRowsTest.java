package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every row of a sweep is the single run of its scenario: a sweep that varies every key, each
 * row's figures against the JSON of the run with those values as options, and each invalid row's
 * reason against the error that run gives. The scenarios are walked here in nested loops, in the
 * order the sweeps are given, the last fastest.
 */
class SweepRowsTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  /** A mixture of experts (so that ep can vary): 32 heads, 4 key/value heads, 48 layers, 128 experts. */
  private static final String MODEL = "Qwen/Qwen3-30B-A3B";

  private static final String[] BATCH = {"2", "8"};
  private static final String[] CACHED = {"0", "1000"};
  private static final String[] INPUT = {"1", "17"};
  private static final String[] OUTPUT = {"1", "3"};
  private static final String[] DEGREES = {"1", "2"};
  /** The t4 has no bf16 peak: its scenarios break a rule of the device. */
  private static final String[] DEVICES = {"h100-sxm", "mi300x", "t4"};

  private static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("--offline", "--format", "json"));
    all.addAll(List.of(args));
    all.add("--");
    all.add(MODEL);
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void everyRowIsTheSingleRunOfItsScenario() throws Exception {
    CliRun sweep =
        run("--sweep", "batch=2,8", "--sweep", "cached=0,1000", "--sweep", "input=1,17", "--sweep", "output=1,3",
            "--sweep", "tp=1,2", "--sweep", "dp=1..2", "--sweep", "ep=1..2:x2", "--sweep", "pp=1,2",
            "--sweep", "device=h100-sxm,MI300X,t4");
    assertThat(sweep.exitCode()).as(sweep.describe()).isZero();
    List<String> lines = sweep.out().lines().toList();
    assertThat(lines).hasSize(2 * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 3);
    int i = 0;
    int valid = 0;
    int invalid = 0;
    for (String b : BATCH) {
      for (String c : CACHED) {
        for (String in : INPUT) {
          for (String o : OUTPUT) {
            for (String tp : DEGREES) {
              for (String dp : DEGREES) {
                for (String ep : DEGREES) {
                  for (String pp : DEGREES) {
                    for (String d : DEVICES) {
                      JsonNode row = JSON.readTree(lines.get(i++));
                      String[] keys = {b, c, in, o, tp, dp, ep, pp};
                      String[] names = {"batch", "cached", "input", "output", "tp", "dp", "ep", "pp"};
                      for (int k = 0; k < keys.length; k++) {
                        assertThat(row.get(names[k]).asText()).isEqualTo(keys[k]);
                      }
                      assertThat(row.get("device").asText()).isEqualTo(d);
                      CliRun single =
                          run("--batch-size", b, "--cached-tokens", c, "--input-tokens", in, "--output-tokens", o,
                              "--tp", tp, "--dp", dp, "--ep", ep, "--pp", pp, "--device", d);
                      String scenario = row.toString() + "\n" + single.describe();
                      if (single.exitCode() == 0) {
                        valid++;
                        sameFigures(row, JSON.readTree(single.out()), scenario);
                      } else {
                        invalid++;
                        assertThat(single.exitCode()).as(scenario).isEqualTo(Main.EXIT_USAGE);
                        assertThat(row.get("valid").booleanValue()).as(scenario).isFalse();
                        assertThat(single.err())
                            .as(scenario)
                            .isEqualTo("error: " + row.get("reason").asText() + " (see '" + Main.NAME + " --help')\n");
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    // Both kinds are many: the batch of 2 does not split into 2 × 2, ep 2 needs tp·dp ≥ 2, the t4 has no bf16 peak.
    assertThat(valid).isGreaterThan(150);
    assertThat(invalid).isGreaterThan(150);
  }

  /** The row's figures against the single run's: the request's with output tokens, else the step's. */
  private static void sameFigures(JsonNode row, JsonNode single, String scenario) {
    assertThat(row.get("valid").booleanValue()).as(scenario).isTrue();
    assertThat(row.get("reason").isNull()).as(scenario).isTrue();
    JsonNode step = single.get("step");
    JsonNode request = single.get("request");
    JsonNode parallel = single.get("parallelism");
    same(row, "devices", parallel == null ? BigDecimal.ONE : parallel.get("devices").decimalValue(), scenario);
    same(row, "step_time_s", request.get("ttft_s"), scenario);
    same(row, "tpot_s", request.get("tpot_s"), scenario);
    same(row, "e2e_s", request.get("e2e_s"), scenario);
    same(row, "tokens_per_s", request.get("output_tokens_per_s"), scenario);
    same(row, "tokens_per_s_per_device", request.get("output_tokens_per_s_per_device"), scenario);
    same(row, "tokens_per_s_per_query", request.get("output_tokens_per_s_per_query"), scenario);
    same(row, "memory_per_device_bytes", request.get("needed_bytes"), scenario);
    assertThat(row.get("fits")).as(scenario).isEqualTo(request.get("fits"));
    same(row, "compute_bound_share", step.get("compute_bound_share"), scenario);
    same(row, "communication_share", parallel == null ? BigDecimal.ZERO : step.get("communication_share").decimalValue(), scenario);
  }

  private static void same(JsonNode row, String name, JsonNode expected, String scenario) {
    if (expected.isNull()) {
      assertThat(row.get(name).isNull()).as(name + " of " + scenario).isTrue();
    } else {
      same(row, name, expected.decimalValue(), scenario);
    }
  }

  private static void same(JsonNode row, String name, BigDecimal expected, String scenario) {
    assertThat(row.get(name).decimalValue()).as(name + " of " + scenario).isEqualByComparingTo(expected);
  }

  /**
   * Without output tokens the rates are the step's: tokens/s, per device (the instance's ÷ its
   * devices), per query (tokens/s ÷ the batch, which the single run does not print: checked to
   * the rounding of its tokens/s).
   */
  @Test
  void withoutOutputTokensTheRowIsTheStep() throws Exception {
    CliRun sweep =
        run("--sweep", "tp=1,8", "--sweep", "pp=1,2", "--cached-tokens", "4096", "--batch-size", "16", "--device", "h200-sxm");
    assertThat(sweep.exitCode()).as(sweep.describe()).isZero();
    List<String> lines = sweep.out().lines().toList();
    int i = 0;
    for (String tp : new String[] {"1", "8"}) {
      for (String pp : new String[] {"1", "2"}) {
        JsonNode row = JSON.readTree(lines.get(i++));
        CliRun single = run("--tp", tp, "--pp", pp, "--cached-tokens", "4096", "--batch-size", "16", "--device", "h200-sxm");
        JsonNode json = JSON.readTree(single.out());
        JsonNode step = json.get("step");
        JsonNode split = json.get("memory_per_device");
        String scenario = row.toString();
        assertThat(row.has("tpot_s")).isFalse();
        assertThat(row.has("e2e_s")).isFalse();
        same(row, "step_time_s", step.get("time_s"), scenario);
        same(row, "tokens_per_s", step.get("tokens_per_s"), scenario);
        same(row, "tokens_per_s_per_device", split == null ? step.get("tokens_per_s") : step.get("tokens_per_s_per_device"), scenario);
        same(row, "memory_per_device_bytes", split == null ? json.get("memory").get("needed_bytes") : split.get("total_bytes"), scenario);
        assertThat(row.get("fits")).isEqualTo(split == null ? json.get("memory").get("fits") : split.get("fits"));
        assertThat(row.get("tokens_per_s_per_query").doubleValue())
            .isCloseTo(step.get("tokens_per_s").doubleValue() / 16, withinPercentage(1e-12));
      }
    }
  }
}
