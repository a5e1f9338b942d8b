package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.ScenarioSpace;
import dev.roofline.analyzer.analysis.SweepLimits;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.device.LinkOptions;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep as the options ask for it, checked: its scenarios; the device each of their ids names,
 * with the device options' overrides; the link options, which hold for every layout; which rows to
 * keep; whether the scenarios are requests (output tokens given or swept); the most tokens of
 * context a request reaches (null: not requests); and the sweep in a line, for the chart.
 */
record Sweeping(
    ScenarioSpace space,
    Map<String, DeviceSpec> devices,
    LinkOptions links,
    SweepLimits limits,
    boolean request,
    java.math.BigInteger longest,
    String description) {

  Sweeping {
    Objects.requireNonNull(space, "space");
    devices = Map.copyOf(devices);
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(description, "description");
  }
}
