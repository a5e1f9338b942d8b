package dev.roofline.analyzer.device;

/**
 * The device options as typed, each null when not given, and the names the command line gives
 * them, which the messages of {@link DeviceException} use: the names are the command line's,
 * written there once.
 */
public record DeviceOptions(
    String id,
    String peakFlops,
    String memBandwidth,
    String memCapacity,
    String flopsEfficiency,
    String memEfficiency,
    Names names) {

  /** The names of the device options on the command line. */
  public record Names(
      String device,
      String listDevices,
      String peakFlops,
      String memBandwidth,
      String memCapacity,
      String flopsEfficiency,
      String memEfficiency) {}

  /** True when no device option is given: the run has no roofline. */
  public boolean isEmpty() {
    return id == null
        && peakFlops == null
        && memBandwidth == null
        && memCapacity == null
        && flopsEfficiency == null
        && memEfficiency == null;
  }
}
