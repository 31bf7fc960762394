package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import dev.cutover.report.support.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs the report step on a payload into memory, as the tests need it. */
final class Reports {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:34:56.789Z"), ZoneOffset.UTC);

  /** One run: what it returned and what it wrote. */
  record Run(ReportResult result, MemoryStore store) {
    String html() {
      return store.objects.get(Fixtures.FOLDER + ReportStep.HTML_FILE).text();
    }

    JsonNode json() {
      try {
        return Json.mapper().readTree(store.objects.get(Fixtures.FOLDER + ReportStep.JSON_FILE).content());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Reports() {}

  static Run run(JsonNode payload) {
    MemoryStore store = new MemoryStore(Fixtures.REPORT_BUCKET);
    ReportResult result = new ReportStep(store, CLOCK).run(ReportInput.parse(payload));
    return new Run(result, store);
  }

  /** The assessment alone, for verdict tests. */
  static Assessment assess(JsonNode payload) {
    return Assessment.of(Evidence.read(ReportInput.parse(payload)));
  }
}
