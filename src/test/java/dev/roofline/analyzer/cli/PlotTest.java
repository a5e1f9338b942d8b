package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code --plot}: the chart's content, read back from the SVG and the PNG, checked against the
 * analysis as the JSON output gives it; the report is unchanged.
 */
class PlotTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCOUT = "src/test/resources/golden/seed-sample/config-scout.json";
  private static final List<String> DECODE =
      List.of("--cached-tokens", "1048576", "--input-tokens", "1", "--device", "h100-sxm", "--", SCOUT);
  private static final List<String> PREFILL = List.of("--input-tokens", "4096", "--device", "h100-sxm", "--", SCOUT);

  @TempDir Path dir;

  private static CliRun run(List<String> args, String... before) {
    List<String> all = new ArrayList<>(List.of(before));
    all.addAll(args);
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  private static JsonNode json(List<String> args) throws IOException {
    return JSON.readTree(run(args, "--format", "json").out());
  }

  /** The SVG as a DOM, parsed by the JDK's parser, which refuses any DOCTYPE. */
  private static Document parse(Path svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(svg.toFile());
  }

  private static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  private static Element byId(Document svg, String id) {
    NodeList all = svg.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  /**
   * Each operator's share of the step time from the JSON output: blocks × time_s / step.time_s.
   * For the decode case below, by hand: per block the step moves 4 GiB of KV cache in SDPA and
   * 600 MiB of weights, so SDPA takes some 87%, each 160 MiB gate-up projection (routed and shared
   * expert) 3.4%, each 80 MiB down projection 1.7%, QKV (70 MiB) 1.5%.
   */
  private static Map<String, Double> shares(JsonNode root) {
    double step = root.get("step").get("time_s").doubleValue();
    Map<String, Double> shares = new TreeMap<>();
    for (JsonNode n : root.get("nodes")) {
      shares.put(n.get("name").asText(), n.get("blocks").asDouble() * n.get("time_s").doubleValue() / step);
    }
    return shares;
  }

  @Test
  void theSvgHasTheTitleAxesRidgeAndTheLabelsOfTheOperatorsOfTwoPercentOrMore() throws Exception {
    Path svg = dir.resolve("decode.svg");
    CliRun withPlot = run(DECODE, "--plot", svg.toString());
    assertThat(withPlot.out()).isEqualTo(run(DECODE).out());
    assertThat(withPlot.err()).isEmpty();

    List<String> texts = texts(parse(svg));
    assertThat(texts)
        .contains(
            "Roofline of config-scout.json on H100 SXM5 80GB (h100-sxm), bf16",
            "Operational intensity (FLOPs/byte)",
            "Attainable performance (FLOP/s)",
            // 989.4 TFLOP/s over 3.35 TB/s: 295.34 FLOPs per byte.
            "ridge 295 FLOPs/byte",
            "Model total",
            "1 PFLOP/s",
            "1k");
    assertThat(texts).anyMatch(t -> t.contains("1,048,576 cached, 1 input · batch 1"));

    Map<String, Double> shares = shares(json(DECODE));
    TreeSet<String> labelled = new TreeSet<>();
    shares.forEach((name, share) -> {
      if (share >= 0.02) {
        labelled.add(name);
      }
    });
    assertThat(labelled).containsExactly("Attn - SDPA", "Ffn - RoutedExp_GateUp_Proj", "Ffn - SharedExp_GateUp_Proj");
    for (String name : shares.keySet()) {
      String want = name + " (" + String.format(java.util.Locale.ROOT, "%.1f%%", shares.get(name) * 100) + ")";
      if (labelled.contains(name)) {
        assertThat(texts).as(name).contains(want);
      } else {
        assertThat(texts).as(name).noneMatch(t -> t.contains(name));
      }
    }
  }

  /**
   * The subtitle names the model's data type and the precision whose peak is the roof, which
   * differ for a quantized model: DeepSeek-V3's config says bfloat16, its FP8 checkpoint (read
   * with --quantization auto) stores fp8 weights and computes at the fp8 peak, as the title says.
   */
  @Test
  void theSubtitleNamesTheDtypeAndThePrecisionOfTheRoof() throws Exception {
    Path quantized = dir.resolve("quantized.svg");
    run(List.of("--quantization", "auto", "--device", "h100-sxm", "--input-tokens", "4096", "--plot", quantized.toString(),
        "--", "deepseek-ai/DeepSeek-V3"));
    assertThat(texts(parse(quantized)))
        .contains(
            "Roofline of deepseek-ai/DeepSeek-V3 on H100 SXM5 80GB (h100-sxm), fp8",
            "deepseek_v3, dtype bfloat16, fp8 weights, fp8 peak, 61 blocks");
    Path plain = dir.resolve("plain.svg");
    run(DECODE, "--plot", plain.toString());
    assertThat(texts(parse(plain))).contains("llama4, dtype bfloat16, bf16 peak, 48 blocks");
  }

  @Test
  void thePngIs1600By1000OnWhite() throws Exception {
    Path png = dir.resolve("decode.PNG");
    run(DECODE, "--plot", png.toString());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1600);
    assertThat(image.getHeight()).isEqualTo(1000);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(1599, 999) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  /** A point's centre in the SVG, mapped back through the log axes whose range the SVG states. */
  private record Axes(double x, double y, double width, double height, double xMin, double xMax, double yMin, double yMax) {
    static Axes of(Element group) {
      return new Axes(
          number(group, "data-area-x"),
          number(group, "data-area-y"),
          number(group, "data-area-width"),
          number(group, "data-area-height"),
          number(group, "data-x-min"),
          number(group, "data-x-max"),
          number(group, "data-y-min"),
          number(group, "data-y-max"));
    }

    private static double number(Element e, String attribute) {
      return Double.parseDouble(e.getAttribute(attribute));
    }

    double[] data(Element marker) {
      double cx = number(marker, "cx");
      double cy = number(marker, "cy");
      double lx = Math.log10(xMin) + (cx - x) / width * Math.log10(xMax / xMin);
      double ly = Math.log10(yMin) + (y + height - cy) / height * Math.log10(yMax / yMin);
      return new double[] {Math.pow(10, lx), Math.pow(10, ly)};
    }
  }

  @Test
  void markersSitWhereTheAnalysisPutsThemOnBothSidesOfTheRidge() throws Exception {
    Path svg = dir.resolve("prefill.svg");
    run(PREFILL, "--plot", svg.toString());
    Document doc = parse(svg);
    Axes axes = Axes.of(byId(doc, "roofline-points"));
    JsonNode root = json(PREFILL);
    JsonNode device = root.get("device");
    double peak = device.get("peak_flops_per_s").doubleValue();
    double bandwidth = device.get("mem_bandwidth_bytes_per_s").doubleValue();
    double ridge = device.get("ridge_intensity").doubleValue();

    // The operators' ids are the graph's (attn_qkv_proj for Attn - QKV_Proj).
    Map<String, String> ids = Map.of("Attn - QKV_Proj", "op-attn_qkv_proj", "Attn - RMSNorm", "op-attn_rmsnorm");
    Map<String, String> bounds = Map.of("Attn - QKV_Proj", "compute", "Attn - RMSNorm", "memory");
    int found = 0;
    for (JsonNode n : root.get("nodes")) {
      String name = n.get("name").asText();
      if (!ids.containsKey(name)) {
        continue;
      }
      found++;
      assertThat(n.get("bound").asText()).isEqualTo(bounds.get(name));
      double intensity = n.get("operational_intensity").doubleValue();
      double performance = n.get("flops").doubleValue() / n.get("time_s").doubleValue();
      // Attainable performance is min(peak, intensity × bandwidth): the roof above the intensity.
      assertThat(performance).isCloseTo(Math.min(peak, intensity * bandwidth), within(performance * 1e-9));
      assertThat(intensity > ridge).isEqualTo(bounds.get(name).equals("compute"));
      double[] at = axes.data(byId(doc, ids.get(name)));
      assertThat(at[0]).as(name + " intensity").isCloseTo(intensity, within(intensity * 1e-3));
      assertThat(at[1]).as(name + " performance").isCloseTo(performance, within(performance * 1e-3));
    }
    assertThat(found).isEqualTo(2);
    // A disc's area is proportional to its operator's share of the step time: 9.8% and 22.4% here.
    Map<String, Double> shares = shares(root);
    double qkv = Math.pow(Double.parseDouble(byId(doc, "op-attn_qkv_proj").getAttribute("r")), 2);
    double gateUp = Math.pow(Double.parseDouble(byId(doc, "op-ffn_routed_exp_gate_up_proj").getAttribute("r")), 2);
    assertThat(qkv / gateUp)
        .isCloseTo(shares.get("Attn - QKV_Proj") / shares.get("Ffn - RoutedExp_GateUp_Proj"), within(0.01));
    assertThat(qkv / gateUp).isCloseTo(0.44, within(0.01));
    double[] at = axes.data(byId(doc, "ridge"));
    assertThat(at[0]).isCloseTo(ridge, within(ridge * 1e-3));
    assertThat(at[1]).isCloseTo(peak, within(peak * 1e-3));
  }

  @Test
  void anExistingFileIsReplacedAndNoTemporaryFileIsLeft() throws Exception {
    Path svg = dir.resolve("chart.svg");
    Files.writeString(svg, "old");
    run(PREFILL, "--plot", svg.toString());
    assertThat(Files.readString(svg)).startsWith("<?xml").endsWith("</svg>\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(svg);
    }
  }

  /**
   * Text from outside (here the config's file name, in the title) is escaped: markup characters
   * read back as themselves, and a control character, which XML cannot hold, as U+FFFD.
   */
  @Test
  void markupAndControlCharactersInTheTitleStillGiveWellFormedSvg() throws Exception {
    Path config = dir.resolve("a&b <c> \"d\" 'e'\u0001.json");
    Files.copy(Path.of(SCOUT), config);
    Path svg = dir.resolve("odd.svg");
    run(List.of("--device", "h100-sxm", "--plot", svg.toString(), "--", config.toString()));
    assertThat(texts(parse(svg)))
        .contains("Roofline of a&b <c> \"d\" 'e'\uFFFD.json on H100 SXM5 80GB (h100-sxm), bf16");
  }

  @Test
  void withEfficienciesTheAttainableRoofAndRidgeAreDrawnToo() throws Exception {
    Path svg = dir.resolve("derated.svg");
    run(PREFILL, "--plot", svg.toString(), "--flops-efficiency", "0.7", "--mem-efficiency", "0.8");
    Document doc = parse(svg);
    // 989.4 × 0.7 TFLOP/s over 3.35 × 0.8 TB/s: 258.43 FLOPs per byte.
    assertThat(texts(doc)).contains("attainable ridge 258 FLOPs/byte", "Attainable: 70% of peak, 80% of bandwidth");
    double[] at = Axes.of(byId(doc, "roofline-points")).data(byId(doc, "attainable-ridge"));
    assertThat(at[0]).isCloseTo(692.58 / 2.68, within(0.3));
    assertThat(at[1]).isCloseTo(692.58e12, within(692.58e12 * 1e-3));
  }

  /**
   * The attainable ridge is a dot in an open diamond, unlike the model's total (a ring of radius
   * 7 around a dot) and the roof's ridge (a filled disc): the SVG's shapes say so.
   */
  @Test
  void theAttainableRidgeIsADiamondNotARing() throws Exception {
    Path svg = dir.resolve("derated.svg");
    run(PREFILL, "--plot", svg.toString(), "--flops-efficiency", "0.7", "--mem-efficiency", "0.8");
    Document doc = parse(svg);
    Element dot = byId(doc, "attainable-ridge");
    assertThat(dot.getLocalName()).isEqualTo("circle");
    assertThat(Double.parseDouble(dot.getAttribute("r"))).isLessThan(3);
    org.w3c.dom.Node next = dot.getNextSibling();
    while (!(next instanceof Element)) {
      next = next.getNextSibling();
    }
    Element diamond = (Element) next;
    assertThat(diamond.getLocalName()).isEqualTo("path");
    // Four corners around the dot: M, three L, Z.
    assertThat(diamond.getAttribute("d")).matches("M[^A-Z]+( L[^A-Z]+){3} Z");
    assertThat(diamond.getAttribute("fill")).isEqualTo("none");
    Element total = byId(doc, "total");
    assertThat(total.getLocalName()).isEqualTo("circle");
    assertThat(total.getAttribute("r")).isEqualTo("7");
    assertThat(byId(doc, "ridge").getLocalName()).isEqualTo("circle");
  }

  /** The text elements among the points, in the order drawn. */
  private static List<Element> pointTexts(Document svg) {
    NodeList nodes = byId(svg, "roofline-points").getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<Element> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add((Element) nodes.item(i));
    }
    return texts;
  }

  /**
   * DeepSeek-V3's 4,096-token prefill crowds eight operators of 2% or more around the ridge, too
   * close for their labels to stand beside them: each gets a number at its marker, and a key in a
   * corner of the plot gives the numbers in order of share, each with its label, on one line.
   * Scout's decode, whose labels fit, keeps them beside the markers.
   */
  @Test
  void crowdedLabelsGiveWayToNumbersAndAKey() throws Exception {
    List<String> prefill = List.of("--device", "h100-sxm", "--input-tokens", "4096", "--", "deepseek-ai/DeepSeek-V3");
    Path svg = dir.resolve("crowded.svg");
    run(prefill, "--plot", svg.toString());
    Document doc = parse(svg);
    Axes axes = Axes.of(byId(doc, "roofline-points"));
    List<Element> texts = pointTexts(doc);

    // The operators of 2% or more from the JSON, the larger share first (ties in table order).
    JsonNode root = json(prefill);
    double step = root.get("step").get("time_s").doubleValue();
    List<String> names = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (JsonNode n : root.get("nodes")) {
      double share = n.get("blocks").asDouble() * n.get("time_s").doubleValue() / step;
      if (share >= 0.02) {
        int at = 0;
        while (at < shares.size() && shares.get(at) >= share) {
          at++;
        }
        names.add(at, n.get("name").asText());
        shares.add(at, share);
      }
    }
    assertThat(names).hasSize(8).startsWith("Attn - SDPA", "Ffn - RoutedExp_GateUp_Proj");
    for (int i = 0; i < names.size(); i++) {
      String label = names.get(i) + " (" + String.format(java.util.Locale.ROOT, "%.1f%%", shares.get(i) * 100) + ")";
      String number = Integer.toString(i + 1);
      List<Element> rows = texts.stream().filter(t -> t.getTextContent().equals(label)).toList();
      assertThat(rows).as(label).hasSize(1);
      Element row = rows.get(0);
      Element before = texts.get(texts.indexOf(row) - 1);
      assertThat(before.getTextContent()).as(label).isEqualTo(number);
      assertThat(before.getAttribute("y")).isEqualTo(row.getAttribute("y"));
      double x = Double.parseDouble(row.getAttribute("x"));
      double y = Double.parseDouble(row.getAttribute("y"));
      assertThat(x).isBetween(axes.x(), axes.x() + axes.width());
      assertThat(y).isBetween(axes.y(), axes.y() + axes.height());
      // The number once in the key and once at the marker.
      assertThat(texts.stream().filter(t -> t.getTextContent().equals(number))).as(number).hasSize(2);
    }

    Path decode = dir.resolve("decode.svg");
    run(DECODE, "--plot", decode.toString());
    assertThat(pointTexts(parse(decode))).extracting(Element::getTextContent).noneMatch(t -> t.matches("\\d+"));
  }

  /**
   * Every chart in the README is the tool's own: the command shown beside it, run again, draws
   * the same texts in the same order (positions depend on the fonts at hand, so they are not
   * compared), and the image is small.
   */
  @Test
  void theReadmeChartsAreDrawnByTheCommandsBesideThem() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\n" + Main.NAME + " (.*--plot (src/docs/[\\w.-]+\\.svg) .*)\n").matcher(readme);
    int charts = 0;
    while (m.find()) {
      charts++;
      Path committed = Path.of(m.group(2));
      assertThat(readme).contains("](" + committed + ")");
      assertThat(Files.size(committed)).isLessThan(100_000);
      Path again = dir.resolve(committed.getFileName());
      List<String> args = new ArrayList<>(List.of(m.group(1).split(" ")));
      args.set(args.indexOf("--plot") + 1, again.toString());
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(texts(parse(again))).as(committed.toString()).isEqualTo(texts(parse(committed)));
    }
    assertThat(charts).isEqualTo(2);
  }
}
