package dev.hyperdrive.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Identifies one cacheable request in both cache tiers: everything that can change the bytes of its
 * answer. That is the database, the session settings that shape results (search_path, TimeZone,
 * DateStyle, IntervalStyle, extra_float_digits, bytea_output, client_encoding, role and any other
 * setting the session chose), the shape of the request (which messages the driver sent, so the answer
 * has exactly the messages it expects), the query text, parameter types, parameter values and formats,
 * and result formats.
 *
 * <p>Two keys are equal when their {@link #encode() encodings} are, so the encoding is canonical:
 * setting names are lower-cased and sorted, and parameter formats are spelled out one per parameter
 * (Bind's "no codes = all text" and "one code = all alike" forms become the same key). Result formats
 * stay as sent: their meaning depends on the column count, which the request does not tell.
 *
 * <p>Parameter values are user data: {@link #toString()} shows only their sizes.
 */
public final class CacheKey {
  /** The request shape of a Simple Query. */
  public static final String SIMPLE_QUERY = "Q";

  private static final byte FORMAT_VERSION = 1;
  private static final String SHAPE_LETTERS = "QPBsdE";

  private final String database;
  private final SortedMap<String, String> settings;
  private final String requestShape;
  private final String query;
  private final int[] parameterTypes;
  private final short[] parameterFormats;
  private final List<byte[]> parameterValues;
  private final short[] resultFormats;
  private final byte[] encoded;
  private final int hash;

  private CacheKey(String database, Map<String, String> settings, String requestShape, String query,
      int[] parameterTypes, short[] parameterFormats, List<byte[]> parameterValues, short[] resultFormats) {
    this.database = database;
    this.settings = canonicalSettings(settings);
    this.requestShape = checkShape(requestShape);
    this.query = query;
    this.parameterTypes = parameterTypes.clone();
    this.parameterFormats = perParameter(parameterFormats, parameterValues.size());
    this.parameterValues = copyValues(parameterValues);
    this.resultFormats = resultFormats.clone();
    this.encoded = encodeFields();
    this.hash = Arrays.hashCode(encoded);
  }

  /** The key of a Simple Query's text. */
  public static CacheKey simpleQuery(String database, Map<String, String> settings, String query) {
    return new CacheKey(database, settings, SIMPLE_QUERY, query, new int[0], new short[0], List.of(), new short[0]);
  }

  /**
   * The key of an extended-protocol request.
   *
   * @param requestShape the messages of the request up to Sync, one letter each in the order sent:
   *     {@code P} Parse, {@code B} Bind, {@code s} Describe statement, {@code d} Describe portal,
   *     {@code E} Execute
   * @param parameterTypes the parameter type OIDs the statement was parsed with
   * @param parameterFormats Bind's parameter format codes as sent
   * @param parameterValues Bind's values, {@code null} for SQL NULL
   * @param resultFormats Bind's result format codes as sent
   */
  public static CacheKey extended(String database, Map<String, String> settings, String requestShape,
      String query, int[] parameterTypes, short[] parameterFormats, List<byte[]> parameterValues,
      short[] resultFormats) {
    if (requestShape.contains(SIMPLE_QUERY)) {
      throw new IllegalArgumentException("an extended request has no Simple Query in its shape: " + requestShape);
    }
    return new CacheKey(database, settings, requestShape, query, parameterTypes, parameterFormats,
        parameterValues, resultFormats);
  }

  public String database() {
    return database;
  }

  /** Lower-cased setting name to value, sorted by name. */
  public SortedMap<String, String> settings() {
    return Collections.unmodifiableSortedMap(settings);
  }

  public String requestShape() {
    return requestShape;
  }

  public boolean isSimpleQuery() {
    return requestShape.equals(SIMPLE_QUERY);
  }

  public String query() {
    return query;
  }

  public int[] parameterTypes() {
    return parameterTypes.clone();
  }

  /** One format code per parameter value. */
  public short[] parameterFormats() {
    return parameterFormats.clone();
  }

  public List<byte[]> parameterValues() {
    return copyValues(parameterValues);
  }

  public short[] resultFormats() {
    return resultFormats.clone();
  }

  /** The canonical compact encoding; {@link #decode} gives back an equal key. */
  public byte[] encode() {
    return encoded.clone();
  }

  /** Bytes this key occupies in its encoded form, for weighing cache entries. */
  public int encodedSize() {
    return encoded.length;
  }

  /** @throws IllegalArgumentException when {@code bytes} is not a key's encoding */
  public static CacheKey decode(byte[] bytes) {
    CompactReader in = new CompactReader(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("unknown cache key format " + version);
    }
    String database = in.readString();
    SortedMap<String, String> settings = new TreeMap<>();
    for (int i = in.readCount(); i > 0; i--) {
      settings.put(in.readString(), in.readString());
    }
    String shape = in.readString();
    String query = in.readString();
    int[] types = new int[in.readCount()];
    for (int i = 0; i < types.length; i++) {
      types[i] = (int) in.readVarLong();
    }
    int valueCount = in.readCount();
    short[] formats = new short[valueCount];
    List<byte[]> values = new ArrayList<>(valueCount);
    for (int i = 0; i < valueCount; i++) {
      formats[i] = (short) in.readVarInt();
      values.add(in.readNullableBytes());
    }
    short[] resultFormats = new short[in.readCount()];
    for (int i = 0; i < resultFormats.length; i++) {
      resultFormats[i] = (short) in.readVarInt();
    }
    in.expectEnd("cache key");
    CacheKey key = new CacheKey(database, settings, shape, query, types, formats, values, resultFormats);
    if (!Arrays.equals(key.encoded, bytes)) {
      throw new IllegalArgumentException("cache key encoding is not canonical");
    }
    return key;
  }

  private byte[] encodeFields() {
    CompactWriter out = new CompactWriter(64 + query.length());
    out.writeByte(FORMAT_VERSION).writeString(database).writeVarInt(settings.size());
    settings.forEach((name, value) -> out.writeString(name).writeString(value));
    out.writeString(requestShape).writeString(query).writeVarInt(parameterTypes.length);
    for (int type : parameterTypes) {
      out.writeVarInt(type);
    }
    out.writeVarInt(parameterValues.size());
    for (int i = 0; i < parameterValues.size(); i++) {
      out.writeVarInt(parameterFormats[i] & 0xFFFF).writeNullableBytes(parameterValues.get(i));
    }
    out.writeVarInt(resultFormats.length);
    for (short format : resultFormats) {
      out.writeVarInt(format & 0xFFFF);
    }
    return out.toByteArray();
  }

  private static SortedMap<String, String> canonicalSettings(Map<String, String> settings) {
    SortedMap<String, String> canonical = new TreeMap<>();
    settings.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), value));
    return canonical;
  }

  private static String checkShape(String shape) {
    if (shape.isEmpty() || !shape.chars().allMatch(letter -> SHAPE_LETTERS.indexOf(letter) >= 0)) {
      throw new IllegalArgumentException("request shape must use the letters " + SHAPE_LETTERS + ", got '" + shape + "'");
    }
    return shape;
  }

  /** Bind's format codes, one per value: none = all text (0), one = all alike. */
  private static short[] perParameter(short[] formats, int valueCount) {
    if (formats.length == valueCount) {
      return formats.clone();
    }
    if (formats.length > 1) {
      throw new IllegalArgumentException(formats.length + " parameter formats for " + valueCount + " values");
    }
    short[] spelled = new short[valueCount];
    Arrays.fill(spelled, formats.length == 0 ? 0 : formats[0]);
    return spelled;
  }

  private static List<byte[]> copyValues(List<byte[]> values) {
    List<byte[]> copy = new ArrayList<>(values.size());
    for (byte[] value : values) {
      copy.add(value == null ? null : value.clone());
    }
    return Collections.unmodifiableList(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CacheKey that && hash == that.hash && Arrays.equals(encoded, that.encoded);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "CacheKey[database=" + database + ", shape=" + requestShape + ", settings=" + settings
        + ", query=" + query + ", parameterTypes=" + Arrays.toString(parameterTypes) + ", parameters="
        + parameterValues.size() + " (" + encoded.length + " bytes encoded), resultFormats="
        + Arrays.toString(resultFormats) + "]";
  }
}
