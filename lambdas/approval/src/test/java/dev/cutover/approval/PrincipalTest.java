package dev.cutover.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allow-list and "not the starter" rules, one case a row. */
class PrincipalTest {

  @ParameterizedTest(name = "{0} admits {1}: {2}")
  @CsvSource({
    // a role admits any session of it, whatever the role's path (sessions carry no path)
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:sts::444455556666:assumed-role/release-manager/carol, true",
    "arn:aws:iam::444455556666:role/ops/release-manager, arn:aws:sts::444455556666:assumed-role/release-manager/carol, true",
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:sts::444455556666:assumed-role/Release-Manager/carol, true",
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:sts::111122223333:assumed-role/release-manager/carol, false",
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:sts::444455556666:assumed-role/release-manager-2/carol, false",
    "arn:aws-cn:iam::444455556666:role/release-manager, arn:aws:sts::444455556666:assumed-role/release-manager/carol, false",
    // a session admits that session only
    "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, true",
    "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/bob@example.com, false",
    "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/Alice@example.com, false",
    // a user admits that user, not a session of a role of the same name
    "arn:aws:iam::444455556666:user/release/bob, arn:aws:iam::444455556666:user/release/bob, true",
    "arn:aws:iam::444455556666:user/bob, arn:aws:iam::444455556666:user/release/bob, true",
    "arn:aws:iam::444455556666:user/bob, arn:aws:sts::444455556666:assumed-role/bob/bob, false",
    // a role never admits a user, the root user, or a federated user
    "arn:aws:iam::444455556666:role/bob, arn:aws:iam::444455556666:user/bob, false",
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:iam::444455556666:root, false",
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:sts::444455556666:federated-user/release-manager, false",
    // a caller never arrives as a role ARN; if one did, it would not count as a session
    "arn:aws:iam::444455556666:role/release-manager, arn:aws:iam::444455556666:role/release-manager, false",
  })
  void allow_list_entries(String entry, String caller, boolean admitted) {
    assertThat(Principal.parse(entry).allows(Principal.parse(caller))).isEqualTo(admitted);
  }

  @ParameterizedTest(name = "{0} and {1} same person: {2}")
  @CsvSource({
    "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, true",
    // Identity Center sets the session name to the user: other name, other person
    "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com, arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admin_0123/bob@example.com, false",
    // any other role: whoever assumes it picks the session name, so one role is one person
    "arn:aws:sts::444455556666:assumed-role/release-manager/alice, arn:aws:sts::444455556666:assumed-role/release-manager/not-alice, true",
    "arn:aws:sts::444455556666:assumed-role/release-manager/alice, arn:aws:sts::444455556666:assumed-role/deployer/alice, false",
    "arn:aws:iam::444455556666:user/alice, arn:aws:iam::444455556666:user/ALICE, true",
    "arn:aws:iam::444455556666:user/alice, arn:aws:sts::444455556666:assumed-role/alice/alice, false",
    "arn:aws:iam::444455556666:user/alice, arn:aws:iam::111122223333:user/alice, false",
  })
  void same_person(String starter, String approver, boolean same) {
    assertThat(Principal.parse(starter).samePersonAs(Principal.parse(approver))).isEqualTo(same);
    assertThat(Principal.parse(approver).samePersonAs(Principal.parse(starter))).isEqualTo(same);
  }
}
