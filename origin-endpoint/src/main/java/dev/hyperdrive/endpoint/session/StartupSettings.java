package dev.hyperdrive.endpoint.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings a driver asked for in its StartupMessage (relayed in {@code SessionOpen}), as PostgreSQL
 * reads them (https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-STARTUPMESSAGE):
 * every parameter other than user, database, replication and {@code _pq_.} protocol options names a
 * setting; {@code options} holds command-line switches, of which {@code -c name=value} and
 * {@code --name=value} set settings (words split at unescaped spaces, backslash escapes the next char).
 */
final class StartupSettings {
  private static final Logger log = LoggerFactory.getLogger(StartupSettings.class);

  private StartupSettings() {}

  /** name (lower case) → value, in the driver's order; {@code options} entries come where options was. */
  static Map<String, String> parse(Map<String, String> startupParameters) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : startupParameters.entrySet()) {
      String name = parameter.getKey().toLowerCase(Locale.ROOT);
      if ("options".equals(name)) {
        options(parameter.getValue(), settings);
      } else if (!name.equals("user") && !name.equals("database") && !name.equals("replication")
          && !name.startsWith("_pq_.")) {
        settings.put(name, parameter.getValue());
      }
    }
    return settings;
  }

  private static void options(String options, Map<String, String> settings) {
    List<String> words = words(options);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String assignment = null;
      if (word.equals("-c") && i + 1 < words.size()) {
        assignment = words.get(++i);
      } else if (word.startsWith("-c")) {
        assignment = word.substring(2);
      } else if (word.startsWith("--")) {
        assignment = word.substring(2);
      }
      int equals = assignment == null ? -1 : assignment.indexOf('=');
      if (equals <= 0) {
        log.debug("startup options: ignoring '{}' (only -c name=value and --name=value set settings)", word);
        continue;
      }
      // PostgreSQL's ParseLongOption: dashes in the name mean underscores.
      String name = assignment.substring(0, equals).replace('-', '_').toLowerCase(Locale.ROOT);
      settings.put(name, assignment.substring(equals + 1));
    }
  }

  /** pg_split_opts: split at unescaped whitespace; a backslash makes the next character literal. */
  static List<String> words(String options) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      if (c == '\\' && i + 1 < options.length()) {
        c = options.charAt(++i);
      }
      word.append(c);
      inWord = true;
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The startup settings as changes that set each one exactly as the startup packet would have. */
  static Map<String, SettingChange.Set> asChanges(Map<String, String> settings) {
    Map<String, SettingChange.Set> changes = new LinkedHashMap<>();
    settings.forEach((name, value) -> changes.put(name, new SettingChange.Set(name, SqlLiterals.setConfig(name, value), value)));
    return changes;
  }
}
