package dev.cutover.preflight.port;

/**
 * AWS refused a read preflight needed. The step reports it as a finding that names the role, the
 * resource and the permission to grant; it never leaves the step.
 */
public final class Refusal extends RuntimeException {

  /** Why the call was refused. */
  public enum Reason {
    /** HTTP 403 / AccessDenied: the role's policies (or the bucket's, or an SCP) do not allow it. */
    ACCESS_DENIED,
    /** The bucket does not exist. */
    NO_SUCH_BUCKET,
    /** The bucket is in another region than the plan says ({@link #actualRegion()} when known). */
    WRONG_REGION,
    /** STS refused to let cutover assume the side's role; no call as that role can succeed. */
    ROLE_NOT_ASSUMABLE
  }

  private final Reason reason;
  private final String operation;
  private final String permission;
  private final String actualRegion;

  /**
   * @param operation the API call, e.g. {@code GetBucketVersioning}
   * @param permission the IAM action it needs, e.g. {@code s3:GetBucketVersioning}
   * @param detail AWS's error code and message
   */
  public Refusal(Reason reason, String operation, String permission, String detail) {
    this(reason, operation, permission, detail, null);
  }

  public Refusal(Reason reason, String operation, String permission, String detail, String actualRegion) {
    super(operation + " refused (" + reason + "): " + detail, null, false, false);
    this.reason = reason;
    this.operation = operation;
    this.permission = permission;
    this.actualRegion = actualRegion;
  }

  public Reason reason() {
    return reason;
  }

  public String operation() {
    return operation;
  }

  public String permission() {
    return permission;
  }

  /** AWS's error code and message. */
  public String detail() {
    String message = getMessage();
    return message.substring(message.indexOf(": ") + 2);
  }

  /** For {@link Reason#WRONG_REGION}: the bucket's real region, or {@code null}. */
  public String actualRegion() {
    return actualRegion;
  }
}
