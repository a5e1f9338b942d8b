package dev.roofline.analyzer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the golden suite: the command line of a {@code test.json} entry and the expected
 * standard output next to it.
 */
public record GoldenCase(String name, List<String> args, Path expected) {

  public static final Path ROOT = Path.of("src/test/resources/golden");

  @Override
  public String toString() {
    return name;
  }

  public String expectedOutput() {
    try {
      return Files.readString(expected, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every case of every {@code test.json} under {@link #ROOT}. */
  public static Stream<GoldenCase> all() throws IOException {
    List<GoldenCase> cases = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path test : files.filter(p -> p.getFileName().toString().equals("test.json")).sorted().toList()) {
        JsonNode entries = mapper.readTree(test.toFile());
        int i = 0;
        for (JsonNode e : entries) {
          JsonNode opts = e.get("CommandOptions");
          List<String> args = new ArrayList<>();
          addList(args, "--cached-tokens", opts.get("cached-tokens"));
          addList(args, "--input-tokens", opts.get("input-tokens"));
          JsonNode batch = opts.get("batch-size");
          if (batch != null && !batch.isNull() && !batch.asText().isBlank()) {
            args.add("--batch-size");
            args.add(batch.asText());
          }
          args.add("--");
          args.add(test.resolveSibling(e.get("Config").asText()).toString());
          Path expected = test.resolveSibling(e.get("Output").asText());
          String name = ROOT.relativize(test.getParent()) + "#" + i++ + " " + String.join(" ", args.subList(0, args.size() - 1));
          cases.add(new GoldenCase(name, List.copyOf(args), expected));
        }
      }
    }
    return cases.stream();
  }

  private static void addList(List<String> args, String option, JsonNode value) {
    if (value == null || value.isNull()) {
      return;
    }
    args.add(option);
    for (String v : value.asText().trim().split("\\s+")) {
      args.add(v);
    }
  }
}
