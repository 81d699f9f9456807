package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static final Map<String, String> SETTINGS = Map.of("TimeZone", "UTC", "search_path", "app, public");

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static CacheKey extended(List<byte[]> values, short... parameterFormats) {
    return CacheKey.extended("appdb", SETTINGS, "PBdE", "SELECT $1::int, $2::text", new int[] {23, 25},
        parameterFormats, values, new short[] {1});
  }

  @Test
  void simpleQueryKeyEncodesToExactBytes() {
    CacheKey key = CacheKey.simpleQuery("db", Map.of("TimeZone", "UTC"), "SELECT 1");
    byte[] expected = {
        1,                                            // format version
        2, 'd', 'b',                                  // database
        1, 8, 't', 'i', 'm', 'e', 'z', 'o', 'n', 'e', 3, 'U', 'T', 'C', // one setting, name lower-cased
        1, 'Q',                                       // shape
        8, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1',    // query
        0, 0, 0};                                     // no types, no parameters, no result formats
    assertThat(key.encode()).containsExactly(expected);
    assertThat(CacheKey.decode(expected)).isEqualTo(key);
  }

  @Test
  void extendedKeyRoundTripsWithNullsBinaryValuesAndLargeOids() {
    byte[] binary = {0, (byte) 0xFF, 0x7F, (byte) 0x80};
    CacheKey key = CacheKey.extended("appdb", SETTINGS, "PsBdE", "SELECT $1, $2, $3", new int[] {23, 0, -1},
        new short[] {1, 0, 1}, Arrays.asList(binary, null, new byte[0]), new short[] {0, 1});
    CacheKey decoded = CacheKey.decode(key.encode());
    assertThat(decoded).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(decoded.parameterTypes()).containsExactly(23, 0, -1);
    assertThat(decoded.parameterValues().get(0)).containsExactly(binary);
    assertThat(decoded.parameterValues().get(1)).isNull();
    assertThat(decoded.parameterValues().get(2)).isEmpty();
    assertThat(decoded.settings()).containsEntry("timezone", "UTC").containsEntry("search_path", "app, public");
    assertThat(decoded.requestShape()).isEqualTo("PsBdE");
    assertThat(decoded.resultFormats()).containsExactly((short) 0, (short) 1);
  }

  @Test
  void everyPartOfTheRequestChangesTheKey() {
    CacheKey base = extended(List.of(text("1"), text("a")));
    assertThat(base).isEqualTo(extended(List.of(text("1"), text("a"))));
    assertThat(base).isNotEqualTo(extended(List.of(text("1"), text("b"))));
    assertThat(base).isNotEqualTo(extended(Arrays.asList(text("1"), null)));
    assertThat(base).isNotEqualTo(extended(List.of(text("1"), text("a")), (short) 1));
    assertThat(base).isNotEqualTo(CacheKey.extended("otherdb", SETTINGS, "PBdE", "SELECT $1::int, $2::text",
        new int[] {23, 25}, new short[0], List.of(text("1"), text("a")), new short[] {1}));
    assertThat(base).isNotEqualTo(CacheKey.extended("appdb", Map.of("TimeZone", "UTC"), "PBdE",
        "SELECT $1::int, $2::text", new int[] {23, 25}, new short[0], List.of(text("1"), text("a")), new short[] {1}));
    assertThat(base).isNotEqualTo(CacheKey.extended("appdb", SETTINGS, "BdE", "SELECT $1::int, $2::text",
        new int[] {23, 25}, new short[0], List.of(text("1"), text("a")), new short[] {1}));
    assertThat(base).isNotEqualTo(CacheKey.extended("appdb", SETTINGS, "PBdE", "SELECT $1::int, $2::text",
        new int[] {23, 0}, new short[0], List.of(text("1"), text("a")), new short[] {1}));
    assertThat(base).isNotEqualTo(CacheKey.extended("appdb", SETTINGS, "PBdE", "SELECT $1::int, $2::text",
        new int[] {23, 25}, new short[0], List.of(text("1"), text("a")), new short[] {0}));
    assertThat(CacheKey.simpleQuery("appdb", SETTINGS, "SELECT 1"))
        .isNotEqualTo(CacheKey.simpleQuery("appdb", SETTINGS, "SELECT  1"));
  }

  @Test
  void equivalentFormatCodeSpellingsGiveOneKey() {
    List<byte[]> values = List.of(text("1"), text("a"));
    assertThat(extended(values)).isEqualTo(extended(values, (short) 0)).isEqualTo(extended(values, (short) 0, (short) 0));
    assertThat(extended(values, (short) 1)).isEqualTo(extended(values, (short) 1, (short) 1));
    assertThat(extended(values, (short) 1, (short) 0).parameterFormats()).containsExactly((short) 1, (short) 0);
  }

  @Test
  void settingNamesAreCaseInsensitive() {
    assertThat(CacheKey.simpleQuery("db", Map.of("TIMEZONE", "UTC"), "SELECT 1"))
        .isEqualTo(CacheKey.simpleQuery("db", Map.of("timezone", "UTC"), "SELECT 1"));
  }

  @Test
  void impossibleRequestsAreRefused() {
    assertThatThrownBy(() -> extended(List.of(text("1"), text("a")), (short) 0, (short) 1, (short) 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CacheKey.extended("db", Map.of(), "QE", "SELECT 1", new int[0], new short[0],
        List.of(), new short[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CacheKey.extended("db", Map.of(), "PBX", "SELECT 1", new int[0], new short[0],
        List.of(), new short[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedEncodingsAreRejectedWithoutHugeAllocations() {
    byte[] good = extended(List.of(text("1"), text("a"))).encode();
    for (int length = 0; length < good.length; length++) {
      byte[] truncated = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> CacheKey.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> CacheKey.decode(trailing)).isInstanceOf(IllegalArgumentException.class);
    byte[] hugeCount = {1, 2, 'd', 'b', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
    assertThatThrownBy(() -> CacheKey.decode(hugeCount)).isInstanceOf(IllegalArgumentException.class);
    byte[] otherVersion = good.clone();
    otherVersion[0] = 2;
    assertThatThrownBy(() -> CacheKey.decode(otherVersion)).hasMessageContaining("format");
  }

  @Test
  void toStringHidesParameterValues() {
    CacheKey key = extended(List.of(text("secret-value"), text("a")));
    assertThat(key.toString()).contains("SELECT $1::int").doesNotContain("secret-value");
  }
}
