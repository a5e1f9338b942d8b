package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Token counts of 401 digits (10^400) make times, rates and intensities that no double holds:
 * every output prints them from their exact values, never {@code inf}, {@code Infinity} or {@code
 * NaN}, exits 0 and says nothing on stderr; the JSON is strict, and its numbers (compared by
 * value) are the exact values worked out here by hand, to the 17 digits written.
 */
class BeyondDoubleTest {

  static final String E400 = BigInteger.TEN.pow(400).toString();
  static final String LLAMA = "src/main/resources/dev/roofline/analyzer/catalog/meta-llama--Llama-3.1-8B.json";

  /** What no output may hold: the words a double's overflow or an undefined ratio print as. */
  static final Pattern NOT_A_NUMBER = Pattern.compile("(?i)(?<![a-z])(inf|infinity|nan)(?![a-z])");

  /** Strict JSON (Jackson's defaults refuse NaN and Infinity), with decimals read as written. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  /** JSON and CSV write such a ratio to 17 significant digits, rounded half to even. */
  private static final MathContext DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

  private static final BigDecimal H100_PEAK = new BigDecimal("989.4e12");
  private static final BigDecimal H100_BANDWIDTH = new BigDecimal("3.35e12");

  // Llama 3.1 8B: H = 4096, I = 14336, nh = 32, nkv = 8, d = 128 (kvDims = 1024), 32 blocks,
  // bfloat16 (w = 2); per block, with T input tokens over the batch (port spec §3–4):
  //   Attn - RMSNorm (H+1)·w + 2·H·T·w = 8194 + 16384·T bytes, (4H+2)·T = 16386·T FLOPs
  //   Attn - SDPA, per query of s input and L = cached + s keys: s·H·w + L·2·kvDims·w in,
  //     s·H·w out = 16384·s + 4096·L bytes; s·L·(2H−1) + s·kvDims·(2L−1) = s·L·8191 + s·1024·(2L−1)
  //     FLOPs.
  // Decode (T = 1), the bytes of every operator of a block: 24578 (RMSNorm) + 50352128 (QKV) +
  // 20480 (RoPE) + 16384 + 4096·L (SDPA) + 33570816 (O) + 24576 (add) + 24578 (RMSNorm) +
  // 234946560 (gate-up) + 86016 (ActMul) + 117477376 (down) + 24576 (add) = 436568068 + 4096·L.

  /** Keys a decode step after 10^400 cached tokens reads: L = 10^400 + 1. */
  private static final BigInteger DECODE_KEYS = BigInteger.TEN.pow(400).add(BigInteger.ONE);

  private static BigInteger big(long n) {
    return BigInteger.valueOf(n);
  }

  /** The bytes of that step: 32 blocks × (436568068 + 4096·L). */
  private static BigInteger decodeStepBytes() {
    return big(32).multiply(big(436568068).add(big(4096).multiply(DECODE_KEYS)));
  }

  private static CliRun run(List<String> args) {
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).as(run.describe()).isEmpty();
    assertThat(NOT_A_NUMBER.matcher(run.out()).find()).as(run.describe()).isFalse();
    return run;
  }

  static List<String> args(String option, String device, String... more) {
    List<String> args = new ArrayList<>(List.of(option, E400));
    if (!device.isEmpty()) {
      args.addAll(List.of(device.split(" ")));
    }
    args.addAll(List.of(more));
    args.addAll(List.of("--", LLAMA));
    return args;
  }

  private static BigDecimal quotient(BigInteger a, BigDecimal b) {
    return new BigDecimal(a).divide(b, DIGITS);
  }

  private static JsonNode node(JsonNode root, String name) {
    for (JsonNode n : root.get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name);
  }

  /** Every format, with and without a device, for each option that takes 10^400. */
  @ParameterizedTest(name = "{0} 10^400, {1}, device: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --cached-tokens | table |
          --cached-tokens | json  |
          --cached-tokens | csv   |
          --cached-tokens | table | --device h100-sxm
          --cached-tokens | json  | --device h100-sxm
          --cached-tokens | csv   | --device h100-sxm
          --input-tokens  | table |
          --input-tokens  | json  |
          --input-tokens  | csv   |
          --input-tokens  | table | --device h100-sxm
          --input-tokens  | json  | --device h100-sxm
          --input-tokens  | csv   | --device h100-sxm
          --batch-size    | table |
          --batch-size    | json  |
          --batch-size    | csv   |
          --batch-size    | table | --device h100-sxm --flops-efficiency 0.5
          --batch-size    | json  | --device h100-sxm --flops-efficiency 0.5
          --batch-size    | csv   | --device h100-sxm --flops-efficiency 0.5
          """)
  void everyFormatPrintsEveryValue(String option, String format, String device) throws Exception {
    CliRun run = run(args(option, device == null ? "" : device, "--format", format));
    if (format.equals("json")) {
      JSON.readTree(run.out());
      assertThat(new ObjectMapper().readTree(run.out()).isObject()).isTrue();
    }
  }

  /**
   * One token after 10^400 cached ones (L = 10^400 + 1), every operator memory-bound: the step
   * reads 32 × (436568068 + 4096·L) bytes at 3.35 TB/s, and makes one token in that time.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"json", "csv"})
  void decodeAfterACachedGoogolCubedTimesExactly(String format) throws Exception {
    BigInteger l = DECODE_KEYS;
    BigInteger sdpaBytes = big(16384).add(big(4096).multiply(l));
    BigInteger sdpaFlops = big(8191).multiply(l).add(big(1024).multiply(l.shiftLeft(1).subtract(BigInteger.ONE)));
    BigInteger stepBytes = decodeStepBytes();
    BigDecimal sdpaTime = quotient(sdpaBytes, H100_BANDWIDTH);
    BigDecimal sdpaCompute = quotient(sdpaFlops, H100_PEAK);
    BigDecimal step = quotient(stepBytes, H100_BANDWIDTH);
    // tokens/s = 1 / (stepBytes / W) = W / stepBytes.
    BigDecimal rate = H100_BANDWIDTH.divide(new BigDecimal(stepBytes), DIGITS);
    assertThat(sdpaTime.precision()).isEqualTo(17);
    assertThat(step.scale()).isNegative();

    String out = run(args("--cached-tokens", "--device h100-sxm", "--format", format)).out();
    if (format.equals("json")) {
      JsonNode root = JSON.readTree(out);
      JsonNode sdpa = node(root, "Attn - SDPA");
      assertThat(sdpa.get("bound").asText()).isEqualTo("memory");
      assertThat(sdpa.get("time_s").decimalValue()).isEqualByComparingTo(sdpaTime);
      assertThat(sdpa.get("memory_time_s").decimalValue()).isEqualByComparingTo(sdpaTime);
      assertThat(sdpa.get("compute_time_s").decimalValue()).isEqualByComparingTo(sdpaCompute);
      assertThat(root.get("total").get("time_s").decimalValue()).isEqualByComparingTo(step);
      assertThat(root.get("step").get("time_s").decimalValue()).isEqualByComparingTo(step);
      assertThat(root.get("step").get("tokens_per_s").decimalValue()).isEqualByComparingTo(rate);
      assertThat(root.get("step").get("memory_bound_share").decimalValue()).isEqualByComparingTo("1");
      assertThat(root.get("step").get("compute_bound_share").decimalValue()).isEqualByComparingTo("0");
    } else {
      String[] sdpa = out.lines().filter(l2 -> l2.startsWith("Attn - SDPA,")).findFirst().orElseThrow().split(",");
      assertThat(new BigDecimal(sdpa[8])).isEqualByComparingTo(sdpaCompute);
      assertThat(new BigDecimal(sdpa[9])).isEqualByComparingTo(sdpaTime);
      assertThat(new BigDecimal(sdpa[10])).isEqualByComparingTo(sdpaTime);
      String[] total = out.lines().filter(l2 -> l2.startsWith("Total,")).findFirst().orElseThrow().split(",");
      assertThat(new BigDecimal(total[10])).isEqualByComparingTo(step);
    }
  }

  /**
   * The table prints times as it prints counts beyond a double: the exact value in the largest
   * prefix (Q = 10^30), two decimals rounded half to even.
   */
  @Test
  void theTablePrintsTheStepTimeExactlyInTheLargestPrefix() {
    BigDecimal q = H100_BANDWIDTH.scaleByPowerOfTen(30);
    String qs = new BigDecimal(decodeStepBytes()).divide(q, 2, RoundingMode.HALF_EVEN).toPlainString();
    String out = run(args("--cached-tokens", "--device h100-sxm")).out();
    assertThat(out).contains("Step time: " + qs + " Qs (compute-bound 0.00%, memory-bound 100.00%)\n");
    assertThat(out).contains("Throughput: 0.00 tokens/s (1 token per step)\n");
  }

  /**
   * 10^400 input tokens in one query (s = L = T = 10^400): attention is compute-bound, its
   * intensity far beyond a double; the norm stays memory-bound.
   */
  @Test
  void aPrefillOfAGoogolCubedTokens() throws Exception {
    BigInteger t = BigInteger.TEN.pow(400);
    BigInteger sdpaFlops =
        t.multiply(t).multiply(big(8191)).add(t.multiply(big(1024)).multiply(t.shiftLeft(1).subtract(BigInteger.ONE)));
    BigInteger sdpaBytes = big(16384).multiply(t).add(big(4096).multiply(t));
    BigInteger normBytes = big(8194).add(big(16384).multiply(t));

    JsonNode root = JSON.readTree(run(args("--input-tokens", "--device h100-sxm", "--format", "json")).out());
    JsonNode sdpa = node(root, "Attn - SDPA");
    assertThat(sdpa.get("flops").bigIntegerValue()).isEqualTo(sdpaFlops);
    assertThat(sdpa.get("operational_intensity").decimalValue())
        .isEqualByComparingTo(new BigDecimal(sdpaFlops).divide(new BigDecimal(sdpaBytes), DIGITS));
    assertThat(sdpa.get("bound").asText()).isEqualTo("compute");
    assertThat(sdpa.get("time_s").decimalValue()).isEqualByComparingTo(quotient(sdpaFlops, H100_PEAK));
    JsonNode norm = node(root, "Attn - RMSNorm");
    assertThat(norm.get("bound").asText()).isEqualTo("memory");
    assertThat(norm.get("time_s").decimalValue()).isEqualByComparingTo(quotient(normBytes, H100_BANDWIDTH));
  }

  /**
   * 10^400 queries of one token each (cached 0): attention reads 20480 bytes a query, at half the
   * peak still memory-bound; 10^400 tokens a step.
   */
  @Test
  void aBatchOfAGoogolCubedQueries() throws Exception {
    BigInteger b = BigInteger.TEN.pow(400);
    JsonNode root =
        JSON.readTree(run(args("--batch-size", "--device h100-sxm --flops-efficiency 0.5", "--format", "json")).out());
    JsonNode sdpa = node(root, "Attn - SDPA");
    assertThat(sdpa.get("bound").asText()).isEqualTo("memory");
    assertThat(sdpa.get("time_s").decimalValue()).isEqualByComparingTo(quotient(big(20480).multiply(b), H100_BANDWIDTH));
    // 9215 FLOPs a query at 989.4 TFLOP/s × 0.5.
    assertThat(sdpa.get("compute_time_s").decimalValue())
        .isEqualByComparingTo(quotient(big(9215).multiply(b), new BigDecimal("494.7e12")));
    assertThat(root.get("step").get("input_tokens").bigIntegerValue()).isEqualTo(b);
  }

  /**
   * A chart of each such step, as SVG and PNG: drawn (exit 0, the report as without the chart),
   * with no {@code inf} or {@code NaN} in the SVG, its axis bounds decimals beyond a double where
   * the values are, the subtitle naming the huge count by its power of ten.
   */
  @ParameterizedTest(name = "{0} 10^400, {1}")
  @CsvSource({"--cached-tokens, svg", "--cached-tokens, png", "--input-tokens, svg", "--input-tokens, png",
      "--batch-size, svg", "--batch-size, png"})
  void theChartIsDrawn(String option, String format, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("chart." + format);
    CliRun withPlot = run(args(option, "--device h100-sxm", "--plot", file.toString()));
    assertThat(withPlot.out()).isEqualTo(run(args(option, "--device h100-sxm")).out());
    byte[] bytes = Files.readAllBytes(file);
    if (format.equals("png")) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(image.getWidth()).isEqualTo(1600);
      assertThat(image.getHeight()).isEqualTo(1000);
      return;
    }
    String svg = new String(bytes, StandardCharsets.UTF_8);
    assertThat(NOT_A_NUMBER.matcher(svg).find()).as(svg).isFalse();
    String workload =
        switch (option) {
          case "--cached-tokens" -> "tokens per query: 1e400 cached, 1 input · batch 1 ·";
          case "--input-tokens" -> "tokens per query: 0 cached, 1e400 input · batch 1 ·";
          default -> "tokens per query: 0 cached, 1 input · batch 1e400 ·";
        };
    assertThat(svg).contains(workload);
    if (option.equals("--input-tokens")) {
      // Attention at 5·10^399 FLOPs per byte: the x axis reaches past 10^400, labelled every 50 decades.
      Matcher max = Pattern.compile("data-x-max=\"([^\"]+)\"").matcher(svg);
      assertThat(max.find()).isTrue();
      assertThat(new BigDecimal(max.group(1))).isGreaterThan(BigDecimal.TEN.pow(400));
      assertThat(svg).contains(">1e400<", ">1e350<", ">1e50<");
    }
  }
}
