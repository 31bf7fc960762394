package dev.cutover.verify;

import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;
import java.util.Locale;

/** Blue or green, as the checksum comparison names them in keys, tokens and results. */
enum ChecksumSide {
  SOURCE,
  TARGET;

  /** {@code source} or {@code target}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  Side of(Plan plan) {
    return this == SOURCE ? plan.source() : plan.target();
  }
}
