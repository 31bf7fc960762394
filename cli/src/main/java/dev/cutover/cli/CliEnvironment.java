package dev.cutover.cli;

import dev.cutover.cli.local.LocalServer;
import dev.cutover.cli.local.Rehearsal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * What the commands read from outside their arguments: environment variables (the credential,
 * region, endpoint and {@code CUTOVER_*} settings), the clock, how to wait, whether stdout is a
 * terminal (colour only then), and the local runtime if one is on the class path. {@link
 * #system()} is the real one; tests pass their own, so nothing depends on the machine's variables.
 *
 * @param variables environment variables, e.g. {@code System.getenv()}
 * @param clock the time {@code watch} measures elapsed time and bake time left with
 * @param sleeper how {@code watch --follow} waits between polls
 * @param terminal stdout is an interactive terminal (and {@code NO_COLOR} is unset)
 * @param rehearsal the local runtime's rehearsal, when this build has one
 * @param localServer the local runtime's server, when this build has one
 */
public record CliEnvironment(
    Map<String, String> variables,
    Clock clock,
    Sleeper sleeper,
    boolean terminal,
    Supplier<Optional<Rehearsal>> rehearsal,
    Supplier<Optional<LocalServer>> localServer) {

  /** The process's environment; the local runtime found with {@link ServiceLoader}. */
  public static CliEnvironment system() {
    Map<String, String> env = System.getenv();
    boolean terminal = System.console() != null && System.console().isTerminal() && !env.containsKey("NO_COLOR");
    return new CliEnvironment(env, Clock.systemUTC(), Sleeper.SYSTEM, terminal,
        () -> ServiceLoader.load(Rehearsal.class).findFirst(),
        () -> ServiceLoader.load(LocalServer.class).findFirst());
  }

  /** A variable, if set and not blank. */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
