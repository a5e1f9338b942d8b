package dev.roofline.analyzer.device;

/**
 * Device options that cannot be used: an unknown id, a value that is not a positive finite number,
 * an efficiency outside (0, 1], a partial custom device, a precision the device has no peak for.
 * A usage error; its message is one line meant for the user and names the option.
 */
public class DeviceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeviceException(String message) {
    super(message, null, false, false);
  }
}
