package dev.cutover.cutover.port;

import java.util.List;

/**
 * What an edit of a distribution's aliases did.
 *
 * @param before the aliases in the configuration version the edit was computed on
 * @param after the aliases now (equal to {@code before} when nothing was written)
 * @param changed whether a new configuration was written
 */
public record AliasEdit(List<String> before, List<String> after, boolean changed) {

  public AliasEdit {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
