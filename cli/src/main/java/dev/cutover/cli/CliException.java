package dev.cutover.cli;

/**
 * A command stopped with one line for the person: what went wrong and what to do. The code is a
 * stable word for {@code --output json} (e.g. {@code NO_CREDENTIALS}, {@code EXECUTION_NOT_FOUND}).
 */
public final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String code;

  public CliException(int exitCode, String code, String message) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
  }

  public int exitCode() {
    return exitCode;
  }

  public String code() {
    return code;
  }

  static CliException usage(String code, String message) {
    return new CliException(ExitCodes.USAGE, code, message);
  }
}
