package dev.cutover.local.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;

/**
 * The endpoint as a process of its own, for {@link KillAndRestartTest}: real time, a state
 * directory, and one callback resource that appends each task token to a file. Prints
 * {@code PORT <n>} once it answers, then runs until killed.
 */
public final class EndpointProcess {

  static final String CALLBACK = "arn:aws:states:::sns:publish.waitForTaskToken";

  private EndpointProcess() {}

  public static void main(String[] args) throws Exception {
    Path stateDirectory = Path.of(args[0]);
    Path tokens = Path.of(args[1]);
    StepFunctionsEndpoint endpoint = new StepFunctionsEndpoint(0, Clock.systemUTC(), resource -> resource.equals(CALLBACK)
        ? Optional.of(invocation -> {
          try {
            Files.writeString(tokens, invocation.payload().get("token").asText() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return Fixture.json("{\"MessageId\":\"m\"}");
        })
        : Optional.empty(), StepFunctionsEndpoint.DEFAULT_REGION, StepFunctionsEndpoint.DEFAULT_ACCOUNT, stateDirectory).start();
    System.out.println("PORT " + endpoint.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
