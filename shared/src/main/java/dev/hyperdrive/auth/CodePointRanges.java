package dev.hyperdrive.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A sorted set of Unicode code point ranges, one table of RFC 3454. The tables are generated from
 * Unicode 3.2 (the version stringprep is defined on) by {@code shared/tools/rfc3454_tables.py}; Java's
 * own character data follows a newer Unicode and would disagree with PostgreSQL on unassigned code points.
 */
final class CodePointRanges {
  private static final String RESOURCE = "rfc3454-tables.txt";
  private static final Map<String, CodePointRanges> TABLES = load();

  static final CodePointRanges MAPPED_TO_NOTHING = table("MAPPED_TO_NOTHING");
  static final CodePointRanges NON_ASCII_SPACE = table("NON_ASCII_SPACE");
  static final CodePointRanges PROHIBITED_OUTPUT = table("PROHIBITED_OUTPUT");
  static final CodePointRanges UNASSIGNED = table("UNASSIGNED");
  static final CodePointRanges RAND_AL_CAT = table("RAND_AL_CAT");
  static final CodePointRanges L_CAT = table("L_CAT");

  private final int[] firsts;
  private final int[] lasts;

  private CodePointRanges(int[] firsts, int[] lasts) {
    this.firsts = firsts;
    this.lasts = lasts;
  }

  boolean contains(int codePoint) {
    int index = Arrays.binarySearch(firsts, codePoint);
    if (index >= 0) {
      return true;
    }
    int candidate = -index - 2; // the last range starting below codePoint
    return candidate >= 0 && codePoint <= lasts[candidate];
  }

  private static CodePointRanges table(String name) {
    CodePointRanges table = TABLES.get(name);
    if (table == null) {
      throw new IllegalStateException(RESOURCE + " has no table " + name);
    }
    return table;
  }

  private static Map<String, CodePointRanges> load() {
    try (InputStream stream = CodePointRanges.class.getResourceAsStream(RESOURCE)) {
      if (stream == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII));
      Map<String, CodePointRanges> tables = new HashMap<>();
      String name = null;
      int[] firsts = new int[64];
      int[] lasts = new int[64];
      int count = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (line.startsWith("[")) {
          if (name != null) {
            tables.put(name, new CodePointRanges(Arrays.copyOf(firsts, count), Arrays.copyOf(lasts, count)));
          }
          name = line.substring(1, line.indexOf(']'));
          count = 0;
          continue;
        }
        if (count == firsts.length) {
          firsts = Arrays.copyOf(firsts, count * 2);
          lasts = Arrays.copyOf(lasts, count * 2);
        }
        int dash = line.indexOf('-');
        firsts[count] = Integer.parseInt(dash < 0 ? line : line.substring(0, dash), 16);
        lasts[count] = dash < 0 ? firsts[count] : Integer.parseInt(line.substring(dash + 1), 16);
        count++;
      }
      if (name != null) {
        tables.put(name, new CodePointRanges(Arrays.copyOf(firsts, count), Arrays.copyOf(lasts, count)));
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
