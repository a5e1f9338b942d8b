package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each primitive against values worked out by hand from its formula. */
class OpsTest {

  private static BigInteger b(long v) {
    return BigInteger.valueOf(v);
  }

  private static Cost cost(long flops, long weight, long input, long output) {
    return new Cost(b(flops), b(weight), b(input), b(output));
  }

  @ParameterizedTest(name = "proj(m={0}, n={1}, k={2}, w={3})")
  @CsvSource(
      textBlock =
          """
          # m, n,  k, w, flops = m·n·(2k−1), weight = k·n·w, input = m·k·w, output = m·n·w
            1, 1,  1, 1,     1,   1,  1,   1
            2, 3,  4, 2,    42,  24, 16,  12
            5, 10, 3, 4,   250, 120, 60, 200
           16, 8, 32, 2,  8064, 512, 1024, 256
          """)
  void proj(long m, long n, long k, int w, long flops, long weight, long input, long output) {
    assertThat(Ops.proj(b(m), b(n), b(k), w)).isEqualTo(cost(flops, weight, input, output));
  }

  @ParameterizedTest(name = "sum(e={0}, t={1}, w={2})")
  @CsvSource(
      textBlock =
          """
          # e, t, w, flops = e·(t−1), input = e·t·w, output = e·w
            10, 2, 2, 10, 40, 20
             7, 3, 1, 14, 21,  7
             5, 1, 8,  0, 40, 40
          """)
  void sum(long e, int t, int w, long flops, long input, long output) {
    assertThat(Ops.sum(b(e), t, w)).isEqualTo(cost(flops, 0, input, output));
  }

  @ParameterizedTest(name = "rope(d={0}, T={1}, w={2})")
  @CsvSource(
      textBlock =
          """
          # d, T, w, flops = 3·d·T, input = output = d·T·w
            8, 3, 2,  72,  48
          128, 1, 1, 384, 128
          """)
  void rope(long d, long t, int w, long flops, long bytes) {
    assertThat(Ops.rope(b(d), b(t), w)).isEqualTo(cost(flops, 0, bytes, bytes));
  }

  @ParameterizedTest(name = "rmsnorm(h={0}, T={1}, w={2})")
  @CsvSource(
      textBlock =
          """
          # h, T, w, flops = (4h+2)·T, weight = (h+1)·w, input = output = h·T·w
            4, 3, 2,    54,    10,    24
          5120, 1, 2, 20482, 10242, 10240
          """)
  void rmsnorm(long h, long t, int w, long flops, long weight, long bytes) {
    assertThat(Ops.rmsnorm(b(h), b(t), w)).isEqualTo(cost(flops, weight, bytes, bytes));
  }

  @ParameterizedTest(name = "actmul(I={0}, T={1}, a={2}, w={3})")
  @CsvSource(
      textBlock =
          """
          # I, T, a, w, flops = (a+1)·I + T (sic), input = 2·I·T·w, output = I·T·w
            10, 3, 4, 2,  53, 120, 60
          8192, 1, 4, 2, 40961, 32768, 16384
          8192, 100, 4, 2, 41060, 3276800, 1638400
          """)
  void actmul(long i, long t, int a, int w, long flops, long input, long output) {
    assertThat(Ops.actmul(b(i), b(t), a, w)).isEqualTo(cost(flops, 0, input, output));
  }

  @ParameterizedTest(name = "bias(n={0}, T={1}, w={2})")
  @CsvSource(
      textBlock =
          """
          # n, T, w, flops = n·T, weight = n·w; no activation traffic
            4608, 1, 2, 4608, 9216
            3,    5, 4,   15,   12
          """)
  void bias(long n, long t, int w, long flops, long weight) {
    assertThat(Ops.bias(b(n), b(t), w)).isEqualTo(cost(flops, weight, 0, 0));
  }

  @ParameterizedTest(name = "scale(e={0}, w={1})")
  @CsvSource(
      textBlock =
          """
          # e, w, flops = e, input = output = e·w
            2048, 2, 2048, 4096
            7,    1,    7,    7
          """)
  void scale(long e, int w, long flops, long bytes) {
    assertThat(Ops.scale(b(e), w)).isEqualTo(cost(flops, 0, bytes, bytes));
  }

  @ParameterizedTest(name = "sdpa(cached={0}, input={1}, repeat={2})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # qo = 4, kv = 2, w = 2; per query s, L = c + s:
          # flops = s·L·(2·qo−1) + s·kv·(2L−1), input = s·qo·w + 2·L·kv·w, output = s·qo·w
          2     | 3   | 1 | 159 | 64  | 24
          2 0   | 3 1 | 1 | 168 | 80  | 32
          2 0   | 3 1 | 2 | 336 | 160 | 64
          0     | 1   | 5 | 45  | 80  | 40
          """)
  void sdpaSumsOverTheExpandedBatch(
      String cached, String input, long repeat, long flops, long in, long out) {
    Query q = new Query(list(cached), list(input), b(repeat));
    assertThat(Ops.sdpa(q, b(4), b(2), 2)).isEqualTo(cost(flops, 0, in, out));
  }

  static List<BigInteger> list(String values) {
    return Arrays.stream(values.trim().split("\\s+")).map(BigInteger::new).toList();
  }
}
