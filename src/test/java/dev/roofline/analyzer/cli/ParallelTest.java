package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --tp}, {@code --dp}, {@code --ep}, {@code --pp} and the link options through the
 * command, against figures worked out by hand (parallel.md §5).
 */
class ParallelTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String LLAMA8 = "meta-llama/Llama-3.1-8B";
  private static final String LLAMA70 = "meta-llama/Llama-3.1-70B";
  private static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3";

  private static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("--offline"));
    all.addAll(List.of(args));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  private static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--format", "json"));
    all.addAll(List.of(args));
    return JSON.readTree(run(all.toArray(String[]::new)).out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "json", "csv"})
  void degreesOfOneChangeNothing(String format) {
    String[] single = {"--format", format, "--device", "h100-sxm", "--cached-tokens", "8192", "--", LLAMA8};
    String[] ones = {"--format", format, "--device", "h100-sxm", "--cached-tokens", "8192", "--tp", "1", "--dp", "1",
        "--ep", "1", "--pp", "1", "--", LLAMA8};
    assertThat(run(ones).out()).isEqualTo(run(single).out());
    assertThat(run("--format", format, "--tp", "1", "--dp", "1", "--ep", "1", "--pp", "1", "--", LLAMA8).out())
        .isEqualTo(run("--format", format, "--", LLAMA8).out());
  }

  /**
   * Llama-3.1-70B, bf16, tp 8 on h100-sxm, decode after 8192 at batch 1: two AllReduces a layer
   * (after the attention's and the feed-forward's row-parallel projections), 160 in all, each of
   * S = 1·8192·2 bytes taking 2·(7/8)·S/450e9 s on NVLink; each device holds 1/8 of each projection.
   */
  @Test
  void llama70bOnEightH100s() throws Exception {
    JsonNode single = json("--device", "h100-sxm", "--cached-tokens", "8192", "--", LLAMA70);
    JsonNode split = json("--device", "h100-sxm", "--cached-tokens", "8192", "--tp", "8", "--", LLAMA70);
    assertThat(split.get("parallelism").get("devices").bigIntegerValue()).isEqualTo(BigInteger.valueOf(8));
    JsonNode comm = split.get("communication");
    assertThat(comm).hasSize(2);
    long calls = 0;
    BigDecimal perCall = new BigDecimal(2 * 7 * 16384).divide(new BigDecimal("8").multiply(new BigDecimal("450e9")), MathContext.DECIMAL128);
    for (JsonNode c : comm) {
      assertThat(c.get("collective").asText()).isEqualTo("AllReduce");
      assertThat(c.get("group").asInt()).isEqualTo(8);
      assertThat(c.get("link").asText()).isEqualTo("scale-up");
      assertThat(c.get("bytes").bigIntegerValue()).isEqualTo(BigInteger.valueOf(16384));
      assertThat(c.get("time_per_call_s").decimalValue().doubleValue()).isEqualTo(perCall.doubleValue());
      calls += c.get("calls").asLong();
    }
    assertThat(calls).isEqualTo(160);
    assertThat(comm.get(0).get("carries").asText()).isEqualTo("Attn - O_Proj");
    assertThat(comm.get(1).get("carries").asText()).isEqualTo("Ffn - Down_Proj");
    for (int i = 0; i < single.get("nodes").size(); i++) {
      JsonNode s = single.get("nodes").get(i);
      JsonNode d = split.get("nodes").get(i);
      BigInteger weight = s.get("weight_bytes").bigIntegerValue();
      if (!s.get("name").asText().endsWith("RMSNorm")) {
        assertThat(d.get("weight_bytes").bigIntegerValue().multiply(BigInteger.valueOf(8))).as(s.get("name").asText()).isEqualTo(weight);
      }
    }
  }

  /**
   * DeepSeek-V3 at fp8 on 8 H200s, batch 64 after 4096: with tp 8 every device holds the whole
   * latent cache of the 64 queries (it cannot be split over heads); with dp 8 and ep 8 each holds
   * its 8 queries' eighth, the experts' tokens are dispatched and combined, and the step is faster.
   */
  @Test
  void deepSeekTensorAgainstDataAndExpertParallel() throws Exception {
    String[] common = {"--device", "h200-sxm", "--quantization", "auto", "--refined", "--batch-size", "64", "--cached-tokens", "4096"};
    JsonNode single = json(concat(common, "--", DEEPSEEK));
    JsonNode tp = json(concat(common, "--tp", "8", "--", DEEPSEEK));
    JsonNode dp = json(concat(common, "--dp", "8", "--ep", "8", "--", DEEPSEEK));
    BigInteger kv = term(single, "kv_cache");
    assertThat(tp.get("memory_per_device").get("kv_cache_bytes").bigIntegerValue()).isEqualTo(kv);
    assertThat(dp.get("memory_per_device").get("kv_cache_bytes").bigIntegerValue().multiply(BigInteger.valueOf(8))).isEqualTo(kv);
    List<String> carried = new ArrayList<>();
    dp.get("communication").forEach(c -> carried.add(c.get("collective").asText() + " " + c.get("carries").asText()));
    assertThat(carried).containsExactly("AllGather MoE dispatch", "ReduceScatter MoE combine");
    assertThat(dp.get("step").get("time_s").decimalValue()).isLessThan(tp.get("step").get("time_s").decimalValue());
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private static BigInteger term(JsonNode root, String key) {
    for (JsonNode t : root.get("storage").get("terms")) {
      if (t.get("key").asText().equals(key)) {
        return t.get("bytes").bigIntegerValue();
      }
    }
    throw new AssertionError("no " + key);
  }

  /**
   * Llama-3.1-8B (32 layers) decoding after 8192, batch 4, on h100-sxm in 2 and 4 stages: every
   * row is memory-bound, each stage holds 32/pp layers, so the first stage is the slowest with its
   * send: tick = (32/pp)·Σ row bytes / 3.35e12 + (1 token · 4096 · 2 bytes) / 450e9 (the stages
   * share one HGX board). The instance makes 4 tokens every pp ticks.
   */
  @ParameterizedTest(name = "pp {0}")
  @ValueSource(ints = {2, 4})
  void pipelineTick(int pp) throws Exception {
    JsonNode root = json("--device", "h100-sxm", "--cached-tokens", "8192", "--batch-size", String.valueOf(pp), "--pp", String.valueOf(pp),
        "--", LLAMA8);
    BigInteger bytes = BigInteger.ZERO;
    for (JsonNode n : root.get("nodes")) {
      assertThat(n.get("bound").asText()).isEqualTo("memory");
      bytes = bytes.add(n.get("weight_bytes").bigIntegerValue()).add(n.get("input_bytes").bigIntegerValue()).add(n.get("output_bytes").bigIntegerValue());
    }
    MathContext mc = new MathContext(60);
    BigDecimal stage = new BigDecimal(bytes.multiply(BigInteger.valueOf(32 / pp))).divide(new BigDecimal("3.35e12"), mc);
    BigDecimal send = new BigDecimal(4096 * 2).divide(new BigDecimal("450e9"), mc);
    BigDecimal tick = stage.add(send);
    assertThat(root.get("step").get("tick_s").decimalValue().doubleValue()).isEqualTo(tick.doubleValue());
    BigDecimal rate = new BigDecimal(pp).divide(tick.multiply(new BigDecimal(pp)), mc);
    assertThat(root.get("step").get("tokens_per_s").decimalValue().doubleValue()).isEqualTo(rate.doubleValue());
    assertThat(root.get("step").get("tokens_per_s_per_device").decimalValue().doubleValue())
        .isEqualTo(rate.divide(new BigDecimal(pp), mc).doubleValue());
    JsonNode send0 = root.get("communication").get(0);
    assertThat(send0.get("collective").asText()).isEqualTo("Send");
    assertThat(send0.get("calls").asInt()).isEqualTo(pp - 1);
  }

  /** The split's options, declared only when a run may name them, are in the help and take prefixes. */
  @Test
  void theOptionsAreInTheHelpAndTakePrefixes() {
    String help = run("--help").out();
    for (String option : List.of("--tp=N", "--dp=N", "--ep=N", "--pp=N", "--link-bandwidth=X", "--net-bandwidth=X",
        "--node-size=N", "--link-efficiency=F", "--link-latency=TIME")) {
      assertThat(help).contains(option);
    }
    assertThat(run("--format", "json", "--device", "h100-sxm", "--t", "2", "--", LLAMA8).out())
        .isEqualTo(run("--format", "json", "--device", "h100-sxm", "--tp", "2", "--", LLAMA8).out());
    assertThat(run("--format", "json", "--device", "h100-sxm", "--tp=2", "--link-lat=2us", "--", LLAMA8).out())
        .isEqualTo(run("--format", "json", "--device", "h100-sxm", "--tp", "2", "--link-latency", "2e-6", "--", LLAMA8).out());
  }

  @Test
  void theTableShowsTheCommunicationAndTheSplit() {
    List<String> lines =
        run("--device", "h100-sxm", "--tp", "8", "--pp", "2", "--batch-size", "2", "--", "meta-llama/Llama-3.1-405B").out().lines().toList();
    assertThat(lines).contains("Communication (per micro-batch step, not overlapped with compute):");
    assertThat(lines).anyMatch(l -> l.startsWith("| Send ") && l.contains("| Pipeline send ") && l.contains(" scale-out "));
    assertThat(lines).anyMatch(l -> l.startsWith("| AllReduce ") && l.contains(" scale-up "));
    assertThat(lines).anyMatch(l -> l.startsWith("Parallelism: tp 8 × dp 1 × pp 2 = 16 devices"));
    assertThat(lines).anyMatch(l -> l.startsWith("Tick: "));
    assertThat(lines).anyMatch(l -> l.startsWith("Memory per device: ") && l.contains("(stage "));
  }

  @Test
  void csvListsTheCollectivesAfterTheTotal() {
    List<String> lines = run("--format", "csv", "--device", "h100-sxm", "--tp", "2", "--", LLAMA8).out().lines().toList();
    assertThat(lines.get(0)).endsWith(",time_s,kind,collective,group,link,bytes,calls");
    int total = lines.indexOf(lines.stream().filter(l -> l.startsWith("Total,")).findFirst().orElseThrow());
    assertThat(lines.get(total)).contains(",total,");
    assertThat(lines.subList(total + 1, lines.size())).hasSize(2).allMatch(l -> l.contains(",comm,AllReduce,2,scale-up,8192,32"));
  }

  /** Each rule of parallel.md §1 is one error line and exit 2 in every format, stdout empty. */
  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --tp 0 --device h100-sxm -- meta-llama/Llama-3.1-8B                   | table | --tp must be a whole number of at least 1
          --tp 0 --device h100-sxm -- meta-llama/Llama-3.1-8B                   | json  | --tp must be a whole number of at least 1
          --tp 2 -- meta-llama/Llama-3.1-8B                                     | csv   | --tp needs a device
          --link-latency 5us -- meta-llama/Llama-3.1-8B                          | table | --link-latency needs a device
          --tp 3 --device h100-sxm -- meta-llama/Llama-3.1-8B                   | table | --tp 3 must divide the attention heads (32)
          --tp 3 --device h100-sxm -- meta-llama/Llama-3.1-8B                   | json  | --tp 3 must divide the attention heads (32)
          --tp 3 --device h100-sxm -- meta-llama/Llama-3.1-8B                   | csv   | --tp 3 must divide the attention heads (32)
          --ep 2 --tp 2 --device h100-sxm -- meta-llama/Llama-3.1-8B            | json  | --ep 2 needs a model with routed experts
          --dp 3 --ep 3 --batch-size 3 --device h200-sxm -- deepseek-ai/DeepSeek-V3 | csv | --ep 3 must divide the routed experts (256)
          --tp 2 --ep 4 --device h200-sxm -- deepseek-ai/DeepSeek-V3            | table | --ep 4 must divide --tp × --dp (2)
          --pp 33 --batch-size 33 --device h100-sxm -- meta-llama/Llama-3.1-8B  | table | --pp 33 must not exceed the layers (32)
          --dp 2 --device h100-sxm -- meta-llama/Llama-3.1-8B                   | json  | --batch-size (1) must be a multiple of --dp × --pp
          --tp 2 --peak-flops 1e15 --mem-bandwidth 3e12 -- meta-llama/Llama-3.1-8B | csv | scale-up bandwidth is not known: give it with --link-bandwidth
          --tp 2 --device h100-sxm --link-efficiency 1.5 -- meta-llama/Llama-3.1-8B | table | --link-efficiency must be a number greater than 0 and at most 1
          --tp 2 --device h100-sxm --link-latency 5min -- meta-llama/Llama-3.1-8B | json | --link-latency must be a time
          """)
  void errorsAreOneLine(String args, String format, String message) {
    List<String> all = new ArrayList<>(List.of("--offline", "--format", format));
    all.addAll(List.of(args.split(" ")));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: ").contains(message).doesNotContain("Exception").endsWith("\n");
    assertThat(run.err().lines()).hasSize(1);
  }
}
