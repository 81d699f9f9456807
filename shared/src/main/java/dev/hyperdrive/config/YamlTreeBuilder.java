package dev.hyperdrive.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns YAML text into our own tree of {@link ConfigValue}s. We compose nodes rather than load Java
 * objects because only nodes keep their line numbers, and every scalar stays text until an accessor
 * asks for a type (so {@code port: 5432} and {@code port: "5432"} mean the same). The composer
 * has already applied merge keys ({@code <<: *defaults}), explicit keys winning over merged ones. Environment
 * references are resolved here, once, so a missing variable fails the whole file at load time.
 */
final class YamlTreeBuilder {

    private final String source;
    private final Map<String, String> env;

    private YamlTreeBuilder(String source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    static ConfigNode build(String yaml, String source, Map<String, String> env) {
        return new YamlTreeBuilder(source, env).buildRoot(yaml);
    }

    private ConfigNode buildRoot(String yaml) {
        List<Node> documents = compose(yaml);
        if (documents.isEmpty()) {
            return new ConfigNode(source, "", 1, Map.of());
        }
        if (documents.size() > 1) {
            throw new ConfigException(source, line(documents.get(1)), "",
                    "only one YAML document is allowed per file (found a second '---')");
        }
        Node root = documents.get(0);
        if (isNull(root)) {
            return new ConfigNode(source, "", line(root), Map.of());
        }
        ConfigValue value = convert(root, "");
        if (!(value instanceof ConfigNode)) {
            throw new ConfigException(source, value.line(), "",
                    "the file must hold an object of 'key: value' lines, got " + value.kind());
        }
        return (ConfigNode) value;
    }

    private List<Node> compose(String yaml) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema()) // YAML 1.2 core: "~", "null" and nothing are all null
                .build();
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Compose(settings).composeAllFromString(yaml)) {
                documents.add(document);
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(mark -> mark.getLine() + 1).orElse(0);
            throw new ConfigException(source, line, "", "invalid YAML: " + describe(e));
        } catch (YamlEngineException e) {
            throw new ConfigException(source, 0, "", "invalid YAML: " + e.getMessage());
        }
        return documents;
    }

    private static String describe(MarkedYamlEngineException e) {
        String context = e.getContext();
        return context == null || context.isEmpty() ? e.getProblem() : context + ": " + e.getProblem();
    }

    private ConfigValue convert(Node node, String path) {
        if (node.isRecursive()) {
            throw new ConfigException(source, line(node), path, "an alias may not refer to an enclosing anchor");
        }
        if (node instanceof ScalarNode) {
            return scalar((ScalarNode) node, path);
        }
        if (node instanceof SequenceNode) {
            List<ConfigValue> items = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                items.add(convert(item, path + "[" + items.size() + "]"));
            }
            return new ConfigValue.Sequence(List.copyOf(items), line(node));
        }
        if (node instanceof MappingNode) {
            return object((MappingNode) node, path);
        }
        throw new ConfigException(source, line(node), path, "unsupported YAML node " + node.getNodeType());
    }

    private ConfigValue scalar(ScalarNode node, String path) {
        if (isNull(node)) {
            return new ConfigValue.Scalar(null, line(node));
        }
        try {
            return new ConfigValue.Scalar(EnvSubstitution.substitute(node.getValue(), env), line(node));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, line(node), path, e.getMessage());
        }
    }

    private ConfigNode object(MappingNode node, String path) {
        Map<String, ConfigNode.Member> members = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
                throw new ConfigException(source, line(keyNode), path, "keys must be plain names, not lists or objects");
            }
            String key = ((ScalarNode) keyNode).getValue();
            String keyPath = ConfigNode.childPath(path, key);
            ConfigNode.Member earlier = members.get(key);
            if (earlier != null) {
                throw new ConfigException(source, line(keyNode), keyPath,
                        "duplicate key (first set at line " + earlier.line() + ")");
            }
            members.put(key, new ConfigNode.Member(key, line(keyNode), convert(tuple.getValueNode(), keyPath)));
        }
        return new ConfigNode(source, path, line(node), members);
    }

    private static boolean isNull(Node node) {
        return Tag.NULL.equals(node.getTag());
    }

    private static int line(Node node) {
        Optional<Mark> mark = node.getStartMark();
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }
}
