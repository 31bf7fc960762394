package dev.cutover.preflight;

import java.util.ArrayList;
import java.util.List;

/** Where checks put what they find; nothing is ever dropped, so every finding reaches the result. */
final class Findings {

  private final List<Finding> found = new ArrayList<>();

  void add(Finding finding) {
    found.add(finding);
  }

  List<Finding> all() {
    return List.copyOf(found);
  }
}
