package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Bounds what the step returns, so that even a distribution that differs everywhere keeps the
 * result far below Step Functions' 256 KB payload limit; the report holds everything.
 */
final class Examples {

  /** Findings of each list in the result. */
  static final int MAX = 25;

  /** A value or key longer than this (UTF-8 bytes) is cut and ends in … */
  static final int MAX_VALUE_BYTES = 300;

  private Examples() {}

  /** The first {@link #MAX} config findings, those the allow-list does not accept first. */
  static List<ConfigFinding> config(List<ConfigFinding> all) {
    return all.stream()
        .sorted(Comparator.comparing(ConfigFinding::allowed))
        .limit(MAX)
        .map(f -> new ConfigFinding(shorten(f.path()), shorten(f.blue()), shorten(f.green()), f.kind(), f.allowed()))
        .toList();
  }

  static List<ProbeFinding> probe(List<ProbeFinding> all) {
    return all.stream()
        .limit(MAX)
        .map(f -> new ProbeFinding(shorten(f.key()), f.field(), shorten(f.blue()), shorten(f.green())))
        .toList();
  }

  private static JsonNode shorten(JsonNode value) {
    if (value == null) {
      return null;
    }
    String text = value.isTextual() ? value.textValue() : value.toString();
    return text.getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_BYTES ? value : TextNode.valueOf(shorten(text));
  }

  static String shorten(String text) {
    if (text == null || text.getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_BYTES) {
      return text;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = "…".getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_VALUE_BYTES) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }
}
