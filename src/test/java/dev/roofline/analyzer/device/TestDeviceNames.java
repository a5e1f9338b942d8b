package dev.roofline.analyzer.device;

/** The device options' names as the command line gives them, for tests that build options directly. */
public final class TestDeviceNames {
  public static final DeviceOptions.Names CLI =
      new DeviceOptions.Names(
          "--device",
          "--list-devices",
          "--peak-flops",
          "--mem-bandwidth",
          "--mem-capacity",
          "--flops-efficiency",
          "--mem-efficiency");

  private TestDeviceNames() {}
}
