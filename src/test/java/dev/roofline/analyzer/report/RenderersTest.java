package dev.roofline.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.ModelSummary;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.PrecisionSummary;
import dev.roofline.analyzer.analysis.Provenance;
import dev.roofline.analyzer.analysis.Storage;
import dev.roofline.analyzer.analysis.StorageItem;
import dev.roofline.analyzer.analysis.Subject;
import dev.roofline.analyzer.analysis.Totals;
import dev.roofline.analyzer.analysis.Workload;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON and CSV writers on results made by hand: quoting, undefined ratios, exact numbers. */
class RenderersTest {

  private static final BigInteger ZERO = BigInteger.ZERO;

  /** A result whose first row moves nothing (an undefined intensity) and has a name that needs quotes. */
  private static Analysis analysis(String name) {
    Figures nothing = new Figures(ZERO, ZERO, ZERO, ZERO);
    Figures some = new Figures(BigInteger.valueOf(3), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(8));
    return new Analysis(
        new ModelSummary(new Subject("m", Provenance.CACHE, "main", "0".repeat(40)), "llama", "float16", 2, 2),
        new Workload(List.of(ZERO), List.of(BigInteger.ONE), BigInteger.ONE, ZERO, BigInteger.ONE),
        List.of(new OperatorRow("x", name, 2, nothing), new OperatorRow("y", "Plain", 1, some)),
        new Totals(2, some),
        new Storage(List.of(new StorageItem("weights", "Weights", BigInteger.TEN))),
        new PrecisionSummary("float16", "float16", "float16", "config", false),
        null,
        "original",
        null,
        null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          Attn - SDPA          | Attn - SDPA
          a,b                  | "a,b"
          say "hi"             | "say ""hi""\"
          '  padded  '         | '  padded  '
          """)
  void csvQuotesOnlyWhatRfc4180Requires(String value, String field) {
    assertThat(CsvReport.field(new StringBuilder(), value).toString()).isEqualTo(field);
  }

  @Test
  void csvQuotesANameWithALineBreak() {
    assertThat(CsvReport.field(new StringBuilder(), "a\nb").toString()).isEqualTo("\"a\nb\"");
  }

  @Test
  void csvLeavesAnUndefinedRatioEmptyAndQuotesNames() {
    String csv = new CsvReport().render(analysis("Odd, \"name\""));
    assertThat(csv)
        .isEqualTo(
            "name,blocks,flops,weight_bytes,input_bytes,output_bytes,operational_intensity\n"
                + "\"Odd, \"\"name\"\"\",2,0,0,0,0,\n"
                + "Plain,1,3,1,1,8,0.3\n"
                + "Total,2,3,1,1,8,0.3\n");
  }

  @Test
  void jsonWritesNullForAnUndefinedRatioAndTheCommit() throws Exception {
    String text = new JsonReport().render(analysis("Odd, \"name\""));
    assertThat(text).endsWith("}\n");
    JsonNode root = new ObjectMapper().readTree(text);
    assertThat(root.get("nodes").get(0).get("operational_intensity").isNull()).isTrue();
    assertThat(root.get("nodes").get(0).get("name").asText()).isEqualTo("Odd, \"name\"");
    assertThat(root.get("nodes").get(1).get("operational_intensity").asText()).isEqualTo("0.3");
    assertThat(root.get("model").get("source").asText()).isEqualTo("cache");
    assertThat(root.get("model").get("revision").asText()).isEqualTo("main");
    assertThat(root.get("model").get("commit").asText()).isEqualTo("0".repeat(40));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          0.3,                   0.3
          2.0E-3,                0.002
          1.0E23,                1.0E23
          0.6666883,             0.6666883
          2.9999999999999996,    2.9999999999999996
          """)
  void doublesAreTheShortestDecimalThatReadsBack(double value, String text) {
    assertThat(Decimals.shortest(value)).isEqualTo(text);
    assertThat(Double.parseDouble(Decimals.shortest(value))).isEqualTo(value);
  }

  @Test
  void everyFormatIsNamedAndTableIsFirst() {
    assertThat(ReportFormat.ids()).containsExactly("table", "json", "csv");
    assertThat(ReportFormat.named("json")).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.named("xml")).isNull();
  }
}
