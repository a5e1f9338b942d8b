package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenarios of a sweep: the cartesian product in the order of the axes, the last fastest. */
class ScenarioSpaceTest {

  private static final Scenario BASE =
      new Scenario(
          BigInteger.valueOf(4), List.of(big(1024), big(0)), List.of(big(1), big(512)), null, 1, 1, 1, 1, "h100-sxm");

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  private static ScenarioSpace.Axis axis(SweepKey key, Object... values) {
    return new ScenarioSpace.Axis(key, List.of(values));
  }

  @Test
  void theLastAxisVariesFastest() {
    ScenarioSpace space =
        new ScenarioSpace(
            List.of(axis(SweepKey.DEVICE, "a", "b"), axis(SweepKey.TP, big(1), big(2), big(4)), axis(SweepKey.PP, big(1), big(2))),
            BASE);
    List<String> seen = new ArrayList<>();
    for (Scenario s : space) {
      seen.add(s.device() + s.tp() + s.pp());
    }
    assertThat(seen)
        .containsExactly("a11", "a12", "a21", "a22", "a41", "a42", "b11", "b12", "b21", "b22", "b41", "b42");
    assertThat(space.size()).isEqualTo(big(12));
    assertThat(space.keys()).containsExactly(SweepKey.DEVICE, SweepKey.TP, SweepKey.PP);
  }

  @Test
  void whatNoAxisVariesIsTheBases() {
    Scenario s = new ScenarioSpace(List.of(axis(SweepKey.DP, big(2))), BASE).iterator().next();
    assertThat(s).isEqualTo(new Scenario(big(4), BASE.cached(), BASE.input(), null, 1, 2, 1, 1, "h100-sxm"));
  }

  /** A swept count is every query's: it fills the pattern as wide as the other list. */
  @Test
  void aSweptTokenCountFillsThePattern() {
    ScenarioSpace cached = new ScenarioSpace(List.of(axis(SweepKey.CACHED, big(7))), BASE);
    Scenario s = cached.iterator().next();
    assertThat(s.cached()).containsExactly(big(7), big(7));
    assertThat(s.input()).containsExactly(big(1), big(512));
    assertThat(cached.width()).isEqualTo(2);
    ScenarioSpace both = new ScenarioSpace(List.of(axis(SweepKey.INPUT, big(3)), axis(SweepKey.CACHED, big(9))), BASE);
    Scenario one = both.iterator().next();
    assertThat(one.cached()).containsExactly(big(9));
    assertThat(one.input()).containsExactly(big(3));
    assertThat(both.width()).isEqualTo(1);
  }

  @Test
  void everyKeySetsItsOwnField() {
    List<ScenarioSpace.Axis> axes =
        List.of(
            axis(SweepKey.BATCH, big(64)),
            axis(SweepKey.OUTPUT, big(512)),
            axis(SweepKey.TP, big(8)),
            axis(SweepKey.DP, big(2)),
            axis(SweepKey.EP, big(16)),
            axis(SweepKey.PP, big(4)),
            axis(SweepKey.DEVICE, "mi300x"));
    Scenario s = new ScenarioSpace(axes, BASE).iterator().next();
    assertThat(s).isEqualTo(new Scenario(big(64), BASE.cached(), BASE.input(), big(512), 8, 2, 16, 4, "mi300x"));
    for (ScenarioSpace.Axis a : axes) {
      assertThat(a.key().text(s)).isEqualTo(a.values().get(0).toString());
    }
  }
}
