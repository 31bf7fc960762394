package dev.cutover.local.batch;

import static dev.cutover.local.batch.Fixtures.assertSameAsVerifySeesIt;
import static dev.cutover.local.batch.Fixtures.body;
import static dev.cutover.local.batch.Fixtures.bucket;
import static dev.cutover.local.batch.Fixtures.exists;
import static dev.cutover.local.batch.Fixtures.put;
import static dev.cutover.local.batch.Fixtures.putRich;
import static dev.cutover.local.batch.Fixtures.s3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testing.EmbeddedS3;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** Live replication of new writes while blue's replication rule is on. */
@ExtendWith(EmbeddedS3.class)
class LocalReplicationTest {

  final ReplicationConfigSource.InMemory configs = new ReplicationConfigSource.InMemory();
  final ReplicationStatuses statuses = new ReplicationStatuses();
  final Faults faults = new Faults();
  final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  final LocalReplication replication =
      new LocalReplication(s3(), configs, statuses, faults, executor, Duration.ZERO);

  @AfterEach
  void stop() {
    replication.close();
    executor.shutdownNow();
  }

  void idle() {
    Await.until("replication idle", () -> replication.pending() == 0);
  }

  @Test
  void new_writes_under_the_rule_are_copied_with_their_metadata_and_marked_completed() {
    String blue = bucket("rep-write-blue");
    String green = bucket("rep-write-green");
    String other = bucket("rep-write-analytics");
    configs.put(blue, Fixtures.replicationConfig(green, other, true));
    replication.watch(blue);

    putRich(blue, "static/app.js", "new build");
    replication.onWrite(blue, "static/app.js", null);
    put(blue, "logs/2026-11-24.log", "GET /");
    replication.onWrite(blue, "logs/2026-11-24.log", null);
    put(blue, "index.html", "<html>");
    replication.onWrite(blue, "index.html", null);
    idle();

    assertSameAsVerifySeesIt(blue, green, "static/app.js");
    assertThat(statuses.status(blue, "static/app.js")).isEqualTo(ReplicationStatus.COMPLETED);
    assertThat(statuses.status(green, "static/app.js")).isEqualTo(ReplicationStatus.REPLICA);
    assertThat(body(other, "logs/2026-11-24.log")).as("the other team's rule is honoured too").isEqualTo("GET /");
    assertThat(exists(green, "logs/2026-11-24.log")).isFalse();
    assertThat(exists(green, "index.html")).as("no rule selects it").isFalse();
    assertThat(statuses.status(blue, "index.html")).isEqualTo(ReplicationStatus.NONE);
  }

  @Test
  void deletes_add_a_delete_marker_on_green_only_when_the_rule_replicates_delete_markers() {
    String blue = bucket("rep-del-blue");
    String green = bucket("rep-del-green");
    configs.put(blue, Fixtures.replicationConfig(green, "rep-del-none", true));
    put(blue, "static/old.js", "old");
    replication.onWrite(blue, "static/old.js", null);
    put(blue, "static/kept.js", "kept");
    replication.onWrite(blue, "static/kept.js", null);
    idle();

    s3().deleteObject(r -> r.bucket(blue).key("static/old.js"));
    replication.onDelete(blue, "static/old.js", true);
    idle();
    configs.put(blue, Fixtures.replicationConfig(green, "rep-del-none", false));
    s3().deleteObject(r -> r.bucket(blue).key("static/kept.js"));
    replication.onDelete(blue, "static/kept.js", true);
    idle();

    assertThat(exists(green, "static/old.js")).isFalse();
    assertThat(s3().listObjectVersions(r -> r.bucket(green).prefix("static/old.js")).versions())
        .as("the object's version is still there, under a delete marker")
        .extracting(ObjectVersion::key).containsExactly("static/old.js");
    assertThat(s3().listObjectVersions(r -> r.bucket(green).prefix("static/old.js")).deleteMarkers()).hasSize(1);
    assertThat(body(green, "static/kept.js")).as("DeleteMarkerReplication Disabled").isEqualTo("kept");
  }

  @Test
  void a_removed_rule_stops_copying_and_a_restored_one_copies_what_is_written_from_then_on() {
    String blue = bucket("rep-rule-blue");
    String green = bucket("rep-rule-green");
    byte[] config = Fixtures.replicationConfig(green, "rep-rule-none", false);
    configs.put(blue, config);
    replication.watch(blue);
    configs.delete(blue);

    put(blue, "static/while-off.js", "off");
    replication.onWrite(blue, "static/while-off.js", null);
    assertThat(replication.reconcile(blue)).isZero();
    configs.put(blue, config);
    put(blue, "static/after.js", "after");
    replication.onWrite(blue, "static/after.js", null);
    idle();

    assertThat(exists(green, "static/while-off.js")).isFalse();
    assertThat(replication.reconcile(blue)).as("written while the rule was off: the backfill's job, not replication's").isZero();
    assertThat(statuses.status(blue, "static/while-off.js")).isEqualTo(ReplicationStatus.NONE);
    assertThat(body(green, "static/after.js")).isEqualTo("after");
  }

  @Test
  void reconcile_copies_writes_nobody_announced_and_objects_changed_since_they_were_copied() {
    String blue = bucket("rep-sync-blue");
    String green = bucket("rep-sync-green");
    put(blue, "static/before-rule.js", "before");
    configs.put(blue, Fixtures.replicationConfig(green, "rep-sync-none", false));
    replication.watch(blue);
    put(blue, "static/unannounced.js", "new");
    put(blue, "static/changed.js", "v1");
    replication.onWrite(blue, "static/changed.js", null);
    idle();
    put(blue, "static/changed.js", "v2");

    replication.start(Duration.ofMillis(20));
    Await.until("reconcile copied both", () -> exists(green, "static/unannounced.js") && body(green, "static/changed.js").equals("v2"));

    assertThat(statuses.status(blue, "static/unannounced.js")).isEqualTo(ReplicationStatus.COMPLETED);
    assertThat(exists(green, "static/before-rule.js")).as("existed before the rule").isFalse();
    assertThat(replication.copied()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_failing_key_is_marked_failed_and_throttling_is_retried() {
    String blue = bucket("rep-fault-blue");
    String green = bucket("rep-fault-green");
    configs.put(blue, Fixtures.replicationConfig(green, "rep-fault-none", false));
    faults.failKey(blue, "static/denied.js");
    faults.throttle(green, 0.5);

    put(blue, "static/denied.js", "no");
    replication.onWrite(blue, "static/denied.js", null);
    for (int i = 0; i < 4; i++) {
      put(blue, "static/" + i + ".js", "x");
      replication.onWrite(blue, "static/" + i + ".js", null);
    }
    idle();

    assertThat(statuses.status(blue, "static/denied.js")).isEqualTo(ReplicationStatus.FAILED);
    assertThat(statuses.keys(blue, ReplicationStatus.COMPLETED)).containsExactly("static/0.js", "static/1.js", "static/2.js", "static/3.js");
    assertThat(faults.throttledCalls()).isPositive();
  }
}
