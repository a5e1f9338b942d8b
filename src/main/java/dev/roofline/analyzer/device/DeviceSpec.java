package dev.roofline.analyzer.device;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The device the options describe, checked, before the model is known: a catalog device with
 * its figures overridden by those given, or a custom one. Everything that can be checked without
 * the model's config is checked here, so that a bad option fails before any file or network
 * access; only the choice of the peak waits for the model's element type ({@link #forDType}) or
 * the activations' precision ({@link #forActivations}).
 *
 * @param catalogDevice the catalog entry, or null for a custom device
 * @param givenPeakFlops the peak given on the command line, or null to take the catalog's
 * @param names the options' names, for messages
 */
public record DeviceSpec(
    Device catalogDevice,
    BigDecimal givenPeakFlops,
    BigDecimal memBandwidth,
    BigInteger memCapacity,
    BigDecimal flopsEfficiency,
    BigDecimal memEfficiency,
    DeviceOptions.Names names) {

  /** The id and name of a device given by its figures alone. */
  public static final String CUSTOM = "custom";

  private static final int SUGGESTIONS = 3;

  public DeviceSpec {
    if (catalogDevice == null && givenPeakFlops == null) {
      throw new IllegalArgumentException("a custom device needs a peak");
    }
    Objects.requireNonNull(memBandwidth, "memBandwidth");
    Objects.requireNonNull(flopsEfficiency, "flopsEfficiency");
    Objects.requireNonNull(memEfficiency, "memEfficiency");
    Objects.requireNonNull(names, "names");
  }

  /**
   * Checks {@code options} (at least one given): the id names a catalog device, quantities are
   * positive finite numbers, efficiencies lie in (0, 1], a custom device has a peak and a
   * bandwidth. Reads the bundled catalog only when an id is given.
   *
   * @throws DeviceException naming the option at fault
   */
  public static DeviceSpec of(DeviceOptions options) {
    if (options.isEmpty()) {
      throw new IllegalArgumentException("no device option given");
    }
    DeviceOptions.Names names = options.names();
    Device device = options.id() == null ? null : lookUp(options.id(), names);
    BigDecimal peak =
        options.peakFlops() == null
            ? null
            : Quantity.rate(names.peakFlops(), options.peakFlops(), "989.4e12 or 989.4T");
    BigDecimal bandwidth =
        options.memBandwidth() == null
            ? null
            : Quantity.rate(names.memBandwidth(), options.memBandwidth(), "3.35e12 or 3.35T");
    BigInteger capacity =
        options.memCapacity() == null ? null : Quantity.bytes(names.memCapacity(), options.memCapacity());
    BigDecimal flopsEfficiency = efficiency(names.flopsEfficiency(), options.flopsEfficiency());
    BigDecimal memEfficiency = efficiency(names.memEfficiency(), options.memEfficiency());
    if (device == null) {
      List<String> missing = new ArrayList<>(2);
      if (peak == null) {
        missing.add(names.peakFlops());
      }
      if (bandwidth == null) {
        missing.add(names.memBandwidth());
      }
      if (!missing.isEmpty()) {
        throw new DeviceException(
            "a custom device needs both "
                + names.peakFlops()
                + " and "
                + names.memBandwidth()
                + " (missing "
                + String.join(" and ", missing)
                + "), or name one of the catalog with "
                + names.device()
                + " ID");
      }
    } else {
      bandwidth = bandwidth == null ? device.bandwidth() : bandwidth;
      capacity = capacity == null ? device.memoryBytes() : capacity;
    }
    return new DeviceSpec(device, peak, bandwidth, capacity, flopsEfficiency, memEfficiency, names);
  }

  private static Device lookUp(String id, DeviceOptions.Names names) {
    DeviceCatalog catalog = DeviceCatalog.bundled();
    Device device = catalog.find(id);
    if (device == null) {
      List<String> closest = catalog.closest(id, SUGGESTIONS);
      throw new DeviceException(
          "unknown "
              + names.device()
              + " '"
              + id
              + "'"
              + (closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest))
              + " ("
              + names.listDevices()
              + " shows every id)");
    }
    return device;
  }

  private static BigDecimal efficiency(String option, String text) {
    return text == null ? BigDecimal.ONE : Quantity.fraction(option, text);
  }

  /** The catalog id, or {@code custom}. */
  public String id() {
    return catalogDevice == null ? CUSTOM : catalogDevice.id();
  }

  /**
   * The device for a model of element type {@code dtype} (a PyTorch name): its peak at the
   * precision that type selects, unless a peak was given.
   *
   * @throws DeviceException when no peak was given and the device has none for that precision
   */
  public ResolvedDevice forDType(String dtype) {
    Precision precision = Precision.ofDType(dtype);
    if (givenPeakFlops == null && precision == null) {
      throw new DeviceException(
          "the model's data type "
              + dtype
              + " has no peak column in the device catalog (only "
              + Precision.dtypesWithColumn()
              + " have one); give the peak with "
              + names.peakFlops());
    }
    return resolve(precision, "the model's " + dtype);
  }

  /**
   * The device for a step whose matrix products compute at {@code activations} (a precision's
   * name, {@code fp8}), whose peak is catalog column {@code column}: the peak of that column,
   * unless a peak was given. For activations at the model's own element type, {@link #forDType}
   * says the same in the model's terms.
   *
   * @throws DeviceException when no peak was given and the device has none for that column
   */
  public ResolvedDevice forActivations(String activations, String column) {
    Precision precision = Precision.ofColumn(column);
    if (precision == null) {
      throw new IllegalArgumentException("no catalog column " + column);
    }
    return resolve(precision, "the activations' " + activations);
  }

  /**
   * The device with the peak of {@code precision} (null only with a peak given), {@code whose}
   * precision it is naming it in the error.
   */
  private ResolvedDevice resolve(Precision precision, String whose) {
    BigDecimal peak = givenPeakFlops;
    if (peak == null) {
      peak = catalogDevice.peak(precision);
      if (peak == null) {
        throw new DeviceException(
            catalogDevice.id()
                + " has no "
                + precision.column()
                + " peak, the precision of "
                + whose
                + " (it has "
                + columns(catalogDevice)
                + "); give a peak with "
                + names.peakFlops());
      }
    }
    String name = catalogDevice == null ? CUSTOM : catalogDevice.name();
    return new ResolvedDevice(
        id(), name, precision, peak, memBandwidth, memCapacity, flopsEfficiency, memEfficiency);
  }

  private static String columns(Device device) {
    List<String> names = new ArrayList<>();
    for (Precision p : Precision.values()) {
      if (device.peak(p) != null) {
        names.add(p.column());
      }
    }
    return String.join(", ", names);
  }
}
