package dev.cutover.errors;

/**
 * The world is not in the state the step needs: a bucket without versioning, a role that cannot
 * read, green without a wildcard alias and certificate covering the hostname, objects under the
 * AWS-managed {@code aws/s3} key. Fix the world, then start again.
 */
public final class PreconditionFailedException extends CutoverException {

  public PreconditionFailedException(String message) {
    super(message, null);
  }

  public PreconditionFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }
}
