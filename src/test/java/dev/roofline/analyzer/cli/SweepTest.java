package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --sweep} through the command: its errors, its order, its outputs, its limits and its front. */
class SweepTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String LLAMA = "meta-llama/Llama-3.1-8B";

  private static CliRun run(String model, List<String> args) {
    List<String> all = new ArrayList<>(List.of("--offline"));
    all.addAll(args);
    all.add("--");
    all.add(model);
    return CliRun.of(all.toArray(String[]::new));
  }

  private static CliRun run(String args) {
    return run(LLAMA, List.of(args.split(" ")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --sweep size=1,2 --device h100-sxm                       | --sweep: unknown key 'size' in 'size=1,2' (keys: batch, cached, input, output, tp, dp, ep, pp, device)
          --sweep batch=64..8:x2 --device h100-sxm                 | --sweep batch=64..8:x2: the range is empty (64 is above 8)
          --sweep batch=1..8:y2 --device h100-sxm                  | --sweep batch=1..8:y2: VALUES must be a list of whole numbers (1,8,64) or a range A..B, A..B:xF or A..B:+S
          --sweep cached=0,8192 --cached-tokens 0 4 --input-tokens 1 1 --device h100-sxm | --sweep cached needs --cached-tokens to hold one value, or to be left out (it holds 2)
          --sweep input=1,512 --input-tokens 1 4 --cached-tokens 0 0 --device h100-sxm   | --sweep input needs --input-tokens to hold one value, or to be left out (it holds 2)
          --sweep tp=1,2                                           | --sweep needs a device to time the scenarios on: add --sweep device=ID,… or --device ID (see --list-devices), or --peak-flops and --mem-bandwidth
          --sweep tp=1,2 --sweep tp=4 --device h100-sxm            | --sweep tp is given twice: give each key once, with all its values
          --sweep device=h100-sxm,h100-sxn                         | unknown --sweep device 'h100-sxn'; closest: h100-sxm
          --sweep tp=1,2 --device h100-sxm --max-tpot 50ms         | --max-tpot needs output tokens to time: add --output-tokens N or --sweep output=VALUES
          --sweep tp=1,2 --device h100-sxm --max-ttft soon         | --max-ttft must be a time of at least 0, such as 10us, 5e-6 or 0.01ms (got 'soon')
          --sweep tp=1,2 --device h100-sxm --link-bandwidth fast   | --link-bandwidth must be a positive number
          --sweep tp=1,2 --device h100-sxm --output-tokens 0       | --output-tokens must be at least 1 (got 0)
          --sweep tp=1,2 --device h100-sxm --tp 0                  | --tp must be a whole number of at least 1, such as 8 (got '0')
          --sweep tp=1,2 --device h100-sxm --batch-size 3 --cached-tokens 1 2 --input-tokens 1 1 | --batch-size must be a positive multiple of the number of values in --cached-tokens and --input-tokens (2), got 3
          --sweep tp=1,2 --mem-efficiency 0.5                      | a custom device needs both --peak-flops and --mem-bandwidth
          --sweep tp=1,2 --device h100-sxm --plot chart.txt        | --plot: 'chart.txt' must end in .svg or .png
          --pareto --device h100-sxm                               | --pareto keeps some scenarios of a sweep: add --sweep KEY=VALUES
          --max-ttft 1s --device h100-sxm                          | --max-ttft keeps some scenarios of a sweep: add --sweep KEY=VALUES
          """)
  void usageErrorsAreOneLineBeforeAnyScenario(String args, String message) {
    CliRun r = run(args);
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: " + message);
    assertThat(r.err().lines()).hasSize(1);
  }

  /** The cartesian product in the order the sweeps are given, the last varying fastest: the CSV's key columns. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --sweep tp=1,2 --sweep batch=1..4:x2             | tp,batch  | 1,1 1,2 1,4 2,1 2,2 2,4
          --sweep batch=1..4:x2 --sweep tp=1,2             | batch,tp  | 1,1 1,2 2,1 2,2 4,1 4,2
          --sweep cached=0..2:+1 --sweep device=a100-sxm-80gb,H100-SXM | cached,device | 0,a100-sxm-80gb 0,h100-sxm 1,a100-sxm-80gb 1,h100-sxm 2,a100-sxm-80gb 2,h100-sxm
          --sweep output=1,2 --sweep input=3 --sweep pp=2,1 | output,input,pp | 1,3,2 1,3,1 2,3,2 2,3,1
          """)
  void scenariosComeInTheCartesianOrder(String args, String keys, String expected) {
    List<String> all = new ArrayList<>(List.of(args.split(" ")));
    all.addAll(List.of("--device", "h100-sxm", "--format", "csv"));
    if (!keys.contains("batch")) {
      all.addAll(List.of("--batch-size", "2"));
    }
    CliRun r = run(LLAMA, all);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<String> lines = r.out().lines().toList();
    int n = keys.split(",").length;
    assertThat(lines.get(0)).startsWith(keys + ",devices,fits,");
    List<String> seen = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      seen.add(String.join(",", Arrays.asList(line.split(",")).subList(0, n)));
    }
    assertThat(seen).containsExactly(expected.split(" "));
  }

  /** Rules broken by some scenarios make rows with their reasons; the others run on. */
  @Test
  void invalidScenariosAreRowsAndTheRunGoesOn() {
    CliRun r = run("--format csv --sweep tp=0,1,3,8 --sweep batch=1,2 --device h100-sxm --dp 2");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out().lines().toList())
        .hasSize(9)
        .element(0)
        .isEqualTo(
            "tp,batch,devices,fits,memory_per_device_bytes,step_time_s,tokens_per_s,tokens_per_s_per_device,"
                + "tokens_per_s_per_query,compute_bound_share,communication_share,valid,reason");
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1)).isEqualTo("0,1,,,,,,,,,,false,\"--tp must be a whole number of at least 1, such as 8 (got '0')\"");
    assertThat(lines.get(3))
        .isEqualTo(
            "1,1,,,,,,,,,,false,--batch-size (1) must be a multiple of --dp × --pp × the values in --cached-tokens"
                + " (2 × 1 × 1 = 2): every attention group and micro-batch holds the same queries");
    assertThat(lines.get(4)).startsWith("1,2,2,true,").endsWith(",true,");
    assertThat(lines.get(6)).isEqualTo("3,2,,,,,,,,,,false,--tp 3 must divide the attention heads (32)");
    assertThat(lines.get(8)).startsWith("8,2,16,true,");
  }

  /** JSON Lines: one object per line, the CSV's columns as keys in its order, numbers and nulls. */
  @Test
  void jsonIsOneObjectPerLine() throws Exception {
    CliRun csv = run("--format csv --sweep tp=1,3 --sweep output=1,8 --device h100-sxm");
    CliRun json = run("--format json --sweep tp=1,3 --sweep output=1,8 --device h100-sxm");
    List<String> header = List.of(csv.out().lines().findFirst().orElseThrow().split(","));
    List<String> lines = json.out().lines().toList();
    assertThat(lines).hasSize(4);
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      List<String> keys = new ArrayList<>();
      row.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).isEqualTo(header);
    }
    JsonNode oneToken = JSON.readTree(lines.get(0));
    assertThat(oneToken.get("tpot_s").isNull()).isTrue();
    assertThat(oneToken.get("tokens_per_s_per_query").isNull()).isTrue();
    assertThat(oneToken.get("e2e_s").decimalValue()).isEqualTo(oneToken.get("step_time_s").decimalValue());
    JsonNode broken = JSON.readTree(lines.get(3));
    assertThat(broken.get("tp").isNumber()).isTrue();
    assertThat(broken.get("valid").booleanValue()).isFalse();
    assertThat(broken.get("step_time_s").isNull()).isTrue();
    assertThat(broken.get("reason").asText()).isEqualTo("--tp 3 must divide the attention heads (32)");
  }

  /**
   * The table ranks the rows that fit by tokens/s per device and names the best in its last line.
   * Llama 3.1 8B decoding at batch B on one H100 reads its 16 GB of weights once a step, so more
   * queries make more tokens per second: the largest batch that fits is the best, and 512 queries
   * of 8,192 tokens (512 GiB of KV cache) do not fit.
   */
  @Test
  void theTableRanksAndNamesTheBest() {
    CliRun r = run("--sweep batch=1..512:x8 --cached-tokens 8192 --device h100-sxm");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).matches("\\| +Rank \\| +batch \\| +Devices \\|  Fits  \\| +Memory per Device \\| +Step Time \\| .*");
    assertThat(lines.get(2)).matches("\\| +1 \\| +64 \\| +1 \\|  yes   \\| .*");
    assertThat(lines.get(3)).matches("\\| +2 \\| +8 \\| .*");
    assertThat(lines.get(4)).matches("\\| +3 \\| +1 \\| .*");
    assertThat(lines.get(5)).matches("\\| +4 \\| +512 \\| +1 \\|   no   \\| .*");
    assertThat(lines).contains("Scenarios: 4 (0 invalid, 4 valid, 3 of them fit)");
    assertThat(lines.get(lines.size() - 1)).startsWith("Best: batch 64: ").endsWith(" device, " + lines.get(2).split("\\|")[5].strip() + " per device)");
  }

  /** Without a scenario that fits, the last line says so. */
  @Test
  void theTableSaysWhenNothingFits() {
    CliRun r = run("--sweep tp=1,3 --cached-tokens 1000000 --batch-size 64 --device h100-sxm");
    List<String> lines = r.out().lines().toList();
    assertThat(lines).contains("Scenarios: 2 (1 invalid, 1 valid, 0 of them fit)");
    assertThat(lines).contains("First invalid: tp 3: --tp 3 must divide the attention heads (32)");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("Best: no scenario fits");
  }

  /** The limits keep the rows at or under them, compared exactly: here the steps under 5 ms. */
  @Test
  void theLimitsKeepTheRowsAtOrUnderThem() throws Exception {
    CliRun all = run("--format json --sweep batch=1..256:x2 --cached-tokens 4096 --device h100-sxm --sweep tp=1,2,3");
    CliRun kept = run("--format json --sweep batch=1..256:x2 --cached-tokens 4096 --device h100-sxm --sweep tp=1,2,3 --max-ttft 5ms");
    List<String> expected = new ArrayList<>();
    for (String line : all.out().lines().toList()) {
      JsonNode row = JSON.readTree(line);
      if (row.get("valid").booleanValue() && row.get("step_time_s").decimalValue().compareTo(new BigDecimal("0.005")) <= 0) {
        expected.add(line);
      }
    }
    assertThat(expected).isNotEmpty().hasSizeLessThan(18);
    assertThat(kept.out().lines().toList()).isEqualTo(expected);
    CliRun table = run("--sweep batch=1..256:x2 --cached-tokens 4096 --device h100-sxm --sweep tp=1,2,3 --max-ttft 5ms");
    assertThat(table.out()).contains("Scenarios: 27 (9 invalid, " + expected.size() + " within step time ≤ 5.00 ms, ");
  }

  /** A TPOT limit keeps the requests whose mean decode step is at or under it. */
  @Test
  void theTpotLimitKeepsTheFastRequests() throws Exception {
    CliRun all = run("--format json --sweep batch=1..64:x4 --input-tokens 2048 --output-tokens 64 --device h100-sxm");
    CliRun kept = run("--format json --sweep batch=1..64:x4 --input-tokens 2048 --output-tokens 64 --device h100-sxm --max-tpot 0.0045");
    List<String> expected = new ArrayList<>();
    for (String line : all.out().lines().toList()) {
      if (JSON.readTree(line).get("tpot_s").decimalValue().compareTo(new BigDecimal("0.0045")) <= 0) {
        expected.add(line);
      }
    }
    assertThat(expected).hasSizeBetween(1, 3);
    assertThat(kept.out().lines().toList()).isEqualTo(expected);
  }

  /**
   * {@code --pareto} equals the front of the whole sweep found by brute force: the valid rows
   * that fit, with both rates, that no other such row beats on both. Random sweeps over every
   * kind of key, seeded so that each repetition is the same every time.
   */
  @RepeatedTest(12)
  void paretoIsTheBruteForceFrontOfTheWholeSweep(RepetitionInfo repetition) throws Exception {
    Random random = new Random(1000 + repetition.getCurrentRepetition());
    List<String> sweep = new ArrayList<>();
    String[][] choices = {
      {"batch=1..64:x2", "batch=2,6,12,48", "batch=1..40:+13"},
      {"cached=1024..16384:x4", "cached=0,4096,30000"},
      {"input=1,64", "input=1..3000:x8"},
      {"output=1,16", "output=2..200:x10"},
      {"tp=1,2,4,8", "tp=1..8:+3"},
      {"pp=1,2", "pp=1..4"},
      {"device=h100-sxm,mi300x,l4", "device=a100-sxm-80gb,h200-sxm"},
    };
    for (String[] options : choices) {
      if (random.nextInt(3) > 0) {
        sweep.add("--sweep");
        sweep.add(options[random.nextInt(options.length)]);
      }
    }
    if (sweep.isEmpty() || !String.join(" ", sweep).contains("device=")) {
      sweep.addAll(List.of("--device", "h100-sxm"));
    }
    List<String> args = new ArrayList<>(List.of("--format", "json"));
    args.addAll(sweep);
    List<String> whole = run(LLAMA, args).out().lines().toList();
    args.add("--pareto");
    CliRun front = run(LLAMA, args);
    assertThat(front.exitCode()).as(front.describe()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : whole) {
      rows.add(JSON.readTree(line));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (onFront(rows.get(i)) && rows.stream().filter(SweepTest::onFront).noneMatch(rows.get(i)::equals)) {
        throw new AssertionError("unreachable");
      }
      if (onFront(rows.get(i)) && !dominated(rows.get(i), rows)) {
        expected.add(whole.get(i));
      }
    }
    assertThat(front.out().lines().toList()).as(String.join(" ", sweep)).isEqualTo(expected);
  }

  private static boolean onFront(JsonNode row) {
    return row.get("valid").booleanValue() && !row.get("fits").equals(JSON.getNodeFactory().booleanNode(false))
        && !row.get("tokens_per_s_per_query").isNull();
  }

  private static boolean dominated(JsonNode row, List<JsonNode> rows) {
    BigDecimal x = row.get("tokens_per_s_per_device").decimalValue();
    BigDecimal y = row.get("tokens_per_s_per_query").decimalValue();
    for (JsonNode other : rows) {
      if (!onFront(other)) {
        continue;
      }
      int dx = other.get("tokens_per_s_per_device").decimalValue().compareTo(x);
      int dy = other.get("tokens_per_s_per_query").decimalValue().compareTo(y);
      if (dx >= 0 && dy >= 0 && (dx > 0 || dy > 0)) {
        return true;
      }
    }
    return false;
  }

  /** One note for the sweep whose longest request runs past the model's context: 200,000 + 1 + 100 − 1 tokens. */
  @Test
  void aSweepPastTheModelsContextIsOneNote() {
    CliRun r = run("--format csv --sweep cached=0..200000:+100000 --sweep output=1,100 --device h100-sxm");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err().lines().filter(l -> l.contains("max_position_embeddings")).toList())
        .containsExactly(
            "note: the longest request of the sweep reaches 200100 tokens of context, past the 131072 the model was"
                + " made for (max_position_embeddings)");
    assertThat(run("--format csv --sweep cached=0..100000:+100000 --sweep output=1,100 --device h100-sxm").err())
        .doesNotContain("max_position_embeddings");
  }

  /** A chart that cannot be written is an error before any row streams out. */
  @Test
  void anUnwritableChartFailsBeforeAnyRow(@TempDir Path dir) {
    Path chart = dir.resolve("missing").resolve("sweep.svg");
    CliRun r = run("--format csv --sweep tp=1,2 --device h100-sxm --plot " + chart);
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(Main.EXIT_FILE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: cannot write " + chart + ": no such folder " + chart.getParent() + "\n");
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  /** The chart names each series and draws the front; hollow markers for the scenarios that do not fit. */
  @Test
  void theChartDrawsTheSeriesAndTheFront(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("sweep.svg");
    Path png = dir.resolve("sweep.png");
    String sweep = "--sweep device=h100-sxm,l4 --sweep tp=1,2 --sweep batch=1..256:x4 --input-tokens 1024 --output-tokens 64";
    CliRun r = run(sweep + " --plot " + svg);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(run(sweep + " --plot " + png).exitCode()).isZero();
    String text = Files.readString(svg);
    assertThat(text)
        .contains("Llama-3.1-8B: tokens/s per device against tokens/s per query")
        .contains(">h100-sxm<", ">l4<", ">tp 1<", ">tp 2<", ">Pareto front<", ">does not fit (hollow)<")
        .contains("Tokens/s per query (interactivity)", "Tokens/s per device (throughput)");
    byte[] image = Files.readAllBytes(png);
    assertThat(Arrays.copyOf(image, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }
}
