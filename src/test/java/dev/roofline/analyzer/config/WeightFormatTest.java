package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spec's first table (the {@code --weight-dtype} formats) and the KV/activation types, each
 * byte count worked out by hand from the spec's formula in the row's comment.
 */
class WeightFormatTest {

  @ParameterizedTest(name = "{1} [{2}, {3}] at {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # dtype  | format        | N   | K   | bytes
          # N·K·4 = 300·200·4
          bfloat16 | float32       | 300 | 200 | 240000
          # N·K·2
          bfloat16 | bfloat16      | 300 | 200 | 120000
          float32  | float16       | 300 | 200 | 120000
          # N·K + ⌈N/128⌉·⌈K/128⌉·4 = 131072 + 2·4·4
          bfloat16 | fp8           | 256 | 512 | 131104
          # 60000 + ⌈300/128⌉·⌈200/128⌉·4 = 60000 + 3·2·4
          bfloat16 | fp8           | 300 | 200 | 60024
          bfloat16 | float8_e4m3fn | 300 | 200 | 60024
          # N·K + N·s = 60000 + 300·2
          bfloat16 | int8          | 300 | 200 | 60600
          # 60000 + 300·4
          float32  | int8          | 300 | 200 | 61200
          # ⌈N·K/2⌉ + ⌈K/128⌉·N·s + ⌈⌈K/128⌉·N/2⌉ = 65536 + 4·256·2 + 4·256/2
          bfloat16 | int4          | 256 | 512 | 68096
          # 30000 + 2·300·2 + 2·300/2
          bfloat16 | int4          | 300 | 200 | 31500
          # ⌈30100/2⌉ + 1·301·2 + ⌈301/2⌉ = 15050 + 602 + 151
          bfloat16 | int4          | 301 | 100 | 15803
          # ⌈N·K/2⌉ + ⌈K/16⌉·N + 4 = 65536 + 32·256 + 4
          bfloat16 | fp4           | 256 | 512 | 73732
          # 30000 + ⌈200/16⌉·300 + 4 = 30000 + 13·300 + 4
          bfloat16 | fp4           | 300 | 200 | 33904
          # ⌈60501/2⌉ + ⌈201/16⌉·301 + 4 = 30251 + 13·301 + 4
          bfloat16 | fp4           | 301 | 201 | 34168
          """)
  void optionFormatsCountValuesAndScales(String dtype, String format, long n, long k, long bytes) {
    WeightFormat f = WeightDtype.parse(format).format(DType.of(dtype));
    assertThat(f.bytes(n, k)).isEqualTo(BigInteger.valueOf(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          float32       | float32  | false
          bfloat16      | bfloat16 | false
          fp8           | fp8      | true
          float8_e4m3fn | fp8      | true
          int8          | int8     | true
          int4          | int4     | true
          fp4           | fp4      | true
          """)
  void optionFormatsAreNamedForOutputs(String option, String name, boolean quantized) {
    WeightFormat f = WeightDtype.parse(option).format(DType.of("bfloat16"));
    assertThat(f.name()).isEqualTo(name);
    assertThat(f.quantized()).isEqualTo(quantized);
  }

  @Test
  void unknownWeightFormatNamesTheValueAndTheKnownOnes() {
    assertThatThrownBy(() -> WeightDtype.parse("int3"))
        .isInstanceOfSatisfying(
            PrecisionOptionException.class,
            e -> assertThat(e.part()).isEqualTo(PrecisionOptionException.Part.WEIGHTS))
        .hasMessage(
            "unknown weight format 'int3' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn),"
                + " int8, int4, fp4, mxfp4)");
  }

  @ParameterizedTest(name = "{0} × {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # type        | elements | bytes | peak column
          float32       | 7        | 28    | fp32
          bfloat16      | 7        | 14    | bf16
          float16       | 7        | 14    | fp16
          fp8           | 7        | 7     | fp8
          float8_e4m3fn | 7        | 7     | fp8
          int8          | 7        | 7     | int8
          # ½ byte an element, rounded up per tensor: ⌈7/2⌉
          fp4           | 7        | 4     | fp4
          fp4           | 8        | 4     | fp4
          """)
  void activationTypesCountBytesAndPickAPeak(String type, long elements, long bytes, String column) {
    ElementType t = ElementType.parseActivation(type);
    assertThat(t.bytes(elements)).isEqualTo(BigInteger.valueOf(bytes));
    assertThat(t.peakColumn()).contains(column);
  }

  @Test
  void fp4IsAnActivationTypeButNotAKvType() {
    assertThatThrownBy(() -> ElementType.parseKv("fp4"))
        .isInstanceOfSatisfying(
            PrecisionOptionException.class,
            e -> assertThat(e.part()).isEqualTo(PrecisionOptionException.Part.KV))
        .hasMessage(
            "unknown KV cache type 'fp4' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn),"
                + " int8)");
    assertThatThrownBy(() -> ElementType.parseActivation("fp16"))
        .isInstanceOfSatisfying(
            PrecisionOptionException.class,
            e -> assertThat(e.part()).isEqualTo(PrecisionOptionException.Part.ACTIVATIONS))
        .hasMessageStartingWith("unknown activation type 'fp16' (known: ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config dtype | as a type   | bits | peak column ('-': none)
          half           | float16     | 16   | fp16
          float          | float32     | 32   | fp32
          bfloat16       | bfloat16    | 16   | bf16
          float8_e4m3fn  | fp8         | 8    | fp8
          float8_e5m2    | float8_e5m2 | 8    | fp8
          uint8          | uint8       | 8    | int8
          double         | float64     | 64   | -
          int32          | int32       | 32   | -
          """)
  void configDtypesTakeTheirCanonicalNameAndColumn(String dtype, String name, int bits, String column) {
    ElementType t = ElementType.of(DType.of(dtype));
    assertThat(t).isEqualTo(new ElementType(name, bits));
    assertThat(t.peakColumn().orElse("-")).isEqualTo(column);
  }
}
