package dev.roofline.analyzer.device;

/**
 * The device options as typed, each null when not given, and the options' names: the command
 * line declares its options with these constants, and the messages of {@link DeviceException}
 * name them, so a name is written once.
 */
public record DeviceOptions(
    String id,
    String peakFlops,
    String memBandwidth,
    String memCapacity,
    String flopsEfficiency,
    String memEfficiency) {

  // No name may begin with --c, --i, --b or --h: the original's unique prefixes must stay unique.
  public static final String DEVICE = "--device";
  public static final String LIST_DEVICES = "--list-devices";
  public static final String PEAK_FLOPS = "--peak-flops";
  public static final String MEM_BANDWIDTH = "--mem-bandwidth";
  public static final String MEM_CAPACITY = "--mem-capacity";
  public static final String FLOPS_EFFICIENCY = "--flops-efficiency";
  public static final String MEM_EFFICIENCY = "--mem-efficiency";

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
