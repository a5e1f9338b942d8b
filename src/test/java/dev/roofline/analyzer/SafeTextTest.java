package dev.roofline.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void controlAndFormatCharactersAreShownEscaped() {
    assertThat(SafeText.line("\u001b]0;owned\u0007 title")).isEqualTo("\\x1b]0;owned\\x07 title");
    assertThat(SafeText.line("a\u009b31mb\u007fc\u0000")).isEqualTo("a\\x9b31mb\\x7fc\\x00");
    assertThat(SafeText.line("left\u202eright\u2066\ufeff\u2028")).isEqualTo("left\\u202eright\\u2066\\ufeff\\u2028");
  }

  @Test
  void lineBreaksAndTheBlanksAroundThemBecomeOneSpace() {
    assertThat(SafeText.line("first line  \r\n\n  second\tline\n")).isEqualTo("first line second\tline");
  }

  @Test
  void printableTextIsKeptAsItIs() {
    assertThat(SafeText.line("μFLOPs é 模型 'quoted' \\x1b")).isEqualTo("μFLOPs é 模型 'quoted' \\x1b");
  }

  @Test
  void anExcerptIsCutAndMarked() {
    assertThat(SafeText.excerpt("x".repeat(10), 4)).isEqualTo("xxxx…");
    assertThat(SafeText.excerpt("a\u0007b", 10)).isEqualTo("a\\x07b");
  }
}
