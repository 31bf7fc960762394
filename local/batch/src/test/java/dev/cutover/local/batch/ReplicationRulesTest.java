package dev.cutover.local.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationRulesTest {

  static final String CONFIG =
      """
      <ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Role>arn:aws:iam::111122223333:role/replication</Role>
        <Rule><ID>analytics</ID><Priority>1</Priority><Status>Enabled</Status>
          <Filter><And><Prefix>static/</Prefix><Tag><Key>team</Key><Value>data</Value></Tag></And></Filter>
          <DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>
          <Destination><Bucket>arn:aws:s3:::analytics-copy</Bucket><StorageClass>STANDARD_IA</StorageClass></Destination></Rule>
        <Rule><ID>cutover-assets-to-platform-account</ID><Priority>7</Priority><Status>Enabled</Status>
          <Filter><Prefix>static/</Prefix></Filter>
          <DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>
          <Destination><Bucket>arn:aws:s3:::platform-web-assets</Bucket><Account>444455556666</Account>
            <AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation></Destination></Rule>
        <Rule><ID>old-low</ID><Priority>3</Priority><Status>Enabled</Status>
          <Filter><Prefix>static/</Prefix></Filter>
          <DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>
          <Destination><Bucket>arn:aws:s3:::platform-web-assets</Bucket></Destination></Rule>
        <Rule><ID>paused</ID><Priority>9</Priority><Status>Disabled</Status>
          <Filter><Prefix></Prefix></Filter>
          <Destination><Bucket>arn:aws:s3:::elsewhere</Bucket></Destination></Rule>
      </ReplicationConfiguration>
      """;

  @Test
  void picks_per_destination_the_highest_priority_enabled_rule_that_selects_the_key_and_tags() {
    ReplicationRules rules = ReplicationRules.parse(CONFIG.getBytes(StandardCharsets.UTF_8));

    assertThat(rules.applying("static/app.js", Map.of()))
        .extracting(ReplicationRules.Rule::id)
        .containsExactly("cutover-assets-to-platform-account");
    assertThat(rules.applying("static/app.js", Map.of("team", "data")))
        .extracting(ReplicationRules.Rule::id)
        .containsExactlyInAnyOrder("cutover-assets-to-platform-account", "analytics");
    assertThat(rules.applying("index.html", Map.of("team", "data"))).as("disabled rules select nothing").isEmpty();
  }

  @Test
  void reads_destination_account_storage_class_and_delete_marker_policy() {
    ReplicationRules rules = ReplicationRules.parse(CONFIG.getBytes(StandardCharsets.UTF_8));
    ReplicationRules.Rule cutover = rules.rules().get(1);
    ReplicationRules.Rule analytics = rules.rules().get(0);

    assertThat(cutover.destinationBucket()).isEqualTo("platform-web-assets");
    assertThat(cutover.destinationAccount()).isEqualTo("444455556666");
    assertThat(cutover.deleteMarkers()).isTrue();
    assertThat(rules.rules().get(2).deleteMarkers()).isFalse();
    assertThat(analytics.storageClass()).isEqualTo("STANDARD_IA");
    assertThat(analytics.deleteMarkers()).as("S3 never replicates delete markers for tag-filtered rules").isFalse();
  }

  @Test
  void a_v1_rule_selects_by_its_bare_prefix_and_replicates_deletes() {
    ReplicationRules rules = ReplicationRules.parse(
        ("<ReplicationConfiguration><Role>r</Role><Rule><ID>v1</ID><Prefix>img/</Prefix><Status>Enabled</Status>"
            + "<Destination><Bucket>arn:aws:s3:::copy</Bucket></Destination></Rule></ReplicationConfiguration>")
            .getBytes(StandardCharsets.UTF_8));

    assertThat(rules.applying("img/a.png", Map.of())).extracting(ReplicationRules.Rule::deleteMarkers).containsExactly(true);
    assertThat(rules.applying("css/a.css", Map.of())).isEmpty();
  }

  @Test
  void refuses_what_is_not_a_replication_configuration() {
    assertThatThrownBy(() -> ReplicationRules.parse("<LifecycleConfiguration/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LifecycleConfiguration");
  }
}
