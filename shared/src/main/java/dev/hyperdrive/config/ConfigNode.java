package dev.hyperdrive.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One YAML object (a block of {@code key: value} lines) of a service's configuration file, with typed,
 * validating accessors. Services read their settings through these accessors so that every mistake an
 * operator can make fails at start-up with a {@link ConfigException} naming the file, the line and the
 * key path. Absent keys and explicit YAML nulls ({@code key:} with nothing after it) both count as "not
 * set". Scalars have had {@code ${ENV_VAR}} references replaced (see {@link EnvSubstitution}).
 * Immutable.
 */
public final class ConfigNode implements ConfigValue {

    /** A key as written in the file: its line and its value. */
    record Member(String key, int line, ConfigValue value) {
    }

    private final String source;
    private final String path;
    private final int line;
    private final Map<String, Member> members;

    ConfigNode(String source, String path, int line, Map<String, Member> members) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.members = Collections.unmodifiableMap(members);
    }

    /** Reads a file, substituting variables from the process environment. */
    public static ConfigNode load(Path file) {
        return load(file, System.getenv());
    }

    /** Reads a file, substituting variables from {@code env}. */
    public static ConfigNode load(Path file, Map<String, String> env) {
        String source = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, "", "no such file");
        } catch (MalformedInputException e) {
            throw new ConfigException(source, 0, "", "not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(source, 0, "", "cannot read the file: " + e);
        }
        return parse(yaml, source, env);
    }

    /** Parses YAML text; {@code sourceName} is what error messages call the file. */
    public static ConfigNode parse(String yaml, String sourceName, Map<String, String> env) {
        return YamlTreeBuilder.build(yaml, sourceName, env);
    }

    /** This object's key path: empty for the file's root, else like {@code databases[0].pool}. */
    public String path() {
        return path;
    }

    /** The 1-based line this object starts on. */
    @Override
    public int line() {
        return line;
    }

    /** The file (or other source) this object was read from. */
    public String source() {
        return source;
    }

    @Override
    public String kind() {
        return "an object";
    }

    /** Whether the key is present with a non-null value. */
    public boolean has(String key) {
        Member member = members.get(key);
        return member != null && !isNull(member.value());
    }

    /** The keys in file order. */
    public Set<String> keys() {
        return members.keySet();
    }

    public String requiredString(String key) {
        Member member = required(key);
        return scalarText(member).orElseThrow(() -> error(key, "must not be empty"));
    }

    public Optional<String> optionalString(String key) {
        Member member = members.get(key);
        return member == null ? Optional.empty() : scalarText(member);
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A whole number in {@code [min, max]}. */
    public int integer(String key, int defaultValue, int min, int max) {
        return typed(key, text -> ScalarFormats.integer(text, min, max)).orElse(defaultValue);
    }

    /** {@code true} or {@code false}. */
    public boolean bool(String key, boolean defaultValue) {
        return typed(key, ScalarFormats::bool).orElse(defaultValue);
    }

    /** "250ms", "15s", "10m", "1h", or a bare whole number of seconds. */
    public Duration duration(String key, Duration defaultValue) {
        return typed(key, ScalarFormats::duration).orElse(defaultValue);
    }

    /** A size in bytes: "512kB", "64MB", "1GB" (powers of 1024, as in postgresql.conf), or bare bytes. */
    public long byteSize(String key, long defaultValue) {
        return typed(key, ScalarFormats::byteSize).orElse(defaultValue);
    }

    /** An enum constant, written in any case with '-' or '_' (e.g. {@code pool_mode: transaction}). */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        return typed(key, text -> ScalarFormats.enumValue(text, type)).orElse(defaultValue);
    }

    /** {@code host:port} or {@code [ipv6]:port}. */
    public HostPort hostPort(String key, HostPort defaultValue) {
        return typed(key, HostPort::parse).orElse(defaultValue);
    }

    public HostPort requiredHostPort(String key) {
        required(key);
        return typed(key, HostPort::parse).orElseThrow(() -> error(key, "must not be empty"));
    }

    public ConfigNode requiredObject(String key) {
        required(key);
        return optionalObject(key).orElseThrow(() -> error(key, "must be an object, got an empty value"));
    }

    public Optional<ConfigNode> optionalObject(String key) {
        Member member = members.get(key);
        if (member == null || isNull(member.value())) {
            return Optional.empty();
        }
        if (!(member.value() instanceof ConfigNode)) {
            throw wrongKind(key, member.value(), "an object");
        }
        return Optional.of((ConfigNode) member.value());
    }

    /** A list of objects; empty when the key is absent. */
    public List<ConfigNode> objectList(String key) {
        return list(key, "an object", ConfigNode.class::isInstance, item -> (ConfigNode) item);
    }

    /** A list of non-empty scalars; empty when the key is absent. */
    public List<String> stringList(String key) {
        return list(key, "a value",
                item -> item instanceof ConfigValue.Scalar && ((ConfigValue.Scalar) item).text() != null,
                item -> ((ConfigValue.Scalar) item).text());
    }

    /**
     * Fails on the first key (in file order) that is not in {@code allowed}, suggesting the closest
     * allowed key when one is near. Call it once per object, listing every key the service reads.
     */
    public void rejectUnknownKeys(String... allowed) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
        for (Member member : members.values()) {
            if (!known.contains(member.key())) {
                String hint = Suggestions.closest(member.key(), known)
                        .map(suggestion -> "did you mean " + suggestion + "?")
                        .orElse(known.isEmpty() ? "no keys are allowed here" : "allowed keys: " + String.join(", ", known));
                throw error(member.key(), "unknown key (" + hint + ")");
            }
        }
    }

    /** An error about {@code key}, at the key's line if it is present, else at this object's line. */
    public ConfigException error(String key, String message) {
        Member member = members.get(key);
        return new ConfigException(source, member == null ? line : member.line(), childPath(path, key), message);
    }

    /** An error about this object as a whole (e.g. two entries that conflict). */
    public ConfigException error(String message) {
        return new ConfigException(source, line, path, message);
    }

    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private Member required(String key) {
        Member member = members.get(key);
        if (member == null) {
            throw missing(key);
        }
        return member;
    }

    private ConfigException missing(String key) {
        String where = path.isEmpty() ? "" : " (in the object starting at line " + line + ")";
        return error(key, "required key is missing" + where);
    }

    private <T> Optional<T> typed(String key, Function<String, T> parser) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.get()));
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    private Optional<String> scalarText(Member member) {
        if (!(member.value() instanceof ConfigValue.Scalar)) {
            throw wrongKind(member.key(), member.value(), "a single value");
        }
        return Optional.ofNullable(((ConfigValue.Scalar) member.value()).text());
    }

    private <T> List<T> list(String key, String itemKind, Predicate<ConfigValue> isItem,
                             Function<ConfigValue, T> convert) {
        Member member = members.get(key);
        if (member == null || isNull(member.value())) {
            return List.of();
        }
        if (!(member.value() instanceof ConfigValue.Sequence)) {
            throw wrongKind(key, member.value(), "a list");
        }
        List<ConfigValue> items = ((ConfigValue.Sequence) member.value()).items();
        List<T> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ConfigValue item = items.get(i);
            if (!isItem.test(item)) {
                throw new ConfigException(source, item.line(), childPath(path, key) + "[" + i + "]",
                        "must be " + itemKind + ", got " + item.kind());
            }
            result.add(convert.apply(item));
        }
        return List.copyOf(result);
    }

    private ConfigException wrongKind(String key, ConfigValue value, String expected) {
        return error(key, "must be " + expected + ", got " + value.kind());
    }

    private static boolean isNull(ConfigValue value) {
        return value instanceof ConfigValue.Scalar && ((ConfigValue.Scalar) value).text() == null;
    }

    @Override
    public String toString() {
        return source + ":" + line + ": " + (path.isEmpty() ? "<root>" : path) + " " + members.keySet();
    }
}
