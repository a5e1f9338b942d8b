package dev.roofline.analyzer.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From the options as typed and the model's element type to the device the roofline runs on. */
class DeviceResolutionTest {

  private static DeviceOptions device(String id) {
    return new DeviceOptions(id, null, null, null, null, null, TestDeviceNames.CLI);
  }

  // Devices whose columns differ where it matters: t4 has fp16 but no bf16, tpu-v5e the reverse.
  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          h100-sxm | float32       | FP32 | 66.9e12
          h100-sxm | float         | FP32 | 66.9e12
          tpu-v5e  | bfloat16      | BF16 | 197e12
          t4       | float16       | FP16 | 65e12
          h100-sxm | half          | FP16 | 989.4e12
          gaudi2   | float8_e4m3fn | FP8  | 865e12
          h100-sxm | float8_e5m2   | FP8  | 1978.9e12
          tpu-v5e  | int8          | INT8 | 393e12
          l4       | uint8         | INT8 | 242.5e12
          """)
  void theModelsElementTypePicksThePeak(String id, String dtype, Precision precision, String peak) {
    ResolvedDevice d = ResolvedDevice.of(device(id), dtype);
    assertThat(d.precision()).isEqualTo(precision);
    assertThat(d.peakFlops()).isEqualByComparingTo(peak);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        "float32, FP32", "float, FP32", "bfloat16, BF16", "float16, FP16", "half, FP16",
        "float8_e4m3fn, FP8", "float8_e5m2, FP8", "int8, INT8", "uint8, INT8",
        "float64, none", "int32, none", "int16, none", "bf16, none", "Float16, none"
      })
  void precisionOfAnElementType(String dtype, Precision expected) {
    assertThat(Precision.ofDType(dtype)).isEqualTo(expected);
  }

  @Test
  void aCatalogDeviceTakesItsFigures() {
    ResolvedDevice d = ResolvedDevice.of(device("H100-SXM"), "bfloat16");
    assertThat(d.id()).isEqualTo("h100-sxm");
    assertThat(d.name()).isEqualTo("H100 SXM5 80GB");
    assertThat(d.precision()).isEqualTo(Precision.BF16);
    assertThat(d.peakFlops()).isEqualByComparingTo("989400000000000");
    assertThat(d.memBandwidth()).isEqualByComparingTo("3350000000000");
    assertThat(d.memCapacity()).isEqualTo(new BigInteger("85899345920"));
    assertThat(d.flopsEfficiency()).isEqualByComparingTo("1");
    assertThat(d.memEfficiency()).isEqualByComparingTo("1");
  }

  @Test
  void givenFiguresOverrideTheCatalogs() {
    ResolvedDevice d =
        ResolvedDevice.of(new DeviceOptions("h100-sxm", "500T", "2.5T", "94GiB", "0.7", "0.85", TestDeviceNames.CLI), "bfloat16");
    assertThat(d.id()).isEqualTo("h100-sxm");
    assertThat(d.name()).isEqualTo("H100 SXM5 80GB");
    assertThat(d.peakFlops()).isEqualByComparingTo("500000000000000");
    assertThat(d.memBandwidth()).isEqualByComparingTo("2500000000000");
    // 94 × 2^30
    assertThat(d.memCapacity()).isEqualTo(new BigInteger("100931731456"));
    assertThat(d.flopsEfficiency()).isEqualByComparingTo("0.7");
    assertThat(d.memEfficiency()).isEqualByComparingTo("0.85");
  }

  @Test
  void aGivenPeakStandsInForAColumnTheDeviceLacks() {
    ResolvedDevice d = ResolvedDevice.of(new DeviceOptions("v100-sxm2-32gb", "100T", null, null, null, null, TestDeviceNames.CLI), "bfloat16");
    assertThat(d.precision()).isEqualTo(Precision.BF16);
    assertThat(d.peakFlops()).isEqualByComparingTo("1e14");
    assertThat(d.memBandwidth()).isEqualByComparingTo("900e9");
  }

  @Test
  void aCustomDeviceNeedsOnlyPeakAndBandwidth() {
    ResolvedDevice d = ResolvedDevice.of(new DeviceOptions(null, "100T", "2e12", null, null, "0.8", TestDeviceNames.CLI), "float16");
    assertThat(d.id()).isEqualTo("custom");
    assertThat(d.name()).isEqualTo("custom");
    assertThat(d.precision()).isEqualTo(Precision.FP16);
    assertThat(d.peakFlops()).isEqualByComparingTo("1e14");
    assertThat(d.memBandwidth()).isEqualByComparingTo("2e12");
    assertThat(d.memCapacity()).isNull();
    assertThat(d.memEfficiency()).isEqualByComparingTo("0.8");

    ResolvedDevice withMemory =
        ResolvedDevice.of(new DeviceOptions(null, "100T", "2e12", "16GiB", null, null, TestDeviceNames.CLI), "float64");
    assertThat(withMemory.memCapacity()).isEqualTo(new BigInteger("17179869184"));
    // float64 has no catalog column, but the peak is given: nothing to look up.
    assertThat(withMemory.precision()).isNull();
  }

  @Test
  void noOptionIsNoDevice() {
    DeviceOptions none = new DeviceOptions(null, null, null, null, null, null, TestDeviceNames.CLI);
    assertThat(none.isEmpty()).isTrue();
    assertThat(new DeviceOptions(null, null, null, null, null, "1", TestDeviceNames.CLI).isEmpty()).isFalse();
    assertThatThrownBy(() -> DeviceSpec.of(none)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Each usage error, with its message. {@code options}: found from the options alone, before the
   * config is read; {@code model}: found once the model's element type is known.
   */
  @ParameterizedTest(name = "{8}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          h100           |      |      |      |     |     | float16       | options | unknown --device 'h100'; closest: h100-sxm, h100-pcie, h100-nvl (--list-devices shows every id)
          xyz            |      |      |      |     |     | float16       | options | unknown --device 'xyz' (--list-devices shows every id)
          ""             |      |      |      |     |     | float16       | options | unknown --device '' (--list-devices shows every id)
          v100-sxm2-32gb |      |      |      |     |     | bfloat16      | model   | v100-sxm2-32gb has no bf16 peak, the precision of the model's bfloat16 (it has fp32, fp16); give a peak with --peak-flops
          a100-pcie-40gb |      |      |      |     |     | float8_e4m3fn | model   | a100-pcie-40gb has no fp8 peak, the precision of the model's float8_e4m3fn (it has fp32, tf32, bf16, fp16, int8); give a peak with --peak-flops
          gaudi2         |      |      |      |     |     | uint8         | model   | gaudi2 has no int8 peak, the precision of the model's uint8 (it has bf16, fp8); give a peak with --peak-flops
          h100-sxm       |      |      |      |     |     | float64       | model   | the model's data type float64 has no peak column in the device catalog (only float32 (float), bfloat16, float16 (half), float8_e4m3fn, float8_e5m2, int8, uint8 have one); give the peak with --peak-flops
          h100-sxm       | fast |      |      |     |     | float16       | options | --peak-flops must be a positive number with an optional SI prefix, such as 989.4e12 or 989.4T (got 'fast')
          h100-sxm       | 1e31 |      |      |     |     | float16       | options | --peak-flops must be a positive number with an optional SI prefix, such as 989.4e12 or 989.4T (got '1e31'; the largest accepted is 1e30)
                         | 0    | 2T   |      |     |     | float16       | options | --peak-flops must be a positive number with an optional SI prefix, such as 989.4e12 or 989.4T (got '0')
                         | 100T | -3T  |      |     |     | float16       | options | --mem-bandwidth must be a positive number with an optional SI prefix, such as 3.35e12 or 3.35T (got '-3T')
          h100-sxm       |      |      | 80gb |     |     | float16       | options | --mem-capacity must be a positive number of bytes, such as 80e9, 80G, 80GB or 80GiB (got '80gb')
          h100-sxm       |      |      | 0.5  |     |     | float16       | options | --mem-capacity must be a whole number of bytes (got '0.5' = 0.5 bytes)
          h100-sxm       |      |      |      | 0   |     | float16       | options | --flops-efficiency must be a number greater than 0 and at most 1, such as 0.7 (got '0')
          h100-sxm       |      |      |      |     | 1.5 | float16       | options | --mem-efficiency must be a number greater than 0 and at most 1, such as 0.7 (got '1.5')
                         | 100T |      |      |     |     | float16       | options | a custom device needs both --peak-flops and --mem-bandwidth (missing --mem-bandwidth), or name one of the catalog with --device ID
                         |      | 2T   |      |     |     | float16       | options | a custom device needs both --peak-flops and --mem-bandwidth (missing --peak-flops), or name one of the catalog with --device ID
                         |      |      | 80GB |     |     | float16       | options | a custom device needs both --peak-flops and --mem-bandwidth (missing --peak-flops and --mem-bandwidth), or name one of the catalog with --device ID
                         |      |      |      | 0.7 |     | float16       | options | a custom device needs both --peak-flops and --mem-bandwidth (missing --peak-flops and --mem-bandwidth), or name one of the catalog with --device ID
          """)
  void usageErrors(
      String id, String peak, String bandwidth, String capacity, String flopsEff, String memEff, String dtype,
      String when, String message) {
    DeviceOptions options = new DeviceOptions(id, peak, bandwidth, capacity, flopsEff, memEff, TestDeviceNames.CLI);
    if (when.equals("options")) {
      assertThatThrownBy(() -> DeviceSpec.of(options)).isInstanceOf(DeviceException.class).hasMessage(message);
    } else {
      DeviceSpec spec = DeviceSpec.of(options);
      assertThatThrownBy(() -> spec.forDType(dtype)).isInstanceOf(DeviceException.class).hasMessage(message);
    }
    assertThatThrownBy(() -> ResolvedDevice.of(options, dtype)).isInstanceOf(DeviceException.class).hasMessage(message);
  }

  @Test
  void resolvedFiguresAreChecked() {
    BigDecimal one = BigDecimal.ONE;
    assertThatThrownBy(() -> new ResolvedDevice("x", "x", null, BigDecimal.ZERO, one, null, one, one))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResolvedDevice("x", "x", null, one, one, BigInteger.ZERO, one, one))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResolvedDevice("x", "x", null, one, one, null, new BigDecimal("1.01"), one))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
