package dev.roofline.analyzer.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled catalog: every line, a few figures checked by hand, look-up and suggestions. */
class DeviceCatalogTest {

  private static final DeviceCatalog CATALOG = DeviceCatalog.bundled();

  @Test
  void everyLineOfTheBundledFileIsADevice() throws Exception {
    String text;
    try (InputStream in = DeviceCatalogTest.class.getResourceAsStream("/dev/roofline/analyzer/devices.tsv")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> ids = new ArrayList<>();
    boolean header = true;
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      assertThat(f).as(line).hasSize(13);
      if (header) {
        assertThat(f).containsExactly(
            "id", "vendor", "name", "memory_bytes", "bandwidth_bytes_per_s",
            "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "fp4", "source");
        header = false;
        continue;
      }
      ids.add(f[0]);
      Device d = CATALOG.find(f[0]);
      assertThat(d).as(f[0]).isNotNull();
      assertThat(d.vendor()).isEqualTo(f[1]);
      assertThat(d.name()).isEqualTo(f[2]);
      assertThat(d.memoryBytes()).isEqualTo(new BigInteger(f[3]));
      assertThat(d.bandwidth()).isEqualByComparingTo(f[4]);
      Precision[] columns = {
        Precision.FP32, Precision.TF32, Precision.BF16, Precision.FP16, Precision.FP8, Precision.INT8, Precision.FP4
      };
      for (int i = 0; i < columns.length; i++) {
        if (f[5 + i].equals("-")) {
          assertThat(d.peak(columns[i])).as(f[0] + " " + columns[i]).isNull();
        } else {
          assertThat(d.peak(columns[i])).as(f[0] + " " + columns[i]).isEqualByComparingTo(f[5 + i]);
        }
      }
      assertThat(d.source()).isEqualTo(f[12]).isNotBlank();
    }
    assertThat(ids).hasSize(28);
    assertThat(CATALOG.devices()).extracting(Device::id).containsExactlyElementsOf(ids);
  }

  // Memory: the vendor's "GB" as GiB (80 × 2^30 = 85899345920, 16 × 2^30 = 17179869184).
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          h100-sxm       | 85899345920  | 3350000000000 | 66900000000000 | 989400000000000  | 1978900000000000 | 1978900000000000 | -
          b200           | 193273528320 | 7700000000000 | 75000000000000 | 2250000000000000 | 4500000000000000 | 4500000000000000 | 9000000000000000
          t4             | 17179869184  | 320000000000  | 8100000000000  | -                | -                | 130000000000000  | -
          tpu-v5e        | 17179869184  | 819000000000  | -              | 197000000000000  | -                | 393000000000000  | -
          v100-sxm2-32gb | 34359738368  | 900000000000  | 15700000000000 | -                | -                | -                | -
          """)
  void figuresOfSomeDevices(
      String id, String memory, String bandwidth, String fp32, String bf16, String fp8, String int8, String fp4) {
    Device d = CATALOG.find(id);
    assertThat(d.memoryBytes()).isEqualTo(new BigInteger(memory));
    assertThat(d.bandwidth()).isEqualByComparingTo(bandwidth);
    assertPeak(d, Precision.FP32, fp32);
    assertPeak(d, Precision.BF16, bf16);
    assertPeak(d, Precision.FP8, fp8);
    assertPeak(d, Precision.INT8, int8);
    assertPeak(d, Precision.FP4, fp4);
  }

  private static void assertPeak(Device d, Precision p, String expected) {
    if (expected == null) {
      assertThat(d.peak(p)).as(p.column()).isNull();
    } else {
      assertThat(d.peak(p)).as(p.column()).isEqualByComparingTo(new BigDecimal(expected));
    }
  }

  @ParameterizedTest
  @CsvSource({"H100-SXM, h100-sxm", "A100-PCIe-40GB, a100-pcie-40gb", "tpu-v5e, tpu-v5e", "MI300X, mi300x"})
  void idsAreFoundIgnoringCase(String typed, String id) {
    assertThat(CATALOG.find(typed).id()).isEqualTo(id);
  }

  @Test
  void anUnknownIdIsNotFound() {
    assertThat(CATALOG.find("h100")).isNull();
    assertThat(CATALOG.find("")).isNull();
  }

  // Prefix matches first, then edit distance up to max(2, length / 2), nearest first, catalog order.
  //   h100-sxm5: h100-sxm is its prefix; h200-sxm at 2 (1→2, drop 5); h100-pcie and h100-nvl at 4.
  //   rtx4090: rtx-4090 at 1, rtx-5090 at 2 (limit 3).  mi300: mi325x and mi250x are 3 away (limit 2).
  //   tpu-v5: tpu-v5e, tpu-v5p (prefix), tpu-v4 at 1.  xyz: l4 and t4 are 3 away (limit 2).
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          h100      | h100-sxm h100-pcie h100-nvl
          h100-sxm5 | h100-sxm h200-sxm h100-pcie
          rtx4090   | rtx-4090 rtx-5090
          MI300     | mi300x
          gaudi     | gaudi2 gaudi3
          tpu-v5    | tpu-v5e tpu-v5p tpu-v4
          xyz       | ''
          """)
  void closestIds(String typed, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
    assertThat(CATALOG.closest(typed, 3)).containsExactlyElementsOf(want);
  }

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 3", "'', abc, 3", "h100, h100, 0", "rtx4090, rtx-4090, 1", "flaw, lawn, 2"})
  void editDistance(String a, String b, int expected) {
    assertThat(DeviceCatalog.editDistance(a, b)).isEqualTo(expected);
    assertThat(DeviceCatalog.editDistance(b, a)).isEqualTo(expected);
  }
}
