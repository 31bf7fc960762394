package dev.cutover.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.cutover.port.RecordLocation;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The record store against S3Mock, an S3 server in process spoken to over HTTP. The second test
 * is also the measurement the design asked for: S3Mock 5.2.0 honours {@code If-None-Match: *} on
 * PutObject (412 when the key exists), so the store relies on S3's conditional write rather than
 * a read-then-write.
 */
@ExtendWith(EmbeddedS3.class)
class S3RecordStoreTest {

  private static final String BUCKET = "cutover-records-test";

  private static S3RecordStore records;

  @BeforeAll
  static void start() {
    EmbeddedS3.bucket(BUCKET);
    records = new S3RecordStore(at -> EmbeddedS3.client());
  }

  @Test
  void a_record_never_written_reads_as_empty(TestInfo test) {
    assertThat(records.read(at(test))).isEmpty();
  }

  @Test
  void a_record_is_written_once_and_never_replaced(TestInfo test) {
    byte[] first = "{\"recordedBy\": \"first\"}".getBytes(StandardCharsets.UTF_8);
    byte[] second = "{\"recordedBy\": \"second\"}".getBytes(StandardCharsets.UTF_8);

    boolean wroteFirst = records.createIfAbsent(at(test), first, "arn:...:execution:cutover:first");
    boolean wroteSecond = records.createIfAbsent(at(test), second, "arn:...:execution:cutover:second");

    assertThat(wroteFirst).isTrue();
    assertThat(wroteSecond).isFalse();
    assertThat(records.read(at(test))).hasValue(first);
  }

  @Test
  void a_record_names_the_execution_that_wrote_it_and_is_json(TestInfo test) {
    records.createIfAbsent(at(test), "{}".getBytes(StandardCharsets.UTF_8), "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1");

    var head = EmbeddedS3.client().headObject(r -> r.bucket(BUCKET).key(at(test).key()));
    assertThat(head.metadata()).containsEntry(S3RecordStore.RECORDED_BY, "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1");
    assertThat(head.contentType()).isEqualTo("application/json");
  }

  @Test
  void a_missing_report_bucket_is_a_precondition_failure_naming_it() {
    RecordLocation nowhere = new RecordLocation("no-such-report-bucket", "cutover/mig/cutover/record.json", "us-east-1", "444455556666", null, "mig");

    assertThatThrownBy(() -> records.read(nowhere))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("s3://no-such-report-bucket/cutover/mig/cutover/record.json")
        .hasMessageContaining("NoSuchBucket");
  }

  private static RecordLocation at(TestInfo test) {
    return new RecordLocation(
        BUCKET, "cutover/" + test.getTestMethod().orElseThrow().getName() + "/cutover/record.json", "us-east-1", "444455556666", null, "mig");
  }
}
