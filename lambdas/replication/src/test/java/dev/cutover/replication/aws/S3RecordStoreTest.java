package dev.cutover.replication.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.testing.Payloads;
import dev.cutover.replication.testing.TestS3;
import dev.cutover.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The record store against S3Mock, an S3 server in process spoken to over HTTP. */
@ExtendWith(EmbeddedS3.class)
class S3RecordStoreTest {

  private static final Bucket REPORTS =
      new Bucket(Payloads.REPORT_BUCKET, "444455556666", "us-east-1", "arn:aws:iam::444455556666:role/cutover-target", "records");

  private static S3Client client;
  private static S3RecordStore records;

  @BeforeAll
  static void start() {
    client = TestS3.client(EmbeddedS3.endpoint());
    EmbeddedS3.bucket(Payloads.REPORT_BUCKET);
    records = new S3RecordStore(bucket -> client);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void a_key_never_written_reads_as_empty(TestInfo test) {
    assertThat(records.read(REPORTS, key(test))).isEmpty();
  }

  @Test
  void a_record_is_written_once_and_never_replaced(TestInfo test) {
    byte[] first = Payloads.bytes("/replication/other-teams.xml");
    byte[] second = "<ReplicationConfiguration/>".getBytes(StandardCharsets.UTF_8);

    boolean wroteFirst = records.createIfAbsent(REPORTS, key(test), first, Payloads.EXECUTION_ID);
    boolean wroteSecond = records.createIfAbsent(REPORTS, key(test), second, Payloads.EXECUTION_ID);

    assertThat(wroteFirst).isTrue();
    assertThat(wroteSecond).isFalse();
    assertThat(records.read(REPORTS, key(test))).hasValue(first);
  }

  @Test
  void an_empty_record_reads_back_empty_not_missing(TestInfo test) {
    records.createIfAbsent(REPORTS, key(test), new byte[0], Payloads.EXECUTION_ID);

    assertThat(records.read(REPORTS, key(test))).hasValue(new byte[0]);
  }

  @Test
  void a_record_names_the_execution_that_wrote_it(TestInfo test) {
    records.createIfAbsent(REPORTS, key(test), new byte[0], Payloads.EXECUTION_ID);

    assertThat(client.headObject(r -> r.bucket(REPORTS.name()).key(key(test))).metadata())
        .containsEntry(S3RecordStore.RECORDED_BY, Payloads.EXECUTION_ID);
  }

  private static String key(TestInfo test) {
    return "cutover/records-test/" + test.getTestMethod().orElseThrow().getName() + ".xml";
  }
}
