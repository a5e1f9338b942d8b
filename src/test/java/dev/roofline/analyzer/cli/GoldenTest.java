package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The original tool's own expected outputs, reproduced byte for byte through the entry point. */
class GoldenTest {

  static Stream<GoldenCase> cases() throws IOException {
    return GoldenCase.all();
  }

  @Test
  void suiteIsComplete() throws IOException {
    // 9 reference cases and the seed sample; every case names an output file that exists.
    assertThat(GoldenCase.all()).hasSize(10).allSatisfy(c -> assertThat(c.expected()).isRegularFile());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesTheOriginal(GoldenCase c) {
    assertMatches(c);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tr-TR", "de-DE", "ar-EG", "hi-IN"})
  void sameOutputWhateverTheDefaultLocale(String tag) throws IOException {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag(tag));
      assertThat(cases()).allSatisfy(GoldenTest::assertMatches);
    } finally {
      Locale.setDefault(saved);
    }
  }

  static void assertMatches(GoldenCase c) {
    CliRun run = CliRun.of(c.args().toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).as(run.describe()).isEmpty();
    assertThat(stripOneNewline(run.out())).isEqualTo(stripOneNewline(c.expectedOutput()));
  }

  static String stripOneNewline(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  @Test
  void reportEndsWithExactlyOneNewlineAndUsesNoCarriageReturn() throws IOException {
    GoldenCase c = GoldenCase.all().findFirst().orElseThrow();
    String out = CliRun.of(c.args().toArray(String[]::new)).out();
    assertThat(out).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r");
    assertThat(Files.readString(c.expected())).isNotEmpty();
  }
}
