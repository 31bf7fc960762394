package dev.cutover.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.replication.testing.Payloads;
import dev.cutover.replication.testing.Xml;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationConfigTest {

  private static final byte[] OTHER_TEAMS = Payloads.bytes("/replication/other-teams.xml");
  private static final CutoverRule RULE =
      new CutoverRule("cutover-assets", 8, "static/", "arn:aws:s3:::platform-web-assets", "444455556666", true, null);

  @Test
  void the_same_rules_rendered_differently_are_the_same() {
    Optional<ReplicationConfig> original = Optional.of(ReplicationConfig.parse(OTHER_TEAMS));
    Optional<ReplicationConfig> rendered = Optional.of(ReplicationConfig.parse(Xml.rerendered(OTHER_TEAMS)));

    assertThat(ReplicationConfig.sameRules(original, rendered)).isTrue();
  }

  @Test
  void a_changed_value_in_a_rule_is_not_the_same() {
    byte[] changed =
        new String(OTHER_TEAMS, StandardCharsets.UTF_8).replace("<Minutes>15</Minutes>", "<Minutes>16</Minutes>")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(
            ReplicationConfig.sameRules(
                Optional.of(ReplicationConfig.parse(OTHER_TEAMS)), Optional.of(ReplicationConfig.parse(changed))))
        .isFalse();
  }

  @Test
  void text_that_looks_like_structure_does_not_make_two_rules_the_same() {
    String a = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter><Prefix>a)[]</Prefix></Filter></Rule></ReplicationConfiguration>";
    String b = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter><Prefix>a</Prefix></Filter></Rule></ReplicationConfiguration>";

    assertThat(ReplicationConfig.sameRules(parsed(a), parsed(b))).isFalse();
  }

  @Test
  void an_empty_filter_is_the_same_as_a_filter_with_an_empty_prefix() {
    String a = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter/></Rule></ReplicationConfiguration>";
    String b = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter><Prefix></Prefix></Filter></Rule></ReplicationConfiguration>";
    String c = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter>\n  </Filter></Rule></ReplicationConfiguration>";

    assertThat(ReplicationConfig.sameRules(parsed(a), parsed(b))).isTrue();
    assertThat(ReplicationConfig.sameRules(parsed(a), parsed(c))).isTrue();
  }

  @Test
  void spaces_in_a_prefix_are_part_of_it() {
    String a = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter><Prefix> </Prefix></Filter></Rule></ReplicationConfiguration>";
    String b = "<ReplicationConfiguration><Role>r</Role><Rule><ID>x</ID><Filter><Prefix></Prefix></Filter></Rule></ReplicationConfiguration>";

    assertThat(ReplicationConfig.sameRules(parsed(a), parsed(b))).isFalse();
  }

  @Test
  void a_configuration_without_rules_is_the_same_as_none() {
    ReplicationConfig withOnlyOurs = ReplicationConfig.withRole("arn:aws:iam::111122223333:role/r").withRule(RULE);

    assertThat(ReplicationConfig.sameRules(Optional.of(withOnlyOurs.withoutRule(RULE.id())), Optional.empty())).isTrue();
    assertThat(ReplicationConfig.sameRules(Optional.of(withOnlyOurs), Optional.empty())).isFalse();
  }

  @Test
  void adding_a_rule_keeps_elements_of_other_rules_this_code_does_not_know() {
    String withFutureElement =
        new String(OTHER_TEAMS, StandardCharsets.UTF_8)
            .replace("<StorageClass>GLACIER</StorageClass>", "<StorageClass>GLACIER</StorageClass><FutureSetting>on</FutureSetting>");

    byte[] put = ReplicationConfig.parse(withFutureElement.getBytes(StandardCharsets.UTF_8)).withRule(RULE).toXml();

    assertThat(Xml.text(Xml.rule(Xml.parse(put), "analytics-to-archive"), "Destination/FutureSetting")).isEqualTo("on");
  }

  @Test
  void adding_a_rule_replaces_the_rule_with_its_id() {
    ReplicationConfig once = ReplicationConfig.parse(OTHER_TEAMS).withRule(RULE);
    CutoverRule changed = new CutoverRule(RULE.id(), 9, "", RULE.destinationBucketArn(), RULE.destinationAccount(), false, null);

    ReplicationConfig twice = once.withRule(changed);

    assertThat(twice.rules()).extracting(ReplicationConfig.Rule::id)
        .containsExactly("analytics-to-archive", "logs-to-security", RULE.id());
    assertThat(twice.hasRule(changed)).isTrue();
    assertThat(twice.hasRule(RULE)).isFalse();
  }

  @Test
  void a_document_type_declaration_is_refused() {
    byte[] entity =
        ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ReplicationConfiguration><Role>&x;</Role></ReplicationConfiguration>")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ReplicationConfig.parse(entity)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void another_root_element_is_refused() {
    assertThatThrownBy(() -> ReplicationConfig.parse("<VersioningConfiguration/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VersioningConfiguration");
  }

  private static Optional<ReplicationConfig> parsed(String xml) {
    return Optional.of(ReplicationConfig.parse(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
