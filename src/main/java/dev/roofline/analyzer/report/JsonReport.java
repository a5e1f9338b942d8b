package dev.roofline.analyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.roofline.analyzer.Version;
import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.ModelSummary;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.StorageItem;
import dev.roofline.analyzer.analysis.Workload;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Every figure of the analysis as one JSON object (schema {@value #SCHEMA}): exact integers in
 * full, ratios as the shortest decimal of their double, {@code null} for an undefined ratio.
 * Pretty-printed with two spaces, {@code \n} line ends.
 */
public final class JsonReport implements Renderer {

  /** The schema's name and version; renaming or removing a field needs a new one. */
  public static final String SCHEMA = "transformer-roofline-analyzer/v1";

  @Override
  public String render(Analysis analysis) {
    StringWriter text = new StringWriter(4096);
    JsonFactory factory = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    try (JsonGenerator g = factory.createGenerator(text)) {
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "transformer-roofline-analyzer");
      g.writeStringField("version", Version.get());
      g.writeEndObject();
      model(g, analysis.model());
      query(g, analysis.workload());
      g.writeArrayFieldStart("nodes");
      for (OperatorRow r : analysis.rows()) {
        g.writeStartObject();
        row(g, r.label(), r.blocks(), r.perBlock());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("total");
      row(g, "Total", analysis.total().blocks(), analysis.total().figures());
      g.writeEndObject();
      g.writeObjectFieldStart("storage");
      g.writeArrayFieldStart("terms");
      for (StorageItem t : analysis.storage().terms()) {
        g.writeStartObject();
        g.writeStringField("key", t.key());
        g.writeStringField("label", t.label());
        g.writeFieldName("bytes");
        g.writeNumber(t.bytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("total_bytes");
      g.writeNumber(analysis.storage().totalBytes());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does not fail.
      throw new UncheckedIOException(e);
    }
    return text.append('\n').toString();
  }

  private static void model(JsonGenerator g, ModelSummary m) throws IOException {
    g.writeObjectFieldStart("model");
    g.writeStringField("argument", m.subject().argument());
    g.writeStringField("source", m.subject().provenance().key());
    if (m.subject().revision() != null) {
      g.writeStringField("revision", m.subject().revision());
    }
    if (m.subject().commit() != null) {
      g.writeStringField("commit", m.subject().commit());
    }
    g.writeStringField("model_type", m.modelType());
    g.writeStringField("dtype", m.dtype());
    g.writeNumberField("bytes_per_element", m.bytesPerElement());
    g.writeNumberField("blocks", m.blocks());
    g.writeEndObject();
  }

  private static void query(JsonGenerator g, Workload w) throws IOException {
    g.writeObjectFieldStart("query");
    integers(g, "cached_tokens", w.cachedTokens());
    integers(g, "input_tokens", w.inputTokens());
    g.writeFieldName("batch_size");
    g.writeNumber(w.batchSize());
    g.writeFieldName("total_cached_tokens");
    g.writeNumber(w.totalCachedTokens());
    g.writeFieldName("total_input_tokens");
    g.writeNumber(w.totalInputTokens());
    g.writeEndObject();
  }

  private static void integers(JsonGenerator g, String name, List<BigInteger> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (BigInteger v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void row(JsonGenerator g, String name, long blocks, Figures f) throws IOException {
    g.writeStringField("name", name);
    g.writeNumberField("blocks", blocks);
    g.writeFieldName("flops");
    g.writeNumber(f.flops());
    g.writeFieldName("weight_bytes");
    g.writeNumber(f.weightBytes());
    g.writeFieldName("input_bytes");
    g.writeNumber(f.inputBytes());
    g.writeFieldName("output_bytes");
    g.writeNumber(f.outputBytes());
    Double intensity = f.intensity();
    g.writeFieldName("operational_intensity");
    if (intensity == null) {
      g.writeNull();
    } else {
      g.writeNumber(intensity);
    }
  }
}
