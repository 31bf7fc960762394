package dev.cutover.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding as the step's result shows it: key and differing field names, shortened so that even
 * the worst case (every category full of 1 024-byte keys) keeps the result far below the 256 KB
 * Step Functions payload limit. The report has every finding in full.
 *
 * @param key the key on blue, at most {@value #MAX_KEY_BYTES} UTF-8 bytes (longer ones end in …)
 * @param fields the differing fields, at most {@value #MAX_FIELDS} then a count of the rest
 */
record Example(String key, List<String> fields) {

  static final int MAX_KEY_BYTES = 200;
  static final int MAX_FIELDS = 5;

  static Example of(Finding finding) {
    List<String> fields = finding.fields();
    if (fields.size() > MAX_FIELDS) {
      List<String> shown = new ArrayList<>(fields.subList(0, MAX_FIELDS));
      shown.add("… " + (fields.size() - MAX_FIELDS) + " more in the report");
      fields = shown;
    }
    return new Example(shorten(finding.key()), List.copyOf(fields));
  }

  private static String shorten(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
      return key;
    }
    StringBuilder kept = new StringBuilder();
    int bytes = "…".getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_KEY_BYTES) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }
}
