package dev.cutover.cli.local;

import dev.cutover.local.rehearsal.RehearsalRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code cutover rehearse} on the local runtime: {@link RehearsalRun} on this machine, with the
 * approval asked for on the terminal (the report's verdict and summary, then {@code approve} or
 * {@code reject}) unless {@code --auto-approve}.
 */
public final class LocalRehearsal implements Rehearsal {

  private final Supplier<BufferedReader> terminal;
  private final boolean interactive;

  /**
   * For ServiceLoader: answers are read from standard input when it is a terminal. When it is not
   * (a pipe, CI), nobody can answer, so the rehearsal approves as {@code --auto-approve} does and
   * says so, rather than wait for the approval to time out.
   */
  public LocalRehearsal() {
    this(() -> new BufferedReader(new InputStreamReader(System.in, Optional.ofNullable(System.console()).map(c -> c.charset()).orElse(Charset.defaultCharset()))),
        System.console() != null && System.console().isTerminal());
  }

  /** Answers are read from {@code terminal}; {@code interactive} false approves without asking. */
  public LocalRehearsal(Supplier<BufferedReader> terminal, boolean interactive) {
    this.terminal = terminal;
    this.interactive = interactive;
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the answer: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Fault> faults() {
    return Arrays.stream(dev.cutover.local.rehearsal.Fault.values()).map(f -> new Fault(f.option(), f.what() + "; " + f.ends())).toList();
  }

  @Override
  public Result run(Options options, PrintWriter progress) throws InterruptedException {
    boolean autoApprove = options.autoApprove();
    if (!autoApprove && !interactive) {
      progress.println("Standard input is not a terminal, so nobody can answer the approval prompt: the rehearsal approves as"
          + " --auto-approve does (pass --auto-approve to say so).");
      autoApprove = true;
    }
    RehearsalRun.Result r = RehearsalRun.run(
        RehearsalRun.Options.of(options.objects(), options.requestsPerSecond(), options.fault().map(dev.cutover.local.rehearsal.Fault::parse),
            autoApprove, options.reportDirectory()),
        progress, request -> ask(request, progress));
    return new Result(
        r.outcome(),
        r.asExpected(),
        r.summary().objectsMigrated(),
        r.summary().objectsVerified(),
        r.summary().servedBy().getOrDefault("blue", 0L),
        r.summary().servedBy().getOrDefault("green", 0L),
        r.unexpectedFailures().size(),
        r.cutoverTime(),
        r.rollbackTime(),
        r.reportDirectory());
  }

  /** Asks until the answer is approve or reject; end of input (Ctrl-D) rejects. */
  private RehearsalRun.Answer ask(RehearsalRun.ApprovalRequest request, PrintWriter out) {
    BufferedReader in = terminal.get();
    while (true) {
      out.print("Approve the cutover? Type approve or reject: ");
      out.flush();
      String line = readLine(in);
      if (line == null) {
        out.println();
        return RehearsalRun.Answer.reject("No answer at the rehearsal's prompt (end of input).");
      }
      switch (line.strip().toLowerCase(Locale.ROOT)) {
        case "approve", "a", "yes", "y" -> {
          return RehearsalRun.Answer.approve();
        }
        case "reject", "r", "no", "n" -> {
          out.print("Why? (the person who started the run reads this): ");
          out.flush();
          String reason = readLine(in);
          return RehearsalRun.Answer.reject(reason == null || reason.isBlank() ? "Rejected at the rehearsal's prompt." : reason.strip());
        }
        default -> out.println("Please type approve or reject.");
      }
    }
  }
}
