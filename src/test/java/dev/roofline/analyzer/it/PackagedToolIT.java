package dev.roofline.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged tool run as users run it: the jar with {@code java -jar}, and the launcher script,
 * as separate processes, under the C locale (whose charset is ASCII).
 */
class PackagedToolIT {

  private static final Path JAR = Path.of("target/transformer-roofline-analyzer.jar");
  private static final Path LAUNCHER = Path.of("target/transformer-roofline-analyzer");
  // Its table holds a μ, which an ASCII charset would lose.
  private static final Path CONFIG = Path.of("src/test/resources/golden/reference-suite/llama/config-0.json");
  private static final Path EXPECTED = Path.of("src/test/resources/golden/reference-suite/llama/output-0-0.txt");
  private static final List<String> ARGS =
      List.of("--cached-tokens", "0", "--input-tokens", "2048", "--batch-size", "100", "--", CONFIG.toString());

  record Result(int exit, String out, String err) {}

  static Result exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static List<String> javaJar(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(args);
    return cmd;
  }

  static String expected() throws IOException {
    return Files.readString(EXPECTED, StandardCharsets.UTF_8).stripTrailing() + "\n";
  }

  @Test
  void javaJarUnderTheCLocalePrintsTheGoldenOutput() throws Exception {
    Result r = exec(javaJar(ARGS), Map.of("LC_ALL", "C", "LANG", "C"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(expected()).contains("μFLOPs");
  }

  @Test
  void jsonAndCsvUnderTheCLocaleAreTheSameAsInProcess() throws Exception {
    for (String format : List.of("json", "csv")) {
      List<String> args = new ArrayList<>(List.of("--format", format));
      args.addAll(ARGS);
      Result r = exec(javaJar(args), Map.of("LC_ALL", "C", "LANG", "C"));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.out()).isEqualTo(dev.roofline.analyzer.cli.CliRun.of(args.toArray(String[]::new)).out()).isNotEmpty();
    }
  }

  /**
   * No jar that {@code package} leaves looks runnable without being so: the plain jar Maven makes
   * before shading has no Main-Class, and every jar that has one holds its dependencies.
   */
  @Test
  void everyJarWithAMainClassIsSelfContained() throws Exception {
    int runnable = 0;
    try (java.util.stream.Stream<Path> jars = Files.list(Path.of("target"))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
          String main = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Main-Class");
          if (main != null) {
            runnable++;
            assertThat(main).isEqualTo("dev.roofline.analyzer.cli.Main");
            assertThat(j.getEntry("picocli/CommandLine.class")).as(jar.toString()).isNotNull();
            assertThat(j.getEntry("com/fasterxml/jackson/core/JsonFactory.class")).as(jar.toString()).isNotNull();
            assertThat(j.getEntry("okhttp3/OkHttpClient.class")).as(jar.toString()).isNotNull();
            assertThat(j.getEntry("org/jfree/chart/JFreeChart.class")).as(jar.toString()).isNotNull();
            assertThat(j.getEntry("org/apache/batik/svggen/SVGGraphics2D.class")).as(jar.toString()).isNotNull();
          }
        }
      }
    }
    assertThat(runnable).isPositive();
    try (java.util.jar.JarFile thin = new java.util.jar.JarFile("target/transformer-roofline-analyzer-" + version() + ".jar")) {
      assertThat(thin.getManifest().getMainAttributes().getValue("Main-Class")).isNull();
    }
  }

  private static String version() throws Exception {
    Result r = exec(javaJar(List.of("--version")), Map.of());
    return r.out().strip().substring("transformer-roofline-analyzer ".length());
  }

  @Test
  void launcherPrintsTheGoldenOutput() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(ARGS);
    Result r = exec(cmd, Map.of("JAVA_HOME", System.getProperty("java.home"), "LC_ALL", "C"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(expected());
  }

  @Test
  void launcherFollowsASymbolicLinkFromAnotherFolder() throws Exception {
    Path bin = Files.createTempDirectory("bin");
    Path link = Files.createSymbolicLink(bin.resolve("transformer-roofline-analyzer"), LAUNCHER.toAbsolutePath());
    List<String> cmd = new ArrayList<>(List.of(link.toString()));
    cmd.addAll(ARGS.subList(0, ARGS.size() - 1));
    cmd.add(CONFIG.toAbsolutePath().toString());
    Result r = exec(cmd, Map.of("JAVA_HOME", System.getProperty("java.home")));
    Files.delete(link);
    Files.delete(bin);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(expected());
  }

  private static final Path ARCHIVE = Path.of("target/transformer-roofline-analyzer.jsa");

  /** The launcher and the jar copied to a fresh folder, with {@code archive} as its archive. */
  static Path install(byte[] archive) throws IOException {
    Path dir = Files.createTempDirectory("install");
    Files.copy(LAUNCHER, dir.resolve(LAUNCHER.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(JAR, dir.resolve(JAR.getFileName()));
    if (archive != null) {
      Files.write(dir.resolve(ARCHIVE.getFileName()), archive);
    }
    return dir.resolve(LAUNCHER.getFileName());
  }

  static Result launch(Path launcher, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(args);
    return exec(cmd, Map.of("JAVA_HOME", System.getProperty("java.home"), "HF_HUB_OFFLINE", "1", "HF_HOME", "target/it-hf-home"));
  }

  @Test
  void theBuildMakesAnArchiveThatTheJvmAccepts() throws Exception {
    assertThat(ARCHIVE).isRegularFile();
    // -Xshare:on fails instead of falling back when the archive cannot be used.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:on", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(ARGS);
    Result r = exec(cmd, Map.of());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(expected());
  }

  @Test
  void sameOutputWithTheArchiveWithoutItAndWithAStaleOne() throws Exception {
    List<String> args = new ArrayList<>(ARGS.subList(0, ARGS.size() - 1));
    args.add(CONFIG.toAbsolutePath().toString());
    Result with = launch(LAUNCHER, args);
    Path without = install(null);
    Path stale = install("not an archive".getBytes(StandardCharsets.UTF_8));
    // An archive made for another copy of the jar (another path) is stale here too.
    Path moved = install(Files.readAllBytes(ARCHIVE));
    for (Result r : List.of(with, launch(without, args), launch(stale, args), launch(moved, args))) {
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.out()).isEqualTo(expected());
    }
    Result hub = launch(without, List.of("--offline", "meta-llama/Llama-3.2-1B"));
    assertThat(hub.exit()).isZero();
    assertThat(hub.out()).isEqualTo(launch(LAUNCHER, List.of("--offline", "meta-llama/Llama-3.2-1B")).out());
  }

  /**
   * The jar's NOTICE opens with the project's own and holds every paragraph of the notice of each
   * library it bundles (each jar on the class path whose classes are in it), so that the libraries'
   * notices, which their licence asks to pass on, travel with the jar.
   */
  @Test
  void theJarsNoticeHoldsTheNoticesOfTheLibrariesItBundles() throws Exception {
    List<String> bundled = new ArrayList<>();
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
      String notice =
          new String(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(notice.strip())
          .startsWith("transformer-roofline-analyzer\nCopyright (c) 2026 The transformer-roofline-analyzer authors\n");
      for (String name : List.of("META-INF/NOTICE", "META-INF/NOTICE.txt", "META-INF/NOTICE.md")) {
        for (java.net.URL url : java.util.Collections.list(getClass().getClassLoader().getResources(name))) {
          if (!"jar".equals(url.getProtocol())) {
            continue;
          }
          java.net.JarURLConnection connection = (java.net.JarURLConnection) url.openConnection();
          connection.setUseCaches(false);
          try (java.util.jar.JarFile library = connection.getJarFile()) {
            String aClass = library.stream()
                .map(java.util.zip.ZipEntry::getName)
                .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                .findFirst()
                .orElse(null);
            if (aClass == null || jar.getEntry(aClass) == null) {
              continue;
            }
            bundled.add(Path.of(library.getName()).getFileName().toString());
            String text =
                new String(library.getInputStream(library.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
            for (String paragraph : text.split("\\n\\s*\\n")) {
              assertThat(notice).as(library.getName()).contains(paragraph.strip());
            }
          }
        }
      }
    }
    assertThat(bundled).anyMatch(n -> n.startsWith("jackson-core-")).anyMatch(n -> n.startsWith("batik-svggen-"));
  }

  /**
   * The Apache 2.0 text that Jackson, OkHttp and Batik are licensed under travels with the jar
   * (their licence asks for a copy), once, as META-INF/LICENSE.
   */
  @Test
  void theJarCarriesTheApacheLicenceText() throws Exception {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
      String license =
          new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(license).contains("Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS");
    }
  }

  /**
   * RE2/J's jar ships no licence file, and its licence asks for its notice and conditions to
   * travel with the binary: the jar carries them as META-INF/RE2J-LICENSE.
   */
  @Test
  void theJarCarriesRe2jsLicenceText() throws Exception {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
      assertThat(jar.getEntry("com/google/re2j/Pattern.class")).isNotNull();
      String license =
          new String(jar.getInputStream(jar.getEntry("META-INF/RE2J-LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(license)
          .contains("Copyright (c) 2009 The Go Authors. All rights reserved.", "Redistributions in binary form must reproduce");
      String notice =
          new String(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(notice).contains("RE2/J", "META-INF/RE2J-LICENSE");
    }
  }

  /**
   * The regular-expression library stays off every path but one: runs without {@code
   * --quantization auto}, and with it on a quantization_config without patterns, load none of
   * its classes; a config whose ignore list holds a re: pattern does.
   */
  @Test
  void onlyAConfigWithPatternsLoadsTheRegexLibrary() throws Exception {
    String llama = Files.readString(CONFIG, StandardCharsets.UTF_8).strip();
    String ct =
        ", \"quantization_config\": {\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\":"
            + " {\"targets\": [\"Linear\"], \"weights\": {\"num_bits\": 8, \"type\": \"float\"}}}, \"ignore\": [%s]}}";
    Path names = Files.createTempFile("names", ".json");
    Path patterns = Files.createTempFile("patterns", ".json");
    Files.writeString(names, llama.substring(0, llama.lastIndexOf('}')) + ct.formatted("\"lm_head\""));
    Files.writeString(patterns, llama.substring(0, llama.lastIndexOf('}')) + ct.formatted("\"lm_head\", \"re:.*mlp\\\\.gate$\""));
    try {
      for (List<String> args : List.of(ARGS, List.of("--quantization", "auto", "--offline", "deepseek-ai/DeepSeek-V3"),
          List.of("--quantization", "auto", "--", names.toString()))) {
        List<String> classes = loadedClasses(args);
        assertThat(classes).as("the log lists the classes").contains("dev.roofline.analyzer.report.TableReport");
        assertThat(classes.stream().filter(c -> c.startsWith("com.google.re2j.")).toList()).as(String.join(" ", args)).isEmpty();
      }
      assertThat(loadedClasses(List.of("--quantization", "auto", "--", patterns.toString()))).contains("com.google.re2j.Pattern");
    } finally {
      Files.delete(names);
      Files.delete(patterns);
    }
  }

  /** The classes a run of the jar loads, by name, from the JVM's class-loading log. */
  static List<String> loadedClasses(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:stdout:tags", "-jar", JAR.toString()));
    cmd.addAll(args);
    Result r = exec(cmd, Map.of("HF_HUB_OFFLINE", "1", "HF_HOME", "target/it-hf-home"));
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> classes = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      // [class,load] java.lang.Object source: shared objects file
      if (line.startsWith("[class,load] ")) {
        classes.add(line.substring("[class,load] ".length()).split(" ", 2)[0]);
      }
    }
    return classes;
  }

  /**
   * Charting stays off the normal path: runs without {@code --plot}, with a device or without,
   * load no class of the charting library, of the SVG writer, of AWT or of the plot package; a run
   * with it does, and a PNG loads no class of the SVG writer.
   */
  @Test
  void onlyARunThatDrawsAChartLoadsTheChartingClasses() throws Exception {
    List<String> device = new ArrayList<>(List.of("--device", "h100-sxm", "--flops-efficiency", "0.7"));
    device.addAll(ARGS);
    for (List<String> args : List.of(ARGS, device)) {
      List<String> classes = loadedClasses(args);
      assertThat(classes).as("the log lists the classes").contains("dev.roofline.analyzer.report.TableReport");
      List<String> charting =
          classes.stream()
              .filter(c -> c.startsWith("org.jfree.") || c.startsWith("org.apache.batik.")
                  || c.startsWith("java.awt.") || c.startsWith("dev.roofline.analyzer.report.plot."))
              .toList();
      assertThat(charting).as(String.join(" ", args)).isEmpty();
    }
    Path chart = Files.createTempFile("chart", ".svg");
    List<String> plot = new ArrayList<>(List.of("--plot", chart.toString()));
    plot.addAll(device);
    List<String> classes = loadedClasses(plot);
    String svg = Files.readString(chart, StandardCharsets.UTF_8);
    Files.delete(chart);
    assertThat(classes).contains("org.jfree.chart.JFreeChart", "org.apache.batik.svggen.SVGGraphics2D",
        "dev.roofline.analyzer.report.plot.RooflinePlot");
    assertThat(svg).startsWith("<?xml").contains("<svg ");

    Path image = Files.createTempFile("chart", ".png");
    plot.set(1, image.toString());
    classes = loadedClasses(plot);
    assertThat(Files.size(image)).isPositive();
    Files.delete(image);
    assertThat(classes).contains("org.jfree.chart.JFreeChart", "dev.roofline.analyzer.report.plot.RooflinePlot");
    assertThat(classes.stream().filter(c -> c.startsWith("org.apache.batik.")).toList()).as("a PNG").isEmpty();
  }

  /**
   * Sweeps stay off the other paths: a run without {@code --sweep}, on one device, split, or a
   * whole request, loads none of the sweep's classes; a sweep does.
   */
  @Test
  void onlyASweepLoadsTheSweepClasses() throws Exception {
    List<String> split = new ArrayList<>(List.of("--device", "h100-sxm", "--tp", "2", "--output-tokens", "4"));
    split.addAll(ARGS);
    for (List<String> args : List.of(ARGS, split)) {
      List<String> classes = loadedClasses(args);
      assertThat(classes).as("the log lists the classes").contains("dev.roofline.analyzer.report.TableReport");
      assertThat(classes.stream().filter(c -> c.contains(".Sweep") || c.contains(".Scenario") || c.contains(".Pareto")).toList())
          .as(String.join(" ", args))
          .isEmpty();
    }
    List<String> sweep = new ArrayList<>(List.of("--device", "h100-sxm", "--sweep", "tp=1,2"));
    sweep.addAll(ARGS);
    assertThat(loadedClasses(sweep)).contains("dev.roofline.analyzer.cli.SweepRun", "dev.roofline.analyzer.analysis.Sweep");
  }

  @Test
  void aBadConfigGivesOneLineAndExitOneInARealProcess() throws Exception {
    Path bad = Files.createTempFile("config", ".json");
    Files.writeString(bad, "{\"model_type\": \"bert\"}");
    Result r = exec(javaJar(List.of(bad.toString())), Map.of());
    Files.delete(bad);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: ").contains("unsupported model_type 'bert'");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void aUsageErrorExitsTwo() throws Exception {
    Result r = exec(javaJar(List.of("--batch-size", "x", CONFIG.toString())), Map.of());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
  }
}
