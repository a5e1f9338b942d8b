package dev.roofline.analyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.ScenarioRow;
import dev.roofline.analyzer.analysis.SweepKey;
import dev.roofline.analyzer.analysis.SweepTally;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A sweep as JSON Lines: one compact object per row, on a line of its own, written as it comes, so
 * that a reader can take the rows as they stream. The keys are the CSV's columns, in its order:
 * the swept keys (numbers; the device a string), then the figures; integers exact, ratios as in the
 * single run's JSON ({@link Decimals#of}), {@code null} for a figure the row does not have.
 */
final class SweepJson implements SweepOutput {
  private final SweepColumns columns;
  private final List<String> names;
  private final PrintWriter out;
  private final JsonGenerator g;

  SweepJson(SweepColumns columns, PrintWriter out) {
    this.columns = columns;
    this.names = columns.names();
    this.out = out;
    try {
      JsonFactory factory = new JsonFactory();
      factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      // Each object ends its own line: nothing between root values.
      factory.setRootValueSeparator("");
      this.g = factory.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void row(ScenarioRow r) {
    try {
      g.writeStartObject();
      int n = 0;
      for (SweepKey k : columns.keys()) {
        g.writeFieldName(names.get(n++));
        if (k.numeric()) {
          g.writeNumber(k.text(r.scenario()));
        } else {
          g.writeString(k.text(r.scenario()));
        }
      }
      g.writeFieldName(names.get(n++));
      if (r.valid()) {
        g.writeNumber(r.devices());
      } else {
        g.writeNull();
      }
      g.writeFieldName(names.get(n++));
      if (r.fits() == null) {
        g.writeNull();
      } else {
        g.writeBoolean(r.fits());
      }
      g.writeFieldName(names.get(n++));
      if (r.valid()) {
        g.writeNumber(r.memoryPerDeviceBytes());
      } else {
        g.writeNull();
      }
      n = ratio(n, r.stepTimeS());
      if (columns.request()) {
        n = ratio(n, r.tpotS());
        n = ratio(n, r.e2eS());
      }
      n = ratio(n, r.tokensPerS());
      n = ratio(n, r.tokensPerSPerDevice());
      n = ratio(n, r.tokensPerSPerQuery());
      n = ratio(n, r.computeBoundShare());
      n = ratio(n, r.communicationShare());
      g.writeBooleanField(names.get(n++), r.valid());
      g.writeStringField(names.get(n), r.reason());
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      // A PrintWriter does not throw: it keeps its errors for the caller to ask.
      throw new UncheckedIOException(e);
    }
  }

  private int ratio(int n, Rational value) throws IOException {
    g.writeFieldName(names.get(n));
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(Decimals.of(value));
    }
    return n + 1;
  }

  @Override
  public void end(SweepTally tally) {
    try {
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
