package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/** {@code --help} is complete: every command's help names every option and argument it takes, and the exit codes. */
class HelpTest {

  final CliEnvironment env = new CliEnvironment(Map.of(), java.time.Clock.systemUTC(), d -> {}, false, Optional::empty, Optional::empty);

  @Test
  void every_commands_help_lists_every_option_and_argument() {
    CommandLine root = Cutover.commandLine(env);
    assertThat(root.getSubcommands().keySet()).contains("start", "watch", "approve", "reject", "rollback", "report", "rehearse", "serve");
    for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      LocalWorld.Result r = LocalWorld.run(env, sub.getKey(), "--help");
      assertThat(r.exit()).as(sub.getKey()).isZero();
      for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
        assertThat(r.out()).as(sub.getKey() + " --help").contains(option.longestName());
        assertThat(option.description()).as(sub.getKey() + " " + option.longestName() + " has a description").isNotEmpty();
      }
      for (PositionalParamSpec p : sub.getValue().getCommandSpec().positionalParameters()) {
        assertThat(r.out()).as(sub.getKey() + " --help").contains(p.paramLabel());
      }
      assertThat(r.out()).as(sub.getKey() + " --help").contains("Exit status");
    }
  }

  @Test
  void the_top_help_lists_the_commands_the_global_options_and_the_exit_codes() {
    LocalWorld.Result r = LocalWorld.run(env, "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("start", "watch", "approve", "reject", "rollback", "report", "rehearse", "serve",
        "--endpoint-url", "--region", "--profile", "--state-machine", "--output", "CUTOVER_STATE_MACHINE_ARN", "CUTOVER_DECIDE_URL",
        "Exit status:", "  0  ", "  1  ", "  2  ", "  3  ");
  }

  @Test
  void cutover_alone_is_a_usage_error() {
    LocalWorld.Result r = LocalWorld.run(env);

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Name a command", "Usage: cutover");
  }
}
