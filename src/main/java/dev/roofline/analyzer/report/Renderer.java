package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Analysis;

/** One way of writing an analysis as text: the whole output, ending with a newline. */
public interface Renderer {
  String render(Analysis analysis);
}
