package dev.cutover.verify;

import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The metadata fields the benchmark compares: those of the example plan, {@code
 * events/migrate.json} (every header field, user metadata, tags and storage class), read through
 * {@link Plans#parse} as the step reads its input.
 */
final class BenchPlan {

  static final Path EXAMPLE = Path.of("events/migrate.json");

  private BenchPlan() {}

  static Set<String> fields() {
    return fields(EXAMPLE);
  }

  static Set<String> fields(Path plan) {
    try {
      return Set.copyOf(Plans.parse(Files.readString(plan)).validation().metadataFields());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the example plan " + plan.toAbsolutePath() + " (run from the repository root)", e);
    }
  }
}
