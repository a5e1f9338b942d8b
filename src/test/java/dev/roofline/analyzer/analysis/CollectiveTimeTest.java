package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.graph.Collective;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The time of each collective (nccl-tests' conventions) against the formulas worked out by hand:
 * AllReduce 2·(n−1)/n·S/Bw + α, AllGather and ReduceScatter (n−1)/n·S/Bw + α, a send S/Bw + α,
 * with Bw the bandwidth × efficiency; a group of one device moves nothing.
 */
class CollectiveTimeTest {

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource(
      textBlock =
          """
          # kind,        n, bytes,   bandwidth, efficiency, latency, seconds (by hand)
          # 2·7/8·16384/450e9 = 28672/450e9
          ALL_REDUCE,     8, 16384,   450e9,     1,          0,       6.371555555555555555555555555555556E-8
          # 2·1/2·1000/100 = 10, + 5
          ALL_REDUCE,     2, 1000,    100,       1,          5,       15
          # 7/8·1440000/(450e9·0.8) = 1260000/360e9
          ALL_GATHER,     8, 1440000, 450e9,     0.8,        0,       3.5E-6
          # 3/4·400/(200·0.5) = 3, + 1e-5
          REDUCE_SCATTER, 4, 400,     200,       0.5,        0.00001, 3.00001
          # 32768/50e9
          SEND,           2, 32768,   50e9,      1,          0,       6.5536E-7
          ALL_REDUCE,     1, 123456,  1,         1,          0,       0
          """)
  void timeOfOneCall(
      Collective.Kind kind, long n, long bytes, String bandwidth, String efficiency, String latency, String seconds) {
    Rational time =
        Split.time(
            kind,
            BigInteger.valueOf(n),
            BigInteger.valueOf(bytes),
            new BigDecimal(bandwidth),
            new BigDecimal(efficiency),
            new BigDecimal(latency));
    BigDecimal expected = new BigDecimal(seconds);
    if (kind == Collective.Kind.ALL_REDUCE && n == 8) {
      // 28672/450e9 is no finite decimal: compare the exact fraction.
      assertThat(time).isEqualTo(new Rational(BigInteger.valueOf(28672), new BigInteger("450000000000")));
    } else {
      assertThat(time).isEqualTo(Rational.of(expected));
    }
  }
}
