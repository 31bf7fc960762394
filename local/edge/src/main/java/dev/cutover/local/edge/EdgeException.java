package dev.cutover.local.edge;

/**
 * The local edge refused a control-plane call, as CloudFront refuses it: {@link #code()} is the
 * error code CloudFront's API answers with ({@code CNAMEAlreadyExists}, {@code PreconditionFailed},
 * {@code InvalidIfMatchVersion}, {@code NoSuchDistribution}, {@code NoSuchResource}, {@code
 * InvalidArgument}), so a port adapter maps it exactly as the AWS adapter maps the SDK's exception.
 * Nothing was changed.
 */
public final class EdgeException extends RuntimeException {

  public static final String CNAME_ALREADY_EXISTS = "CNAMEAlreadyExists";
  public static final String PRECONDITION_FAILED = "PreconditionFailed";
  public static final String INVALID_IF_MATCH_VERSION = "InvalidIfMatchVersion";
  public static final String NO_SUCH_DISTRIBUTION = "NoSuchDistribution";
  public static final String NO_SUCH_RESOURCE = "NoSuchResource";
  public static final String INVALID_ARGUMENT = "InvalidArgument";

  private final String code;

  public EdgeException(String code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  /** CloudFront's error code for this refusal. */
  public String code() {
    return code;
  }
}
