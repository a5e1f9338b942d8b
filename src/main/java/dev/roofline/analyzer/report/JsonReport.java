package dev.roofline.analyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.roofline.analyzer.Version;
import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.CommunicationRow;
import dev.roofline.analyzer.analysis.DeviceFigures;
import dev.roofline.analyzer.analysis.DeviceMemory;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.MemoryVerdict;
import dev.roofline.analyzer.analysis.ModelSummary;
import dev.roofline.analyzer.analysis.NodeTiming;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.Parallel;
import dev.roofline.analyzer.analysis.RequestFigures;
import dev.roofline.analyzer.analysis.PrecisionSummary;
import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.Roofline;
import dev.roofline.analyzer.analysis.StepFigures;
import dev.roofline.analyzer.analysis.StorageItem;
import dev.roofline.analyzer.analysis.Workload;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;

/**
 * Every figure of the analysis as one JSON object (schema {@value #SCHEMA}): exact integers in
 * full, ratios as the shortest decimal of their double (beyond a double's range, their exact value
 * to 17 digits: see {@link Decimals#of}), {@code null} for an undefined ratio; the {@code
 * precision} object after {@code storage}; with a device, each row's timing and the {@code
 * device}, {@code step} and {@code memory} objects.
 * Pretty-printed with two spaces, {@code \n} line ends.
 */
public final class JsonReport implements Renderer {

  /** The schema's name and version; renaming or removing a field needs a new one. */
  public static final String SCHEMA = "transformer-roofline-analyzer/v1";

  /** A generator writing to {@code text}, pretty-printed with two spaces and {@code \n} line ends. */
  static JsonGenerator generator(Writer text) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    JsonGenerator g = new JsonFactory().createGenerator(text);
    g.setPrettyPrinter(pretty);
    return g;
  }

  @Override
  public String render(Analysis analysis) {
    StringWriter text = new StringWriter(4096);
    try (JsonGenerator g = generator(text)) {
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "transformer-roofline-analyzer");
      g.writeStringField("version", Version.get());
      g.writeEndObject();
      g.writeStringField("cost_model", analysis.costModel());
      model(g, analysis.model());
      query(g, analysis.workload());
      Roofline roof = analysis.roofline();
      g.writeArrayFieldStart("nodes");
      for (int i = 0; i < analysis.rows().size(); i++) {
        OperatorRow r = analysis.rows().get(i);
        g.writeStartObject();
        row(g, r.label(), r.blocks(), r.perBlock());
        if (roof != null) {
          timing(g, roof.nodes().get(i));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("total");
      row(g, "Total", analysis.total().blocks(), analysis.total().figures());
      if (roof != null) {
        timing(g, roof.total());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("storage");
      g.writeArrayFieldStart("terms");
      for (StorageItem t : analysis.storage().terms()) {
        g.writeStartObject();
        g.writeStringField("key", t.key());
        g.writeStringField("label", t.label());
        integerOrNull(g, "bytes", t.bytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      integerOrNull(g, "total_bytes", analysis.storage().totalBytes());
      g.writeEndObject();
      precision(g, analysis.precision());
      Parallel parallel = analysis.parallel();
      if (parallel != null) {
        parallelism(g, parallel);
      }
      if (roof != null) {
        roofline(g, roof, parallel);
      }
      if (parallel != null) {
        split(g, parallel);
      }
      if (analysis.request() != null) {
        request(g, analysis.request());
      }
      g.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does not fail.
      throw new UncheckedIOException(e);
    }
    return text.append('\n').toString();
  }

  /** The weights' format, the KV cache's and activations' types, and where they came from. */
  private static void precision(JsonGenerator g, PrecisionSummary p) throws IOException {
    g.writeObjectFieldStart("precision");
    g.writeStringField("weights", p.weights());
    g.writeStringField("kv", p.kv());
    g.writeStringField("activations", p.activations());
    g.writeStringField("source", p.source());
    g.writeEndObject();
  }

  private static void timing(JsonGenerator g, NodeTiming t) throws IOException {
    ratio(g, "compute_time_s", t.computeS());
    ratio(g, "memory_time_s", t.memoryS());
    ratio(g, "time_s", t.timeS());
    g.writeStringField("bound", TableReport.bound(t.bound()));
  }

  /** The device, the step on it and the memory verdict: three top-level objects. */
  /** A whole request's latencies, rates and fullest step. */
  private static void request(JsonGenerator g, RequestFigures r) throws IOException {
    g.writeObjectFieldStart("request");
    integerOrNull(g, "output_tokens", r.outputTokens());
    ratio(g, "ttft_s", r.ttftS());
    ratioOrNull(g, "tpot_s", r.tpotS());
    ratioOrNull(g, "tpot_first_s", r.tpotFirstS());
    ratioOrNull(g, "tpot_last_s", r.tpotLastS());
    ratio(g, "e2e_s", r.e2eS());
    ratio(g, "output_tokens_per_s", r.outputTokensPerS());
    ratio(g, "output_tokens_per_s_per_device", r.outputTokensPerSPerDevice());
    ratioOrNull(g, "output_tokens_per_s_per_query", r.outputTokensPerSPerQuery());
    integerOrNull(g, "needed_bytes", r.neededBytes());
    integerOrNull(g, "needed_at_step", r.worstStep());
    booleanOrNull(g, "fits", r.fits());
    g.writeEndObject();
  }

  private static void ratioOrNull(JsonGenerator g, String name, Rational value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      ratio(g, name, value);
    }
  }

  /** The layout and its links. */
  private static void parallelism(JsonGenerator g, Parallel p) throws IOException {
    g.writeObjectFieldStart("parallelism");
    g.writeNumberField("tp", p.tp());
    g.writeNumberField("dp", p.dp());
    g.writeNumberField("ep", p.ep());
    g.writeNumberField("pp", p.pp());
    integerOrNull(g, "devices", p.devices());
    g.writeNumberField("node_size", p.nodeSize());
    g.writeStringField("scale_up", p.scaleUpName());
    decimalOrNull(g, "scale_up_bytes_per_s", p.scaleUpBytesPerS());
    g.writeStringField("scale_out", p.scaleOutName());
    decimalOrNull(g, "scale_out_bytes_per_s", p.scaleOutBytesPerS());
    ratio(g, "link_efficiency", p.linkEfficiency().doubleValue());
    ratio(g, "link_latency_s", p.linkLatencyS().doubleValue());
    g.writeEndObject();
  }

  private static void decimalOrNull(JsonGenerator g, String name, java.math.BigDecimal value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      ratio(g, name, value.doubleValue());
    }
  }

  /** The collectives of a micro-batch's step, and the fullest device's memory. */
  private static void split(JsonGenerator g, Parallel p) throws IOException {
    g.writeArrayFieldStart("communication");
    for (CommunicationRow r : p.communication()) {
      g.writeStartObject();
      g.writeStringField("collective", r.collective());
      g.writeStringField("carries", r.carries());
      integerOrNull(g, "group", r.group());
      g.writeStringField("link", r.link());
      integerOrNull(g, "bytes", r.bytes());
      g.writeNumberField("calls", r.calls());
      ratio(g, "time_per_call_s", r.timeS());
      ratio(g, "time_s", r.totalS());
      g.writeEndObject();
    }
    g.writeEndArray();
    DeviceMemory m = p.memory();
    g.writeObjectFieldStart("memory_per_device");
    g.writeNumberField("stage", m.stage());
    integerOrNull(g, "weight_bytes", m.weightBytes());
    integerOrNull(g, "kv_cache_bytes", m.kvCacheBytes());
    if (m.recurrentStateBytes().signum() > 0) {
      integerOrNull(g, "recurrent_state_bytes", m.recurrentStateBytes());
    }
    integerOrNull(g, "additional_experts_bytes", m.idleExpertBytes());
    integerOrNull(g, "embedding_table_bytes", m.embeddingBytes());
    integerOrNull(g, "total_bytes", m.totalBytes());
    integerOrNull(g, "capacity_bytes", m.capacityBytes());
    booleanOrNull(g, "fits", m.fits());
    g.writeEndObject();
  }

  private static void roofline(JsonGenerator g, Roofline roof, Parallel parallel) throws IOException {
    DeviceFigures d = roof.device();
    g.writeObjectFieldStart("device");
    g.writeStringField("id", d.id());
    g.writeStringField("name", d.name());
    g.writeStringField("precision", d.precision());
    ratio(g, "peak_flops_per_s", d.peakFlopsPerS().doubleValue());
    ratio(g, "mem_bandwidth_bytes_per_s", d.memBandwidthBytesPerS().doubleValue());
    integerOrNull(g, "mem_capacity_bytes", d.memCapacityBytes());
    ratio(g, "flops_efficiency", d.flopsEfficiency().doubleValue());
    ratio(g, "mem_efficiency", d.memEfficiency().doubleValue());
    ratio(g, "ridge_intensity", roof.ridgeIntensity());
    g.writeEndObject();

    StepFigures step = roof.step();
    g.writeObjectFieldStart("step");
    ratio(g, "time_s", step.timeS());
    integerOrNull(g, "input_tokens", step.inputTokens());
    ratio(g, "tokens_per_s", step.tokensPerS());
    ratio(g, "compute_bound_share", step.computeBoundShare());
    ratio(g, "memory_bound_share", step.memoryBoundShare());
    if (parallel != null) {
      ratio(g, "communication_share", parallel.communicationShare());
      ratio(g, "communication_time_s", parallel.communicationTimeS());
      ratio(g, "tick_s", parallel.tickS());
      ratio(g, "tokens_per_s_per_device", parallel.tokensPerSPerDevice());
    }
    g.writeEndObject();

    MemoryVerdict m = roof.memory();
    g.writeObjectFieldStart("memory");
    integerOrNull(g, "needed_bytes", m.neededBytes());
    integerOrNull(g, "capacity_bytes", m.capacityBytes());
    booleanOrNull(g, "fits", m.fits());
    integerOrNull(g, "min_devices", m.minDevices());
    g.writeEndObject();
  }

  /** A double as the shortest decimal that reads back to it, the same text as in the CSV. */
  private static void ratio(JsonGenerator g, String name, double value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(Decimals.shortest(value));
  }

  /** An exact ratio as its double would print, or exactly beyond a double: as in the CSV. */
  private static void ratio(JsonGenerator g, String name, Rational value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(Decimals.of(value));
  }

  private static void booleanOrNull(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeBooleanField(name, value);
    }
  }

  /** An integer field, exact however large; {@code null} for a figure the run does not have. */
  private static void integerOrNull(JsonGenerator g, String name, BigInteger value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
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
    integerOrNull(g, "batch_size", w.batchSize());
    integerOrNull(g, "total_cached_tokens", w.totalCachedTokens());
    integerOrNull(g, "total_input_tokens", w.totalInputTokens());
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
    integerOrNull(g, "flops", f.flops());
    integerOrNull(g, "weight_bytes", f.weightBytes());
    integerOrNull(g, "input_bytes", f.inputBytes());
    integerOrNull(g, "output_bytes", f.outputBytes());
    Rational intensity = f.intensity();
    if (intensity == null) {
      g.writeNullField("operational_intensity");
    } else {
      ratio(g, "operational_intensity", intensity);
    }
  }
}
