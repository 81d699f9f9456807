package dev.hyperdrive.edge.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Rendezvous (highest random weight) hashing: every candidate gets a pseudo-random weight from
 * (key, candidate) and the candidates are ordered by weight, highest first. Every edge that sees the
 * same candidates puts the same one first for a key, keys spread evenly over candidates, and removing a
 * candidate only moves the keys it held (the order of the others does not change), which is what failover
 * down this order needs. The weight depends only on the bytes of the names, so it is stable across
 * processes, machines and versions.
 */
public final class RendezvousOrder {
  private RendezvousOrder() {}

  /** {@code candidates} ordered best first for {@code key}; ties (practically impossible) by name. */
  public static List<String> order(String key, Collection<String> candidates) {
    List<String> ordered = new ArrayList<>(candidates);
    ordered.sort(Comparator.comparingLong((String candidate) -> weight(key, candidate)).reversed()
        .thenComparing(Comparator.naturalOrder()));
    return ordered;
  }

  /** The weight of {@code candidate} for {@code key}: FNV-1a over both names, then a full avalanche. */
  static long weight(String key, String candidate) {
    long hash = 0xcbf29ce484222325L;
    hash = fnv1a(hash, key.getBytes(StandardCharsets.UTF_8));
    // A separator byte no UTF-8 text contains, so ("ab", "c") and ("a", "bc") differ.
    hash = fnv1a(hash, new byte[] {(byte) 0xff});
    hash = fnv1a(hash, candidate.getBytes(StandardCharsets.UTF_8));
    return mix(hash);
  }

  private static long fnv1a(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** SplitMix64's finaliser: FNV alone leaves the high bits poorly mixed for short inputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
