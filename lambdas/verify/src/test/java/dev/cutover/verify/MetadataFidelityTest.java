package dev.cutover.verify;

import static dev.cutover.verify.Verification.exampleKeys;
import static dev.cutover.verify.Verification.reportLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.support.Asset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Green written exactly as replication writes it must verify clean, whatever the asset looks
 * like; change any compared field on one green object and exactly that field is reported.
 */
@ExtendWith(EmbeddedS3.class)
class MetadataFidelityTest {

  private static final String BLUE = "fidelity-blue";
  private static final String GREEN = "fidelity-green";
  private static final String REPORTS = "fidelity-reports";

  /** Every compared field set, so a change to any one of them is visible. */
  private static final Asset PAGE =
      Asset.of("page.html", "<!doctype html><title>assets</title>".getBytes(StandardCharsets.UTF_8))
          .header("Content-Type", "text/html; charset=utf-8")
          .header("Cache-Control", "public, max-age=300")
          .header("Content-Encoding", "identity")
          .header("Content-Disposition", "inline")
          .header("Content-Language", "en")
          .header("Expires", "Wed, 01 Jan 2031 00:00:00 GMT")
          .header("storage-class", "STANDARD_IA")
          .meta("owner", "web-platform")
          .tag("team", "web");

  private static S3Client s3;

  @BeforeAll
  static void seed() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BLUE);
    EmbeddedS3.bucket(GREEN);
    EmbeddedS3.bucket(REPORTS);
    for (Asset asset : fixtures()) {
      asset.putTo(s3, BLUE);
      asset.putTo(s3, GREEN);
    }
  }

  @Test
  void green_written_like_blue_reports_nothing_for_any_kind_of_asset() {
    JsonNode result = Verification.run(s3, TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "static/")));

    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(result.path("scope").asText()).isEqualTo("listing");
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(fixtures().size());
    assertThat(result.path("sourceObjects").asLong()).isEqualTo(fixtures().size());
    assertThat(result.path("targetObjects").asLong()).isEqualTo(fixtures().size());
    assertThat(result.path("mismatchedObjects").asLong()).isZero();
    result.path("counts").properties().forEach(count -> assertThat(count.getValue().asLong()).as(count.getKey()).isZero());
    assertThat(reportLines(s3, result)).isEmpty();
    assertThat(result.at("/report/key").asText())
        .isEqualTo("cutover/assets-to-platform-account/verify/nightly-2026-11-24/findings.jsonl");
    assertThat(result.at("/report/uri").asText())
        .isEqualTo("s3://" + REPORTS + "/cutover/assets-to-platform-account/verify/nightly-2026-11-24/findings.jsonl");
  }

  @ParameterizedTest(name = "{0} changed on green")
  @CsvSource(
      delimiter = '|',
      value = {
        "Content-Type        | text/plain",
        "Cache-Control       | no-cache",
        "Content-Encoding    | gzip",
        "Content-Disposition | attachment; filename=page.html",
        "Content-Language    | de",
        "Expires             | Thu, 01 Jan 2032 00:00:00 GMT",
        "x-amz-meta-owner    | someone-else",
        "x-amz-meta-added    | only-on-green",
        "tags                | team=ops",
        "storage-class       | STANDARD",
      })
  void a_field_changed_on_one_green_object_is_reported_as_exactly_that_field(String field, String greenValue) {
    String prefix = "field-" + field.replaceAll("[^A-Za-z-]", "").toLowerCase(Locale.ROOT) + "/";
    Asset blue = PAGE.key(prefix + "page.html");
    Asset untouched = Asset.of(prefix + "untouched.css", "a{}".getBytes(StandardCharsets.UTF_8));
    blue.putTo(s3, BLUE);
    blue.with(field, greenValue).putTo(s3, GREEN);
    untouched.putTo(s3, BLUE);
    untouched.putTo(s3, GREEN);

    JsonNode result = Verification.run(s3, TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, prefix)));

    assertThat(result.path("objectsCompared").asLong()).isEqualTo(2);
    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("mismatchedObjects").asLong()).isEqualTo(1);
    assertThat(result.at("/counts/metadataDiffers").asLong()).isEqualTo(1);
    assertThat(result.path("counts").properties())
        .filteredOn(c -> !c.getKey().equals("metadataDiffers"))
        .allSatisfy(c -> assertThat(c.getValue().asLong()).as(c.getKey()).isZero());
    assertThat(exampleKeys(result, "metadataDiffers")).containsExactly(blue.key());
    assertThat(result.at("/examples/metadataDiffers/0/fields").toString()).isEqualTo("[\"" + field + "\"]");

    List<JsonNode> report = reportLines(s3, result);
    assertThat(report).singleElement().satisfies(line -> {
      assertThat(line.path("key").asText()).isEqualTo(blue.key());
      assertThat(line.path("categories").toString()).isEqualTo("[\"metadataDiffers\"]");
      assertThat(line.path("target").path(field).asText()).isEqualTo(greenValue);
    });
  }

  /** Assets a static site has, each written the way a browser depends on. */
  static List<Asset> fixtures() {
    return List.of(
        Asset.of("static/app.3f2a9c.js", gzip("export const answer = 42;\n".repeat(200)))
            .header("Content-Type", "application/javascript")
            .header("Content-Encoding", "gzip")
            .header("Cache-Control", "public, max-age=31536000, immutable"),
        Asset.of("static/video/intro.bin", randomBytes(10 * 1024 * 1024 + 17, 7))
            .header("Content-Type", "application/octet-stream")
            .multipart(5 * 1024 * 1024),
        Asset.of("static/empty.txt", new byte[0]).header("Content-Type", "text/plain"),
        Asset.of("static/café/ünïcødé.css", "body{}".getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/css"),
        Asset.of("static/with space/a b.png", randomBytes(2048, 3)).header("Content-Type", "image/png"),
        Asset.of("static/c++/a+b.css", "a{}".getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/css"),
        Asset.of("static/100%/done%20.css", "b{}".getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/css"),
        Asset.of("static/tagged.json", "{}".getBytes(StandardCharsets.UTF_8)).tag("team", "web").tag("tier", "static"),
        Asset.of("static/meta.html", "<p>".getBytes(StandardCharsets.UTF_8))
            .meta("owner", "web-platform")
            .meta("build", "2026.11.24-1"),
        Asset.of("static/page.html", PAGE.body())
            .header("Content-Type", "text/html; charset=utf-8")
            .header("Content-Disposition", "inline")
            .header("Content-Language", "en")
            .header("Expires", "Wed, 01 Jan 2031 00:00:00 GMT")
            .header("storage-class", "STANDARD_IA"));
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
