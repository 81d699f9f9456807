package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeVariantsTest {
  private static final byte[] PARSE_COMPLETE = frame('1', new byte[0]);
  private static final byte[] PARAMETERS = frame('t', new byte[] {0, 1, 0, 0, 0, 23});
  private static final byte[] STATEMENT_ROWS = frame('T', new byte[] {0, 0, 'a'});
  private static final byte[] BIND_COMPLETE = frame('2', new byte[0]);
  private static final byte[] PORTAL_ROWS = frame('T', new byte[] {0, 1, 'b'});
  private static final byte[] DATA = frame('D', new byte[] {0, 1, 0, 0, 0, 1, '7'});
  private static final byte[] DONE = frame('C', "SELECT 1\0".getBytes());

  private static byte[] frame(char tag, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) tag).putInt(4 + body.length).put(body).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static CacheKey key(String shape) {
    return CacheKey.extended("db", Map.of(), shape, "SELECT $1", new int[] {23}, new short[0],
        List.of("7".getBytes()), new short[0]);
  }

  private static Map<String, byte[]> byShape(CacheKey key, byte[] frames) {
    Map<String, byte[]> result = new HashMap<>();
    ShapeVariants.of(key, frames).forEach((variant, bytes) -> {
      assertThat(variant.query()).isEqualTo(key.query());
      assertThat(variant.parameterValues().get(0)).isEqualTo("7".getBytes());
      result.put(variant.requestShape(), bytes);
    });
    return result;
  }

  @Test
  void aFullAnswerServesEveryLesserShape() {
    byte[] full = concat(PARSE_COMPLETE, PARAMETERS, STATEMENT_ROWS, BIND_COMPLETE, PORTAL_ROWS, DATA, DONE);
    Map<String, byte[]> variants = byShape(key("PsBdE"), full);
    assertThat(variants).containsOnlyKeys("PsBE", "PBdE", "PBE", "sBdE", "sBE", "BdE", "BE");
    assertThat(variants.get("BE")).isEqualTo(concat(BIND_COMPLETE, DATA, DONE));
    assertThat(variants.get("BdE")).isEqualTo(concat(BIND_COMPLETE, PORTAL_ROWS, DATA, DONE));
    assertThat(variants.get("sBE")).isEqualTo(concat(PARAMETERS, STATEMENT_ROWS, BIND_COMPLETE, DATA, DONE));
    assertThat(variants.get("PBE")).isEqualTo(concat(PARSE_COMPLETE, BIND_COMPLETE, DATA, DONE));
  }

  @Test
  void pgjdbcsFirstExecutionServesItsLaterOnes() {
    byte[] first = concat(PARSE_COMPLETE, BIND_COMPLETE, PORTAL_ROWS, DATA, DONE);
    Map<String, byte[]> variants = byShape(key("PBdE"), first);
    assertThat(variants).containsOnlyKeys("PBE", "BdE", "BE");
    assertThat(variants.get("BE")).isEqualTo(concat(BIND_COMPLETE, DATA, DONE));
  }

  @Test
  void noDescriptionNoData() {
    byte[] noData = frame('n', new byte[0]);
    Map<String, byte[]> variants = byShape(key("BdE"), concat(BIND_COMPLETE, noData, DONE));
    assertThat(variants).containsOnlyKeys("BE");
    assertThat(variants.get("BE")).isEqualTo(concat(BIND_COMPLETE, DONE));
  }

  @Test
  void nothingToLeaveOutOrAnUnexpectedLayoutGivesNoVariants() {
    assertThat(ShapeVariants.of(key("BE"), concat(BIND_COMPLETE, DATA, DONE))).isEmpty();
    assertThat(ShapeVariants.of(key("PBE"), concat(BIND_COMPLETE, DATA, DONE))).isEmpty();
    assertThat(ShapeVariants.of(key("PBE"), concat(PARSE_COMPLETE, PARSE_COMPLETE, DATA, DONE))).isEmpty();
    assertThat(ShapeVariants.of(CacheKey.simpleQuery("db", Map.of(), "SELECT 1"), concat(DATA, DONE))).isEmpty();
  }
}
