package dev.cutover.parity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The plan's {@code validation.parityAllow}: config paths, or globs where {@code *} matches any
 * characters, whose differences are intended. An entry covers the path it names and everything
 * below it ({@code CacheBehaviors[/legacy/*]} covers {@code CacheBehaviors[/legacy/*].Compress}).
 */
final class AllowList {

  private final List<Pattern> patterns;

  AllowList(List<String> entries) {
    this.patterns = entries.stream().map(AllowList::compile).toList();
  }

  boolean allows(String path) {
    return patterns.stream().anyMatch(p -> p.matcher(path).matches());
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    // The path itself, or anything below it: a field (.Name) or a list entry ([key]).
    return Pattern.compile(regex + "(?:[.\\[].*)?", Pattern.DOTALL);
  }
}
