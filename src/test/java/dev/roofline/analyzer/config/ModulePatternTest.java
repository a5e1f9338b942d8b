package dev.roofline.analyzer.config;

import static dev.roofline.analyzer.config.QuantizationConfigTest.auto;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The module lists of a {@code quantization_config}: {@code re:} patterns matched as Python's
 * {@code re.match} does (from the start of the name, not to its end), refused when RE2 cannot
 * match them or when they are too large, and names looked up whatever their number.
 */
class ModulePatternTest {

  /** A compressed-tensors config quantizing every linear module to fp8, with {@code ignore}. */
  static String ignoring(String ignore) {
    return "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": {\"targets\": [\"Linear\"],"
        + " \"weights\": {\"num_bits\": 8, \"type\": \"float\", \"strategy\": \"channel\"}}}, \"ignore\": "
        + ignore
        + "}";
  }

  /** JSON text of one string. */
  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String weightsOf(String config, String module) {
    return auto(config, "bfloat16", "llama").weightFormat(module).name();
  }

  /**
   * Whether a pattern in {@code ignore} keeps a module at bfloat16, as Python's {@code
   * re.match(pattern, module)} says: anchored at the start, free at the end.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # pattern | module | weights
          .*self_attn\\.o_proj$ | model.layers.0.self_attn.o_proj | bfloat16
          .*self_attn\\.o_proj$ | model.layers.0.self_attn.q_proj | fp8
          # anchored at the start: a pattern that matches inside the name only does not match
          self_attn | model.layers.0.self_attn.q_proj | fp8
          # not anchored at the end: a prefix is enough
          model\\.layers\\.1 | model.layers.12.mlp.down_proj | bfloat16
          model\\.layers\\.1 | model.layers.2.mlp.down_proj | fp8
          model\\.layers\\.1$ | model.layers.12.mlp.down_proj | fp8
          model\\.layers\\.[0-9]{1,2}\\.mlp | model.layers.31.mlp.up_proj | bfloat16
          (?i)MODEL\\.LAYERS | model.layers.3.mlp.up_proj | bfloat16
          # braces that are not a repetition are text, in Python as in RE2
          model\\.layers\\.[{,]?3 | model.layers.3.mlp.up_proj | bfloat16
          model\\.layers\\.\\{,3} | model.layers.3.mlp.up_proj | fp8
          # patterns that backtracking takes exponential time over: nothing in the names to match
          (?:.*?){30}! | model.layers.0.self_attn.q_proj | fp8
          ((((.*)*)*)*)*Z | model.layers.0.self_attn.q_proj | fp8
          # the same shape, matching: proj has a j
          ((((.*)*)*)*)*j | model.layers.0.self_attn.q_proj | bfloat16
          """)
  void patternsMatchAsPythonsReMatch(String pattern, String module, String weights) {
    String config = ignoring("[" + quoted("re:" + pattern) + "]");
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> weightsOf(config, module))).isEqualTo(weights);
  }

  /**
   * transformers' {@code modules_to_not_convert}: an entry matches the start of the name as a
   * regex ({@code .} any character) or its end as text.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # entry | module | weights
          model.layers.1. | model.layers.1.mlp.up_proj | bfloat16
          # . matches any character, at the start
          model.layers.1. | model.layers.10.mlp.up_proj | bfloat16
          model.layers.1. | modelXlayers.1.mlp.up_proj | bfloat16
          model.layers.1. | model.layers.2.mlp.up_proj | fp8
          # the end of the name, as text
          o_proj | model.layers.7.self_attn.o_proj | bfloat16
          self_attn.o_pro | model.layers.7.self_attn.o_proj | fp8
          # a regex
          model\\.layers\\.[0-2]\\.mlp | model.layers.2.mlp.down_proj | bfloat16
          model\\.layers\\.[0-2]\\.mlp | model.layers.3.mlp.down_proj | fp8
          ((((.*)*)*)*)*Z | model.layers.3.mlp.down_proj | fp8
          (?:.*?){30}! | model.layers.3.mlp.down_proj | fp8
          """)
  void modulesToNotConvertMatchAsTransformers(String entry, String module, String weights) {
    String config = "{\"quant_method\": \"fp8\", \"modules_to_not_convert\": [" + quoted(entry) + "]}";
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> weightsOf(config, module))).isEqualTo(weights);
  }

  /** Many entries are looked up, not tried one by one: 20,000 names or not-convert entries. */
  @Test
  void manyEntriesAreLookedUp() {
    List<String> names = new ArrayList<>();
    for (int e = 0; e < 20_000; e++) {
      names.add(quoted("model.layers.3.mlp.experts." + e + ".down_proj"));
    }
    String list = "[" + String.join(", ", names) + "]";
    Precision ignore = auto(ignoring(list), "bfloat16", "deepseek_v3");
    Precision notConvert = auto("{\"quant_method\": \"fp8\", \"modules_to_not_convert\": " + list + "}", "bfloat16", "qwen3");
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (Precision p : List.of(ignore, notConvert)) {
            for (int e = 0; e < 65_536; e++) {
              String down = "model.layers.3.mlp.experts." + e + ".down_proj";
              assertThat(p.weightFormat(down).name()).as(down).isEqualTo(e < 20_000 ? "bfloat16" : "fp8");
              assertThat(p.weightFormat("model.layers.3.mlp.experts." + e + ".up_proj").name()).isEqualTo("fp8");
            }
          }
        });
    // Exact names: one look-up a name.
    assertThat(ignore.nameCost()).isEqualTo(1);
    // The ends of a name among the entries, which have 5 lengths (experts of 1 to 5 digits), and
    // its start among the entries of each length and dot positions (5 of them).
    assertThat(notConvert.nameCost()).isEqualTo(10);
  }

  /**
   * What RE2 does not have, or what is not a regular expression, is refused naming the entry and
   * what it uses; so is a pattern too large to match quickly.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # pattern | message after the entry
          (a)\\1 | uses a backreference (\\1), which patterns matched in linear time cannot express
          (?P<x>a)(?P=x) | uses a backreference ((?P=), which patterns matched in linear time cannot express
          a(?=b) | uses lookahead ((?=), which patterns matched in linear time cannot express
          a(?!b) | uses lookahead ((?!), which patterns matched in linear time cannot express
          (?<=a)b | uses lookbehind ((?<=), which patterns matched in linear time cannot express
          (?<!a)b | uses lookbehind ((?<!), which patterns matched in linear time cannot express
          .*lm_head\\Z | uses \\Z, which RE2 does not have: $ matches at the end of a module name
          (?>a) | is not a valid regular expression: invalid or unsupported Perl syntax: (?>
          a*+ | is not a valid regular expression: invalid nested repetition operator: *+
          (a)?(?(1)b) | is not a valid regular expression: invalid or unsupported Perl syntax: (?(
          \\ | is not a valid regular expression: trailing backslash at end of expression
          a{1001} | is not a valid regular expression: invalid repeat count: {1001}
          (unclosed | is not a valid regular expression: missing closing )
          # Python reads {,3} as {0,3}, RE2 as text
          a{,3}b | uses {,3}, which Python reads as {0,3} and RE2 as text: write {0,3}
          a{,}b | uses {,}, which Python reads as {0,} and RE2 as text: write {0,}
          # 3 copies of 1000 copies of 1000 copies of a: 3·10⁶ instructions
          ((a{1000}){1000}){3} | is too large a pattern: it compiles to more than 2000 instructions (a counted repetition such as {100} repeats what it applies to)
          # 1000 copies of a, each optional, then x: some 2000 instructions
          a{0,1000}x | is too large a pattern: it compiles to more than 2000 instructions (a counted repetition such as {100} repeats what it applies to)
          """)
  void whatCannotBeMatchedIsRefusedNamingTheEntry(String pattern, String message) {
    String entry = "re:" + pattern;
    assertThatThrownBy(() -> auto(ignoring("[\"lm_head\", " + quoted(entry) + "]"), "bfloat16", "llama"))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("test.json: 'quantization_config.ignore[1]' " + JsonFields.describe(entry) + " " + message);
  }

  /** The largest pattern, as many as fit: 1000 characters, and 20,000 in all. */
  @Test
  void patternsAreBoundedInLengthAndInAll() {
    String longest = "a".repeat(1000);
    assertThat(weightsOf(ignoring("[" + quoted("re:" + longest) + "]"), "model.layers.0.mlp.up_proj")).isEqualTo("fp8");
    assertThatThrownBy(() -> auto(ignoring("[" + quoted("re:" + longest + "a") + "]"), "bfloat16", "llama"))
        .hasMessage(
            "test.json: 'quantization_config.ignore[0]' \"re:"
                + "a".repeat(37)
                + "…\" is a pattern of 1001 characters; at most 1000 are matched");

    // 999 characters and 999 + 2 instructions each: 2000, ten of them 20,000; the eleventh is over.
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      patterns.add(quoted("re:" + (char) ('a' + i) + "b".repeat(998)));
    }
    String ten = "[" + String.join(", ", patterns.subList(0, 10)) + "]";
    assertThat(auto(ignoring(ten), "bfloat16", "llama").nameCost()).isEqualTo(10 * 1001);
    assertThatThrownBy(() -> auto(ignoring("[" + String.join(", ", patterns) + "]"), "bfloat16", "llama"))
        .hasMessage(
            "test.json: 'quantization_config.ignore[10]' \"re:k"
                + "b".repeat(36)
                + "…\" is one pattern too many: the patterns of a quantization_config may have at most 20000"
                + " characters and instructions in all");
  }

  /**
   * The size a pattern is checked against before it is compiled is never less than the
   * instructions it compiles to, so that nothing large is compiled; and it is close.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # pattern | instructions RE2/J compiles it to
          lm_head | 9
          .*mlp\\.gate$ | 13
          (?:.*?){30}! | 63
          ((((.*)*)*)*)*Z | 21
          a{1000} | 1002
          (?:a?){1000} | 2002
          (a*){500} | 2002
          (?:(?:a?){30}){30} | 1802
          a{2,1000}b{2,1000} | 3998
          (?:(a?)?){400} | 2002
          [a-z]{1,3}\\.[0-9]{1,3} | 13
          (?i)abc | 5
          \\Qa.b\\E{3} | 7
          []a]{4} | 6
          [[:alpha:]]{7} | 9
          (?P<n>a){3} | 11
          `(a|b|c|d){5,}` | 18
          x{0} | 3
          """)
  void theSizeBeforeCompilingBoundsTheInstructions(String pattern, int instructions) {
    assertThat(com.google.re2j.Pattern.compile(pattern).programSize()).isEqualTo(instructions);
    assertThat(PatternSize.estimate(pattern)).isBetween((long) instructions, 4L * instructions);
  }
}
