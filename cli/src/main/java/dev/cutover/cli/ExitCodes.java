package dev.cutover.cli;

/**
 * The exit status of every {@code cutover} command, the same for people and scripts; {@code
 * cutover --help} lists them.
 */
public final class ExitCodes {

  /** The command did what was asked; for {@code watch}, the run is going or went well. */
  public static final int OK = 0;
  /** The run failed, timed out, was stopped or rejected, its report is NOT READY, or a decision was refused. */
  public static final int RUN_FAILED = 1;
  /** Usage or input: an unknown option, a plan that does not validate, an execution that does not exist. */
  public static final int USAGE = 2;
  /** AWS or the endpoint: no credentials, access denied, endpoint unreachable, a service error; or no local runtime. */
  public static final int AWS = 3;

  private ExitCodes() {}

}
