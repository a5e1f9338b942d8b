package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.cli.CliRun;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.Operator;
import dev.roofline.analyzer.graph.Query;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Llama 3.1 405B with a million input tokens per query and 100,000 queries: products far beyond a
 * {@code long}, which must come out exact.
 */
class HugeInputTest {

  private static final Path CONFIG = Path.of("src/main/resources/dev/roofline/analyzer/catalog/meta-llama--Llama-3.1-405B.json");

  // Llama 3.1 405B: H = 16384, I = 53248, nh = 128, nkv = 8, d = H / nh = 128, 126 blocks,
  // bfloat16 (w = 2). T = 1,000,000 × 100,000 = 10^11 input tokens.
  private static final BigInteger T = BigInteger.TEN.pow(11);

  // QKV projection: T · d·(nh + 2·nkv) · (2H − 1) = 10^11 · 18432 · 32767.
  private static final BigInteger QKV_FLOPS = new BigInteger("60396134400000000000");

  // Weights per block: 2 RMSNorms (H+1)·w, QKV H·18432·w, O H·H·w, gate/up H·2I·w, down I·H·w:
  // 2·32770 + 603979776 + 536870912 + 3489660928 + 1744830464 = 6375407620 bytes; × 126 blocks.
  private static final BigInteger TOTAL_WEIGHT = new BigInteger("803301360120");

  @Test
  void exactCostsBeyondLongRange() throws Exception {
    ModelConfig config = Graphs.readConfig(Files.readAllBytes(CONFIG), CONFIG.toString());
    Query query =
        Query.of(List.of(BigInteger.ZERO), List.of(BigInteger.valueOf(1_000_000)), BigInteger.valueOf(100_000));
    assertThat(query.totalInputTokens()).isEqualTo(T);

    Analysis analysis = Analysis.of(new Subject("405B", Provenance.FILE, null, null), config, query);
    Node qkv =
        Graphs.build(config, query).nodes().stream()
            .filter(n -> n.operator() == Operator.ATTN_QKV_PROJ)
            .findFirst()
            .orElseThrow();
    assertThat(qkv.cost().flops()).isEqualTo(QKV_FLOPS);
    assertThat(QKV_FLOPS).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    assertThat(analysis.total().figures().weightBytes()).isEqualTo(TOTAL_WEIGHT);
    assertThat(analysis.storage().terms().get(0).bytes()).isEqualTo(TOTAL_WEIGHT);
  }

  @Test
  void commandPrintsTheExactValues() {
    CliRun run =
        CliRun.of("--input-tokens", "1000000", "--batch-size", "100000", "--", CONFIG.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    // 6.0396e19 FLOPs = 60.40 EFLOPs; 803301360120 B = 748.13 GiB.
    assertThat(run.out())
        .containsPattern("\\| Attn - QKV_Proj +\\| +126 / 126 +\\| +60\\.40 EFLOPs \\|")
        .contains("(Weights) 748.13 GiB");
  }
}
