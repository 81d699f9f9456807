package dev.hyperdrive.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CacheStatusTest {

  @Test
  void theVocabularyIsExactlyHyperdrives() {
    assertThat(Arrays.stream(CacheStatus.values()).map(CacheStatus::wireName)).containsExactly(
        "hit", "miss", "disabled", "uncacheable", "multiplestatements", "notaquery", "oversizedquery",
        "oversizedresult", "parseerror", "transaction", "volatile");
  }

  @Test
  void wireNamesRoundTrip() {
    for (CacheStatus status : CacheStatus.values()) {
      assertThat(CacheStatus.fromWireName(status.wireName())).isSameAs(status);
      assertThat(status).hasToString(status.wireName());
    }
    assertThat(CacheStatus.fromWireName("NotAQuery")).isSameAs(CacheStatus.NOT_A_QUERY);
    assertThatThrownBy(() -> CacheStatus.fromWireName("stale")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBypassCannotClaimWhatOnlyTheCacheKnows() {
    for (CacheStatus cacheOnly : new CacheStatus[] {CacheStatus.HIT, CacheStatus.MISS, CacheStatus.OVERSIZED_RESULT}) {
      assertThatThrownBy(() -> new Classification.Bypass(cacheOnly, "x")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
