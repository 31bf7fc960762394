package dev.cutover.approval;

import dev.cutover.plan.Arn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An IAM principal ARN in the forms the approval deals with, and the rules for comparing them.
 *
 * <ul>
 *   <li>{@code arn:aws:iam::ACCOUNT:user/PATH/NAME} — an IAM user;
 *   <li>{@code arn:aws:iam::ACCOUNT:role/PATH/NAME} — a role (allow-list entries only: a caller
 *       always arrives as a session of a role);
 *   <li>{@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION} — one session of a role. Note that
 *       this form has no path: {@code role/ops/deployer} arrives as {@code
 *       assumed-role/deployer/...}.
 * </ul>
 *
 * <p>Names compare case-insensitively (IAM keeps user and role names unique regardless of case, and
 * they are unique whatever their path, so the path is ignored); account, partition and session name
 * compare exactly. Anything else (the root user, federated users, malformed text) is {@link
 * Kind#OTHER} and only ever equals the same text.
 */
record Principal(Kind kind, String partition, String accountId, String name, String session, String text) {

  /** IAM Identity Center's roles; their session name is the signed-in user's name, set by AWS. */
  static final String IDENTITY_CENTER_ROLE_PREFIX = "AWSReservedSSO_";

  enum Kind {
    USER,
    ROLE,
    SESSION,
    OTHER
  }

  static Principal parse(String text) {
    Optional<Arn> parsed = text == null ? Optional.empty() : Arn.parse(text);
    if (parsed.isEmpty() || !parsed.get().region().isEmpty()) {
      return other(text);
    }
    Arn arn = parsed.get();
    List<String> parts = List.of(arn.resource().split("/", -1));
    if (parts.stream().anyMatch(String::isEmpty)) {
      return other(text);
    }
    if (arn.service().equals("iam") && parts.size() >= 2 && parts.getFirst().equals("user")) {
      return new Principal(Kind.USER, arn.partition(), arn.accountId(), parts.getLast(), null, text);
    }
    if (arn.service().equals("iam") && parts.size() >= 2 && parts.getFirst().equals("role")) {
      return new Principal(Kind.ROLE, arn.partition(), arn.accountId(), parts.getLast(), null, text);
    }
    if (arn.service().equals("sts") && parts.size() == 3 && parts.getFirst().equals("assumed-role")) {
      return new Principal(Kind.SESSION, arn.partition(), arn.accountId(), parts.get(1), parts.get(2), text);
    }
    return other(text);
  }

  private static Principal other(String text) {
    return new Principal(Kind.OTHER, null, null, null, null, text == null ? "" : text);
  }

  /**
   * Whether this allow-list entry lets {@code caller} decide: a user entry matches that user; a
   * role entry matches any session of that role; a session entry matches that session only.
   */
  boolean allows(Principal caller) {
    return switch (kind) {
      case USER -> caller.kind == Kind.USER && sameAccountAndName(caller);
      case ROLE -> caller.kind == Kind.SESSION && sameAccountAndName(caller);
      case SESSION -> caller.kind == Kind.SESSION && sameAccountAndName(caller) && session.equals(caller.session);
      case OTHER -> false;
    };
  }

  /**
   * Whether {@code other} is, as far as AWS lets us tell, the same person as this one (for
   * "approver must differ from starter"). Two sessions of an IAM Identity Center role are the same
   * person only if their session names (the user names Identity Center sets) are equal. Two
   * sessions of any other role count as the same person whatever their session names, because
   * whoever assumes a role chooses the session name.
   */
  boolean samePersonAs(Principal other) {
    if (kind != other.kind) {
      return false;
    }
    return switch (kind) {
      case USER, ROLE -> sameAccountAndName(other);
      case SESSION ->
          sameAccountAndName(other) && (!identityCenterRole() || session.equals(other.session));
      case OTHER -> text.equals(other.text);
    };
  }

  boolean identityCenterRole() {
    return kind == Kind.SESSION && name.startsWith(IDENTITY_CENTER_ROLE_PREFIX);
  }

  private boolean sameAccountAndName(Principal other) {
    return partition.equals(other.partition)
        && accountId.equals(other.accountId)
        && name.toLowerCase(Locale.ROOT).equals(other.name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return text;
  }
}
