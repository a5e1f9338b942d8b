package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roofline.analyzer.report.Quantities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --device} through the command: the three outputs carry the same roofline figures, the
 * peer cross-check (LLM-Viewer's figures for Llama-2-7b on an A100 PCIe 40GB), and the errors,
 * which come before any file is read.
 */
class DeviceOutputsTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final String LLAMA2 = "src/test/resources/model-configs/meta-llama--Llama-2-7b-hf.json";
  private static final String SCOUT = "src/test/resources/golden/seed-sample/config-scout.json";

  private static CliRun run(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  private static String[] with(String format, String... args) {
    List<String> all = new ArrayList<>(List.of("--format", format));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  /** Table cells of the operator rows and the total (the blank row left out). */
  private static List<String[]> tableRows(String table) {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = table.lines().toList();
    for (int i = 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] parts = lines.get(i).split("\\|", -1);
      String[] cells = new String[parts.length - 2];
      for (int c = 1; c < parts.length - 1; c++) {
        cells[c - 1] = parts[c].strip();
      }
      if (!cells[0].isEmpty()) {
        rows.add(cells);
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Llama-2-7b decode on a100-pcie-40gb | --device a100-pcie-40gb --cached-tokens 1024 -- LLAMA2
          Scout prefill on h100-sxm, 70% / 80% | --device h100-sxm --flops-efficiency 0.7 --mem-efficiency 0.8 --input-tokens 4096 -- SCOUT
          Scout batch on a custom device | --peak-flops 500T --mem-bandwidth 2T --mem-capacity 64GiB --cached-tokens 4096 0 --input-tokens 1 256 --batch-size 64 -- SCOUT
          """)
  void tableJsonAndCsvAgree(String name, String line) throws Exception {
    String[] args = line.replace("LLAMA2", LLAMA2).replace("SCOUT", SCOUT).split(" ");
    JsonNode root = JSON.readTree(run(with("json", args)).out());
    List<String[]> table = tableRows(run(args).out());
    List<String> csv = run(with("csv", args)).out().lines().toList();
    assertThat(csv.get(0)).endsWith(",operational_intensity,bound,compute_time_s,memory_time_s,time_s");

    List<JsonNode> rows = new ArrayList<>();
    root.get("nodes").forEach(rows::add);
    rows.add(root.get("total"));
    assertThat(table).hasSameSizeAs(rows);
    assertThat(csv).hasSize(rows.size() + 1);
    for (int i = 0; i < rows.size(); i++) {
      JsonNode n = rows.get(i);
      String[] cells = table.get(i);
      assertThat(cells).hasSize(9);
      assertThat(cells[7]).isEqualTo(n.get("bound").asText());
      assertThat(cells[8]).isEqualTo(Quantities.si(n.get("time_s").doubleValue(), "s"));
      String[] f = csv.get(i + 1).split(",", -1);
      assertThat(f[7]).isEqualTo(n.get("bound").asText());
      assertThat(Double.parseDouble(f[8])).isEqualTo(n.get("compute_time_s").doubleValue());
      assertThat(Double.parseDouble(f[9])).isEqualTo(n.get("memory_time_s").doubleValue());
      assertThat(Double.parseDouble(f[10])).isEqualTo(n.get("time_s").doubleValue());
      // time = max(compute, memory); the bound names the larger (a tie is memory).
      double c = n.get("compute_time_s").doubleValue();
      double m = n.get("memory_time_s").doubleValue();
      if (i < rows.size() - 1) {
        assertThat(n.get("time_s").doubleValue()).isEqualTo(Math.max(c, m));
        assertThat(n.get("bound").asText()).isEqualTo(c > m ? "compute" : "memory");
      }
    }
    JsonNode step = root.get("step");
    assertThat(root.get("total").get("time_s").doubleValue()).isEqualTo(step.get("time_s").doubleValue());
    assertThat(step.get("compute_bound_share").doubleValue() + step.get("memory_bound_share").doubleValue())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(step.get("tokens_per_s").doubleValue())
        .isCloseTo(
            step.get("input_tokens").asDouble() / step.get("time_s").doubleValue(),
            org.assertj.core.data.Percentage.withPercentage(1e-9));
    String table2 = run(args).out();
    assertThat(table2).contains("Step time: " + Quantities.si(step.get("time_s").doubleValue(), "s") + " (");
    assertThat(table2).contains("Throughput: " + Quantities.fixed(step.get("tokens_per_s").doubleValue()) + " tokens/s");
  }

  /**
   * LLM-Viewer's figures for Llama-2-7b (float16) at 1024 cached tokens and one new token on an
   * A100 PCIe 40GB: every operator memory-bound, QKV+O ≈ 86 µs and the gated FFN ≈ 174 µs a block,
   * the step ≈ 8.68 ms (LLM-Viewer adds an LM head, which this model does not count).
   */
  @Test
  void crossCheckWithAPeerTool() throws Exception {
    JsonNode root = JSON.readTree(run("--format", "json", "--device", "a100-pcie-40gb", "--cached-tokens", "1024",
        "--input-tokens", "1", "--", LLAMA2).out());
    assertThat(root.get("device").get("precision").asText()).isEqualTo("fp16");
    double qkvO = 0;
    double ffn = 0;
    for (JsonNode n : root.get("nodes")) {
      assertThat(n.get("bound").asText()).as(n.get("name").asText()).isEqualTo("memory");
      String name = n.get("name").asText();
      if (name.equals("Attn - QKV_Proj") || name.equals("Attn - O_Proj")) {
        qkvO += n.get("time_s").doubleValue();
      }
      if (name.startsWith("Ffn - ") && (name.endsWith("_Proj") || name.endsWith("ActMul"))) {
        ffn += n.get("time_s").doubleValue();
      }
    }
    assertThat(qkvO * 1e6).isCloseTo(86, org.assertj.core.data.Offset.offset(1.0));
    assertThat(ffn * 1e6).isCloseTo(174, org.assertj.core.data.Offset.offset(1.0));
    assertThat(root.get("step").get("time_s").doubleValue() * 1e3).isCloseTo(8.68, org.assertj.core.data.Offset.offset(0.01));
    assertThat(root.get("memory").get("fits").asBoolean()).isTrue();
    assertThat(root.get("memory").get("min_devices").asInt()).isEqualTo(1);
  }

  @Test
  void withoutACapacityThereIsNoVerdict() throws Exception {
    JsonNode memory = JSON.readTree(run("--format", "json", "--peak-flops", "1P", "--mem-bandwidth", "1T", "--", LLAMA2)
        .out()).get("memory");
    assertThat(memory.get("capacity_bytes").isNull()).isTrue();
    assertThat(memory.get("fits").isNull()).isTrue();
    assertThat(memory.get("min_devices").isNull()).isTrue();
    assertThat(memory.get("needed_bytes").bigIntegerValue()).isPositive();
  }

  @Test
  void aModelThatDoesNotFitSaysHowManyDevicesItNeeds() {
    // Scout at 1M context: 390.81 GiB needed; 80 GiB per H100 → ceil(390.81 / 80) = 5.
    String out = run("--device", "h100-sxm", "--cached-tokens", "1048576", "--", SCOUT).out();
    assertThat(out).contains("Memory: 390.81 GiB needed, 80.00 GiB per device: does not fit: needs at least 5 devices\n");
  }

  /** Every device error is a usage error, found before the (missing) config file is looked at. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown id            | --device h100                              | closest: h100-sxm
          peak not a number     | --peak-flops fast --mem-bandwidth 1T        | --peak-flops
          negative bandwidth    | --peak-flops 1T --mem-bandwidth -3          | --mem-bandwidth
          efficiency zero       | --device h100-sxm --flops-efficiency 0      | --flops-efficiency
          efficiency above one  | --device h100-sxm --mem-efficiency 1.5      | --mem-efficiency
          partial custom device | --peak-flops 1T                             | --mem-bandwidth
          capacity alone        | --mem-capacity 80GB                         | --peak-flops
          """)
  void deviceErrorsAreUsageErrorsBeforeAnyFileIsRead(String name, String options, String fragment) {
    List<String> args = new ArrayList<>(List.of(options.split(" ")));
    args.add("--");
    args.add("no/such/config.json");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: ").contains(fragment).doesNotContain("no such file");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aPrecisionTheDeviceLacksIsAUsageErrorNamingIt() {
    CliRun run = CliRun.of("--device", "v100-sxm2-32gb", "--", "meta-llama/Llama-3.1-8B");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no bf16 peak").contains("--peak-flops");
  }

  @Test
  void listDevicesShowsEveryCatalogIdAndNeedsNoModel() throws Exception {
    String out = run("--list-devices").out();
    List<String> lines = java.nio.file.Files.readAllLines(
        java.nio.file.Path.of("src/main/resources/dev/roofline/analyzer/devices.tsv"));
    int ids = 0;
    for (String line : lines) {
      if (line.startsWith("#") || line.startsWith("id\t") || line.isBlank()) {
        continue;
      }
      String id = line.substring(0, line.indexOf('\t'));
      assertThat(out).contains("| " + id + " ");
      ids++;
    }
    assertThat(ids).isEqualTo(28);
  }

  private static final java.nio.file.Path CATALOG = java.nio.file.Path.of("src/main/resources/dev/roofline/analyzer/devices.tsv");

  /** The catalog file's header and device rows, split at tabs, as the file has them. */
  private static List<String[]> tsv(java.nio.file.Path file) throws java.io.IOException {
    List<String[]> lines = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(file)) {
      if (!line.startsWith("#") && !line.isBlank()) {
        lines.add(line.split("\t", -1));
      }
    }
    return lines;
  }

  /**
   * The device catalog's lines, each followed by its links' fields from the interconnect catalog
   * (their id left out, their source named links_source); the two files list the same ids in order.
   */
  private static List<String[]> catalogLines() throws java.io.IOException {
    List<String[]> devices = tsv(CATALOG);
    List<String[]> links = tsv(CATALOG.resolveSibling("interconnect.tsv"));
    assertThat(links).hasSameSizeAs(devices);
    List<String[]> lines = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      String[] l = links.get(i).clone();
      if (i == 0) {
        l[l.length - 1] = "links_source";
      } else {
        assertThat(l[0]).isEqualTo(devices.get(i)[0]);
      }
      String[] joined = java.util.Arrays.copyOf(devices.get(i), devices.get(i).length + l.length - 1);
      System.arraycopy(l, 1, joined, devices.get(i).length, l.length - 1);
      lines.add(joined);
    }
    return lines;
  }

  /** A figure column: memory, bandwidth, the peaks, and the links' bandwidths and domain size. */
  private static boolean isFigure(String[] header, int column) {
    String name = header[column];
    return name.endsWith("_bytes") || name.endsWith("_per_s") || name.equals("scaleup_domain")
        || name.matches("fp32|tf32|bf16|fp16|fp8|int8|fp4");
  }

  @Test
  void listDevicesAsJsonHasEveryRowOfTheCatalogExactly() throws Exception {
    CliRun run = run("--list-devices", "--format", "json");
    assertThat(run.err()).isEmpty();
    // No number in exponent form (the sources' text may hold some: "pcie 32e9").
    assertThat(run.out()).endsWith("]\n").doesNotContainPattern(": -?[0-9.]+[eE][+-]?[0-9]");
    JsonNode devices = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(run.out());
    List<String[]> lines = catalogLines();
    String[] header = lines.get(0);
    assertThat(devices.isArray()).isTrue();
    assertThat(devices).hasSize(lines.size() - 1);
    for (int d = 1; d < lines.size(); d++) {
      String[] row = lines.get(d);
      JsonNode device = devices.get(d - 1);
      List<String> keys = new ArrayList<>();
      device.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly(header);
      for (int c = 0; c < header.length; c++) {
        JsonNode value = device.get(header[c]);
        String where = row[0] + "." + header[c];
        if (row[c].equals("-")) {
          assertThat(value.isNull()).as(where).isTrue();
        } else if (isFigure(header, c)) {
          assertThat(value.isNumber()).as(where).isTrue();
          assertThat(value.decimalValue()).as(where).isEqualByComparingTo(new java.math.BigDecimal(row[c]));
        } else {
          assertThat(value.asText()).as(where).isEqualTo(row[c]);
        }
      }
    }
  }

  @Test
  void listDevicesAsCsvHasEveryRowOfTheCatalogExactly() throws Exception {
    CliRun run = run("--list-devices", "--format", "csv");
    assertThat(run.err()).isEmpty();
    List<String[]> lines = catalogLines();
    String[] header = lines.get(0);
    List<List<String>> records = rfc4180(run.out());
    assertThat(run.out().lines().findFirst().orElseThrow()).isEqualTo(String.join(",", header));
    assertThat(records).hasSize(lines.size());
    for (int d = 1; d < lines.size(); d++) {
      String[] row = lines.get(d);
      List<String> fields = records.get(d);
      assertThat(fields).hasSize(header.length);
      for (int c = 0; c < header.length; c++) {
        String where = row[0] + "." + header[c];
        if (row[c].equals("-")) {
          assertThat(fields.get(c)).as(where).isEmpty();
        } else if (isFigure(header, c)) {
          assertThat(fields.get(c)).as(where).matches("[0-9]+(\\.[0-9]+)?");
          assertThat(new java.math.BigDecimal(fields.get(c))).as(where).isEqualByComparingTo(new java.math.BigDecimal(row[c]));
        } else {
          assertThat(fields.get(c)).as(where).isEqualTo(row[c]);
        }
      }
    }
    // A name with a comma is one quoted field.
    assertThat(run.out()).contains(",\"B200 (HGX, per GPU)\",");
  }

  /** Records of RFC 4180 text: fields split at commas, a quoted field's doubled quotes made one. */
  private static List<List<String>> rfc4180(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',' || c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        if (c == '\n') {
          records.add(fields);
          fields = new ArrayList<>();
        }
      } else {
        field.append(c);
      }
    }
    assertThat(field.toString()).as("text after the last line end").isEmpty();
    return records;
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"xml", "tsv"})
  void listDevicesInAnUnknownFormatIsAUsageError(String format) {
    CliRun run = CliRun.of("--list-devices", "--format", format);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("error: --format: unknown format '" + format + "' (choose from: table, json, csv) (see '" + Main.NAME
            + " --help')\n");
  }

  /**
   * DeepSeek-V3 decoding one token after 32,768 on an H100: MLA's attention stays memory-bound, and
   * the model does not fit one device. Storage by the families' identity from the published counts
   * (params.tsv): (671,026,419,200 parameters − 926,679,040 LM head − 7,168 final norm + 4 norms ×
   * 61 layers) × 2 bytes = 1,340,199,466,472, plus the latent KV cache 61 × 32,769 × 576 × 2 =
   * 2,302,743,168: 1,342,502,209,640 bytes, which 80 GiB devices hold at ceil(… / 85,899,345,920) = 16.
   */
  @Test
  void deepSeekV3DecodeOnAnH100() throws Exception {
    JsonNode root = JSON.readTree(run("--format", "json", "--device", "h100-sxm", "--cached-tokens", "32768", "--",
        "deepseek-ai/DeepSeek-V3").out());
    int attention = 0;
    for (JsonNode n : root.get("nodes")) {
      if (n.get("name").asText().startsWith("Attn - ")) {
        assertThat(n.get("bound").asText()).as(n.get("name").asText()).isEqualTo("memory");
        attention++;
      }
    }
    assertThat(attention).isEqualTo(12);
    JsonNode memory = root.get("memory");
    assertThat(memory.get("needed_bytes").bigIntegerValue()).isEqualTo(new java.math.BigInteger("1342502209640"));
    assertThat(memory.get("fits").asBoolean()).isFalse();
    assertThat(memory.get("min_devices").asInt()).isEqualTo(16);
    assertThat(run("--device", "h100-sxm", "--cached-tokens", "32768", "--", "deepseek-ai/DeepSeek-V3").out())
        .contains("does not fit: needs at least 16 devices\n");
  }
}
