package dev.roofline.analyzer.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Quantities on the command line, read exactly. */
class QuantityTest {

  @ParameterizedTest
  @CsvSource({
    "989.4e12, 989400000000000",
    "989.4T,   989400000000000",
    "3.35T,    3350000000000",
    "1.555e12, 1555000000000",
    "300G,     300000000000",
    "2k,       2000",
    "2K,       2000",
    "1.5M,     1500000",
    "1P,       1000000000000000",
    "1E,       1000000000000000000",
    "2.5E3,    2500",
    "1e3k,     1000000",
    "+7,       7",
    "0.5,      0.5",
    ".5T,      500000000000",
    "1e30,     1000000000000000000000000000000",
  })
  void rates(String text, String expected) {
    assertThat(Quantity.rate("--peak-flops", text, "989.4T")).isEqualByComparingTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "-1", "0", "0T", "1e", "T", "3.35TB", "3.35t", "1.2.3", "inf", "NaN", "5 T", "1x", "0x10", "1e-3e"})
  void badRates(String text) {
    assertThatThrownBy(() -> Quantity.rate("--peak-flops", text, "989.4e12 or 989.4T"))
        .isInstanceOf(DeviceException.class)
        .hasMessage(
            "--peak-flops must be a positive number with an optional SI prefix, such as 989.4e12 or 989.4T (got '"
                + text
                + "')");
  }

  @ParameterizedTest
  @CsvSource({"1e31, largest accepted is 1e30", "1e-31, smallest accepted is 1e-30", "1e999999999, largest"})
  void absurdMagnitudes(String text, String expected) {
    assertThatThrownBy(() -> Quantity.rate("--mem-bandwidth", text, "3.35T"))
        .isInstanceOf(DeviceException.class)
        .hasMessageStartingWith("--mem-bandwidth must be")
        .hasMessageContaining(expected);
  }

  // 2^30 = 1073741824, 2^40 = 1099511627776.
  @ParameterizedTest
  @CsvSource({
    "80GB,    80000000000",
    "80G,     80000000000",
    "80e9,    80000000000",
    "80GiB,   85899345920",
    "80Gi,    85899345920",
    "1KiB,    1024",
    "1kiB,    1024",
    "1kB,     1000",
    "1KB,     1000",
    "1.5KiB,  1536",
    "1000B,   1000",
    "1TiB,    1099511627776",
    "141GB,   141000000000",
    "0.5TB,   500000000000",
    "1.25MiB, 1310720",
  })
  void capacities(String text, String expected) {
    assertThat(Quantity.bytes("--mem-capacity", text)).isEqualTo(new BigInteger(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"80gb", "80 GB", "-80GB", "0", "80GiB/s", "80Bi", "80iB", "GB", "80GiBB", "80XB"})
  void badCapacities(String text) {
    assertThatThrownBy(() -> Quantity.bytes("--mem-capacity", text))
        .isInstanceOf(DeviceException.class)
        .hasMessage(
            "--mem-capacity must be a positive number of bytes, such as 80e9, 80G, 80GB or 80GiB (got '" + text + "')");
  }

  @ParameterizedTest
  @CsvSource({"0.5, 0.5", "1.5B, 1.5", "0.001KiB, 1.024"})
  void capacitiesAreWholeBytes(String text, String bytes) {
    assertThatThrownBy(() -> Quantity.bytes("--mem-capacity", text))
        .isInstanceOf(DeviceException.class)
        .hasMessage("--mem-capacity must be a whole number of bytes (got '" + text + "' = " + bytes + " bytes)");
  }

  @ParameterizedTest
  @CsvSource({"0.7, 0.7", "1, 1", "1.0, 1", "7e-1, 0.7", "0.25, 0.25", "1e-30, 1e-30"})
  void fractions(String text, String expected) {
    assertThat(Quantity.fraction("--flops-efficiency", text)).isEqualByComparingTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1.5", "-0.5", "70%", "abc", "1.0000001", "", "0.7k", "2"})
  void badFractions(String text) {
    assertThatThrownBy(() -> Quantity.fraction("--mem-efficiency", text))
        .isInstanceOf(DeviceException.class)
        .hasMessage("--mem-efficiency must be a number greater than 0 and at most 1, such as 0.7 (got '" + text + "')");
  }
}
