package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roofline.analyzer.report.Quantities;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --format json} and {@code --format csv}, checked against what does not come from them:
 * the original's golden tables (the values read back and put through the table's own number
 * formatter must give the golden cells) and values computed by hand from the port's formulas.
 */
class FormatsTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  static Stream<GoldenCase> cases() throws IOException {
    return GoldenCase.all();
  }

  /** The golden table of a case: its rows' cells (the blank row left out) and its storage line. */
  record Golden(List<List<String>> rows, String storageLine) {
    static Golden of(GoldenCase c) {
      List<String> lines = c.expectedOutput().lines().toList();
      List<List<String>> rows = new ArrayList<>();
      int i = 2;
      for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
        List<String> cells = new ArrayList<>();
        String[] parts = lines.get(i).split("\\|", -1);
        for (int p = 1; p < parts.length - 1; p++) {
          cells.add(parts[p].strip());
        }
        if (!cells.stream().allMatch(String::isEmpty)) {
          rows.add(cells);
        }
      }
      return new Golden(rows, lines.get(i + 1));
    }
  }

  private static CliRun run(GoldenCase c, String format) {
    List<String> args = new ArrayList<>(List.of("--format", format));
    args.addAll(c.args());
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).as(run.describe()).isEmpty();
    return run;
  }

  /** A table row made with the table's formatter from exact values read back from an output. */
  private static List<String> cells(
      String name, String blocks, BigInteger flops, BigInteger w, BigInteger in, BigInteger out, Double intensity) {
    return List.of(
        name,
        blocks,
        Quantities.si(flops, "FLOPs"),
        Quantities.iec(w, "B"),
        Quantities.iec(in, "B"),
        Quantities.iec(out, "B"),
        Quantities.si(intensity, "FLOPs/Bytes"));
  }

  private static List<String> cells(JsonNode n, String name, String blocks) {
    return cells(
        name,
        blocks,
        n.get("flops").bigIntegerValue(),
        n.get("weight_bytes").bigIntegerValue(),
        n.get("input_bytes").bigIntegerValue(),
        n.get("output_bytes").bigIntegerValue(),
        n.get("operational_intensity").doubleValue());
  }

  static void jsonReproducesGolden(GoldenCase c) throws IOException {
    Golden golden = Golden.of(c);
    JsonNode root = JSON.readTree(run(c, "json").out());
    long blocks = root.get("model").get("blocks").asLong();
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode n : root.get("nodes")) {
      assertThat(n.get("flops").isIntegralNumber()).isTrue();
      assertThat(n.get("operational_intensity").isDouble()).isTrue();
      rows.add(cells(n, n.get("name").asText(), n.get("blocks").asLong() + " / " + blocks));
    }
    JsonNode total = root.get("total");
    assertThat(total.get("name").asText()).isEqualTo("Total");
    assertThat(total.get("blocks").asLong()).isEqualTo(blocks);
    rows.add(cells(total, "Total (" + blocks + " Blocks)", "N/A"));
    assertThat(rows).isEqualTo(golden.rows());

    StringBuilder line = new StringBuilder("Minimum Storage Requirement: ");
    Iterator<JsonNode> terms = root.get("storage").get("terms").elements();
    while (terms.hasNext()) {
      JsonNode t = terms.next();
      line.append('(').append(t.get("label").asText()).append(") ").append(Quantities.iec(t.get("bytes").bigIntegerValue(), "B"));
      line.append(terms.hasNext() ? " + " : "");
    }
    line.append(" = ").append(Quantities.iec(root.get("storage").get("total_bytes").bigIntegerValue(), "B"));
    assertThat(line.toString()).isEqualTo(golden.storageLine());
  }

  static void csvReproducesGolden(GoldenCase c) {
    Golden golden = Golden.of(c);
    List<String> lines = run(c, "csv").out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("name,blocks,flops,weight_bytes,input_bytes,output_bytes,operational_intensity");
    String[] last = lines.get(lines.size() - 1).split(",", -1);
    String blocks = last[1];
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertThat(f).hasSize(7);
      boolean total = line == lines.get(lines.size() - 1);
      rows.add(
          cells(
              total ? "Total (" + blocks + " Blocks)" : f[0],
              total ? "N/A" : f[1] + " / " + blocks,
              new BigInteger(f[2]),
              new BigInteger(f[3]),
              new BigInteger(f[4]),
              new BigInteger(f[5]),
              Double.valueOf(f[6])));
    }
    assertThat(last[0]).isEqualTo("Total");
    assertThat(rows).isEqualTo(golden.rows());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jsonValuesRenderToTheGoldenTable(GoldenCase c) throws IOException {
    jsonReproducesGolden(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void csvValuesRenderToTheGoldenTable(GoldenCase c) {
    csvReproducesGolden(c);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tr-TR", "de-DE", "ar-EG", "hi-IN"})
  void sameWhateverTheDefaultLocale(String tag) throws IOException {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag(tag));
      for (GoldenCase c : cases().toList()) {
        jsonReproducesGolden(c);
        csvReproducesGolden(c);
      }
    } finally {
      Locale.setDefault(saved);
    }
  }

  private static final String LLAMA = "src/test/resources/model-configs/meta-llama--Llama-3.1-8B.json";
  private static final String SCOUT = "src/test/resources/golden/seed-sample/config-scout.json";

  /**
   * Llama-3.1-8B (H 4096, 32 heads, 8 key/value heads, d 128, I 14336, bf16), one query of 1024
   * cached and 1 new token. port.md §3: proj(m,n,k) = m·n·(2k−1), k·n·w, m·k·w, m·n·w; rmsnorm(h,T)
   * = (4h+2)·T, (h+1)·w, h·T·w, h·T·w; rope(d,T) = 3dT, 0, dTw, dTw; sum(e,2) = e, 0, 2ew, ew;
   * actmul(I,T) = 5I+T, 0, 2ITw, ITw; sdpa with s=1, L=1025: 1·1025·8191 + 1·1024·2049, 0,
   * 4096·2 + 1025·2048·2, 4096·2.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # node            | flops       | weight      | input   | output
          Attn - RMSNorm     | 16386       | 8194        | 8192    | 8192
          Attn - QKV_Proj    | 50325504    | 50331648    | 8192    | 12288
          Attn - RoPE        | 15360       | 0           | 10240   | 10240
          Attn - SDPA        | 10493951    | 0           | 4206592 | 8192
          Attn - O_Proj      | 33550336    | 33554432    | 8192    | 8192
          Attn - ResidualAdd | 4096        | 0           | 16384   | 8192
          Ffn - RMSNorm      | 16386       | 8194        | 8192    | 8192
          Ffn - GateUp_Proj  | 234852352   | 234881024   | 8192    | 57344
          Ffn - ActMul       | 71681       | 0           | 57344   | 28672
          Ffn - Down_Proj    | 117436416   | 117440512   | 28672   | 8192
          Ffn - ResidualAdd  | 4096        | 0           | 16384   | 8192
          Total              | 14297170048 | 13959168128 | 140050432 | 5308416
          """)
  void llamaNodesByHand(String node, BigInteger flops, BigInteger weight, BigInteger input, BigInteger output)
      throws IOException {
    JsonNode n = node(json("--cached-tokens", "1024", "--input-tokens", "1", "--", LLAMA), node);
    assertFigures(n, 32, flops, weight, input, output);
  }

  /**
   * Llama 4 Scout (H 5120, 40 heads, 8 key/value heads, d 128, I 8192, 16 experts, top-1, 48 MoE
   * blocks, bf16), batch 4 of (1024 cached, 1 new), (0 cached, 512 new): T = 1026 tokens. sdpa sums
   * per query s·L·(2H−1) + s·1024·(2L−1) over (1, 1025) twice and (512, 512) twice.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # node                     | flops          | weight      | input       | output
          Attn - RMSNorm              | 21014532       | 10242       | 10506240    | 10506240
          Attn - QKV_Proj             | 75301373952    | 73400320    | 10506240    | 14708736
          Attn - RoPE                 | 18911232       | 0           | 12607488    | 12607488
          Attn - SDPA                 | 6466064382     | 0           | 23097344    | 10506240
          Attn - O_Proj               | 53786695680    | 52428800    | 10506240    | 10506240
          Attn - ResidualAdd          | 5253120        | 0           | 21012480    | 10506240
          Ffn - RMSNorm               | 21014532       | 10242       | 10506240    | 10506240
          Ffn - Router                | 168083424      | 163840      | 10506240    | 32832
          Ffn - RoutedExp_GateUp_Proj | 172117426176   | 167772160   | 10506240    | 33619968
          Ffn - RoutedExp_ActMul      | 41986          | 0           | 33619968    | 16809984
          Ffn - RoutedExp_Down_Proj   | 86061864960    | 83886080    | 16809984    | 10506240
          Ffn - SharedExp_GateUp_Proj | 172117426176   | 167772160   | 10506240    | 33619968
          Ffn - SharedExp_ActMul      | 41986          | 0           | 33619968    | 16809984
          Ffn - SharedExp_Down_Proj   | 86061864960    | 83886080    | 16809984    | 10506240
          Ffn - RoutedSharedExpAdd    | 5253120        | 0           | 21012480    | 10506240
          Ffn - ResidualAdd           | 5253120        | 0           | 21012480    | 10506240
          Total                       | 31303564000224 | 30207836352 | 13111001088 | 10692725760
          """)
  void llama4NodesByHand(String node, BigInteger flops, BigInteger weight, BigInteger input, BigInteger output)
      throws IOException {
    JsonNode root =
        json("--cached-tokens", "1024", "0", "--input-tokens", "1", "512", "--batch-size", "4", "--", SCOUT);
    assertFigures(node(root, node), 48, flops, weight, input, output);
  }

  @Test
  void llama4StorageAndQueryByHand() throws IOException {
    JsonNode root =
        json("--cached-tokens", "1024", "0", "--input-tokens", "1", "512", "--batch-size", "4", "--", SCOUT);
    // KV: 48 · Σ(c+s) = 2·1025 + 2·512 = 3074 · 2·1024 · 2; experts: 5120·8192·2·3 · 15 · 48;
    // embedding: 5120 · 202048 · 2.
    assertThat(root.get("storage").toString())
        .isEqualTo(
            "{\"terms\":["
                + "{\"key\":\"weights\",\"label\":\"Weights\",\"bytes\":30207836352},"
                + "{\"key\":\"kv_cache\",\"label\":\"KV-cache\",\"bytes\":604372992},"
                + "{\"key\":\"additional_experts\",\"label\":\"Additional Experts\",\"bytes\":181193932800},"
                + "{\"key\":\"embedding_table\",\"label\":\"Embedding Table\",\"bytes\":2068971520}],"
                + "\"total_bytes\":214075113664}");
    assertThat(root.get("query").toString())
        .isEqualTo(
            "{\"cached_tokens\":[1024,0],\"input_tokens\":[1,512],\"batch_size\":4,"
                + "\"total_cached_tokens\":2048,\"total_input_tokens\":1026}");
    assertThat(root.get("model").toString())
        .isEqualTo(
            "{\"argument\":\"" + SCOUT + "\",\"source\":\"file\",\"model_type\":\"llama4\",\"dtype\":\"bfloat16\","
                + "\"bytes_per_element\":2,\"blocks\":48}");
  }

  private static JsonNode node(JsonNode root, String name) {
    if (name.equals("Total")) {
      return root.get("total");
    }
    for (JsonNode n : root.get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name + " in " + root);
  }

  private static void assertFigures(
      JsonNode n, long blocks, BigInteger flops, BigInteger weight, BigInteger input, BigInteger output) {
    assertThat(n.get("blocks").asLong()).isEqualTo(blocks);
    assertThat(n.get("flops").bigIntegerValue()).isEqualTo(flops);
    assertThat(n.get("weight_bytes").bigIntegerValue()).isEqualTo(weight);
    assertThat(n.get("input_bytes").bigIntegerValue()).isEqualTo(input);
    assertThat(n.get("output_bytes").bigIntegerValue()).isEqualTo(output);
    // The intensity is the exact quotient rounded once: for these sizes, one double division.
    BigInteger bytes = weight.add(input).add(output);
    assertThat(n.get("operational_intensity").doubleValue()).isEqualTo(flops.doubleValue() / bytes.doubleValue());
  }

  private static JsonNode json(String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("--format", "json"));
    argv.addAll(List.of(args));
    CliRun run = CliRun.of(argv.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).endsWith("}\n").doesNotContain("\r");
    return JSON.readTree(run.out());
  }

  @Test
  void jsonKeysInTheSpecsOrder() throws IOException {
    JsonNode root = json("--", LLAMA);
    assertThat(names(root))
        .containsExactly("schema", "tool", "cost_model", "model", "query", "nodes", "total", "storage", "precision");
    assertThat(root.get("schema").asText()).isEqualTo("transformer-roofline-analyzer/v1");
    assertThat(root.get("cost_model").asText()).isEqualTo("original");
    assertThat(names(root.get("tool"))).containsExactly("name", "version");
    assertThat(names(root.get("model")))
        .containsExactly("argument", "source", "model_type", "dtype", "bytes_per_element", "blocks");
    assertThat(names(root.get("query")))
        .containsExactly("cached_tokens", "input_tokens", "batch_size", "total_cached_tokens", "total_input_tokens");
    List<String> row =
        List.of("name", "blocks", "flops", "weight_bytes", "input_bytes", "output_bytes", "operational_intensity");
    assertThat(names(root.get("nodes").get(0))).isEqualTo(row);
    assertThat(names(root.get("total"))).isEqualTo(row);
    assertThat(names(root.get("storage"))).containsExactly("terms", "total_bytes");
    assertThat(names(root.get("storage").get("terms").get(0))).containsExactly("key", "label", "bytes");
    assertThat(names(root.get("precision"))).containsExactly("weights", "kv", "activations", "source");
  }

  @Test
  void jsonIsPrettyPrintedWithTwoSpaces() {
    CliRun run = CliRun.of("--format", "json", "--", LLAMA);
    assertThat(run.out()).startsWith("{\n  \"schema\": \"transformer-roofline-analyzer/v1\",\n  \"tool\": {\n    \"name\": ");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** 405B at 10^11 input tokens: QKV FLOPs 10^11 · 18432 · 32767 = 60396134400000000000 > 2^64. */
  @Test
  void integersBeyond64BitsPrintInFull() throws IOException {
    String config = "src/test/resources/model-configs/meta-llama--Llama-3.1-405B.json";
    String[] args = {"--input-tokens", "1000000", "--batch-size", "100000", "--", config};
    JsonNode qkv = node(json(args), "Attn - QKV_Proj");
    assertThat(qkv.get("flops").bigIntegerValue()).isEqualTo(new BigInteger("60396134400000000000"));
    assertThat(new BigInteger("60396134400000000000")).isGreaterThan(BigInteger.ONE.shiftLeft(64));
    List<String> argv = new ArrayList<>(List.of("--format", "csv"));
    argv.addAll(List.of(args));
    assertThat(CliRun.of(argv.toArray(String[]::new)).out()).contains("\nAttn - QKV_Proj,126,60396134400000000000,");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xml", "JSONL", ""})
  void anUnknownFormatIsAUsageErrorListingTheFormats(String format) {
    CliRun run = CliRun.of("--format", format, "--", LLAMA);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: ").contains("table, json, csv");
    assertThat(run.err().lines()).hasSize(1);
  }

  /** A format is a name in any case, as device ids are. */
  @ParameterizedTest
  @CsvSource({"JSON, json", "Json, json", "CSV, csv", "Table, table"})
  void aFormatNameIsReadInAnyCase(String name, String lowerCase) {
    CliRun mixed = CliRun.of("--format", name, "--", LLAMA);
    assertThat(mixed.exitCode()).as(mixed.describe()).isZero();
    assertThat(mixed.err()).isEmpty();
    assertThat(mixed.out()).isEqualTo(CliRun.of("--format", lowerCase, "--", LLAMA).out());
    assertThat(CliRun.of("--list-devices", "--format", name).out())
        .isEqualTo(CliRun.of("--list-devices", "--format", lowerCase).out());
  }

  @Test
  void tableIsTheDefault() {
    assertThat(CliRun.of("--format", "table", "--", LLAMA).out()).isEqualTo(CliRun.of("--", LLAMA).out());
  }

  @Test
  void aHubCopyNamesItsRevisionAndSource() throws IOException {
    JsonNode model = json("--", "meta-llama/Llama-3.1-8B").get("model");
    assertThat(model.get("source").asText()).isEqualTo("bundled");
    assertThat(model.get("argument").asText()).isEqualTo("meta-llama/Llama-3.1-8B");
    assertThat(model.get("revision").asText()).isEqualTo("main");
  }
}
