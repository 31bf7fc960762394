package dev.cutover.logging;

import com.amazonaws.services.lambda.runtime.Context;
import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.CutoverException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs a handler's body the way every step must: with Powertools structured logging whose
 * correlation id is the Step Functions execution id, and with nothing but the error contract
 * escaping.
 *
 * <p>It uses Powertools' functional API rather than its {@code @Logging} aspect, which needs
 * AspectJ weaving and does not mix with SnapStart priming. The JSON layout and levels are in
 * {@code log4j2.xml}; the {@code service} field comes from {@code POWERTOOLS_SERVICE_NAME}.
 */
public final class StepLogging {

  /**
   * Where the execution id sits in every task payload (JMESPath): the state machine passes {@code
   * $states.context.Execution.Id} as {@code executionId}.
   */
  public static final String EXECUTION_ID_PATH = "executionId";

  private static final Logger LOG = LoggerFactory.getLogger(StepLogging.class);

  private StepLogging() {}

  /**
   * Runs {@code body} with the Lambda context and the payload's execution id in every log line.
   * Any exception leaving {@code body} is translated by {@link AwsErrors#translate(Throwable)},
   * logged once at ERROR with its error name, and thrown, so the state machine sees a name from
   * the contract.
   */
  public static <T> T handle(Context context, Object payload, Supplier<T> body) {
    return PowertoolsLogging.withLogging(
        context, EXECUTION_ID_PATH, payload, () -> translatingErrors(body));
  }

  private static <T> T translatingErrors(Supplier<T> body) {
    try {
      return body.get();
    } catch (Exception e) {
      CutoverException error = AwsErrors.translate(e);
      LOG.error("Step failed with {}: {}", error.errorName(), error.getMessage(), error);
      throw error;
    }
  }
}
