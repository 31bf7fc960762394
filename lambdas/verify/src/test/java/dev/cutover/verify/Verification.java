package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import dev.cutover.testing.FakeContext;
import dev.cutover.verify.aws.S3Buckets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs the verify handler as Lambda would, against the given S3 server, and reads its report. */
final class Verification {

  /** Small pool, quick retries, smallest report parts: a test's worth of everything. */
  static final VerifySettings SETTINGS =
      new VerifySettings(4, 20, new Backoff(12, Duration.ofMillis(2), Duration.ofMillis(40)), FindingsReport.MIN_PART_SIZE);

  private Verification() {}

  /** The handler's JSON output for {@code payload}, every bucket reached through {@code s3}. */
  static JsonNode run(S3Client s3, JsonNode payload) {
    VerifyHandler handler = new VerifyHandler(new S3Buckets(ref -> s3), () -> SETTINGS, Retrier.Sleeper.REAL);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-verify"));
      return Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report the result points at, one JSON object per line. */
  static List<JsonNode> reportLines(S3Client s3, JsonNode result) {
    String text =
        s3.getObjectAsBytes(r -> r.bucket(result.at("/report/bucket").asText()).key(result.at("/report/key").asText()))
            .asString(StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        try {
          lines.add(Json.mapper().readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return lines;
  }

  /** The keys of a category's examples in the result. */
  static List<String> exampleKeys(JsonNode result, String category) {
    List<String> keys = new ArrayList<>();
    result.path("examples").path(category).forEach(e -> keys.add(e.path("key").asText()));
    return keys;
  }
}
