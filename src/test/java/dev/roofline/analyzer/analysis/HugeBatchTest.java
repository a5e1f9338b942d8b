package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.cli.CliRun;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.graph.StorageKind;
import dev.roofline.analyzer.graph.StorageTerm;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch of two billion queries on Llama 4 Maverick: the typed pattern is never expanded, and
 * every value is exact. The values below are worked out by hand from the formulas.
 */
class HugeBatchTest {

  private static final Path CONFIG =
      Path.of("src/main/resources/dev/roofline/analyzer/catalog/meta-llama--Llama-4-Maverick-17B-128E.json");

  // Maverick: H = 5120, head_dim d = 128, nh = 40, nkv = 8 (kvDims = 1024), 48 blocks, bfloat16.
  // Pattern (cached, input) = (1000000, 1), (3, 7), repeated 10^9 times: 2·10^9 queries.
  private static final BigInteger REPEAT = BigInteger.TEN.pow(9);

  // SDPA per query: s·L·(2H−1) + s·kv·(2L−1) FLOPs; input s·H·w + 2·L·kv·w; output s·H·w.
  //   (1000000, 1): L = 1000001: 1000001·10239 + 1024·2000001 = 12287011263 FLOPs,
  //                 10240 + 1000001·4096 = 4096014336 B in, 10240 B out
  //   (3, 7):       L = 10: 7·10·10239 + 7·1024·19 = 852922 FLOPs, 71680 + 40960 = 112640 B in,
  //                 71680 B out
  private static final BigInteger SDPA_FLOPS = new BigInteger("12287864185").multiply(REPEAT);
  private static final BigInteger SDPA_IN = new BigInteger("4096126976").multiply(REPEAT);
  private static final BigInteger SDPA_OUT = new BigInteger("81920").multiply(REPEAT);

  // KV cache: 48 blocks · Σ L (1000011 per pattern, × 10^9) · 2 · 1024 · 2 bytes.
  private static final BigInteger KV_CACHE = new BigInteger("196610162688000000000");

  // QKV projection: T = 8·10^9 tokens · d·(nh + 2·nkv) = 7168 · (2H − 1) = 10239.
  private static final BigInteger QKV_FLOPS = new BigInteger("587145216000000000");

  @Test
  void twoBillionQueriesAreExact() throws Exception {
    ModelConfig config = Graphs.readConfig(Files.readAllBytes(CONFIG), CONFIG.toString());
    Query query =
        Query.of(
            List.of(BigInteger.valueOf(1_000_000), BigInteger.valueOf(3)),
            List.of(BigInteger.ONE, BigInteger.valueOf(7)),
            BigInteger.valueOf(2_000_000_000));
    assertThat(query.batchSize()).isEqualTo(2_000_000_000L);
    assertThat(query.cached()).hasSize(2);

    Graph graph = Graphs.build(config, query);
    Node sdpa = node(graph, "Attn - SDPA");
    assertThat(sdpa.cost().flops()).isEqualTo(SDPA_FLOPS);
    assertThat(sdpa.cost().input()).isEqualTo(SDPA_IN);
    assertThat(sdpa.cost().output()).isEqualTo(SDPA_OUT);
    assertThat(sdpa.cost().weight()).isZero();
    assertThat(node(graph, "Attn - QKV_Proj").cost().flops()).isEqualTo(QKV_FLOPS);
    StorageTerm kv = graph.storage().get(0);
    assertThat(kv.kind()).isEqualTo(StorageKind.KV_CACHE);
    assertThat(kv.bytes()).isEqualTo(KV_CACHE);
  }

  @Test
  void printsTheHugeBatchExactlyInTheSameTableShape() {
    CliRun small = run("2");
    CliRun huge = run("2000000000");
    assertThat(huge.exitCode()).as(huge.describe()).isZero();
    assertThat(huge.out().lines()).hasSameSizeAs(small.out().lines().toList());
    // 1.2287864185e19 FLOPs per block = 12.29 EFLOPs; KV cache 1.9661e20 B = 170.53 EiB.
    assertThat(huge.out()).containsPattern("\\| Attn - SDPA +\\| +48 / 48 +\\| +12\\.29 EFLOPs \\|").contains("(KV-cache) 170.53 EiB");
  }

  private static CliRun run(String batch) {
    return CliRun.of(
        "--cached-tokens", "1000000", "3", "--input-tokens", "1", "7", "--batch-size", batch, "--", CONFIG.toString());
  }

  private static Node node(Graph graph, String name) {
    return graph.nodes().stream().filter(n -> n.operator().label().equals(name)).findFirst().orElseThrow();
  }
}
