package dev.cutover.approval.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.approval.port.StarterLookup;
import dev.cutover.aws.AwsErrors;
import dev.cutover.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Who started an execution, from CloudTrail's event history: the {@code StartExecution} management
 * event whose {@code responseElements.executionArn} is the execution, and its {@code
 * userIdentity.arn}. AWS writes that record from the authenticated call; nothing the starter sent
 * can change it.
 *
 * <p>The lookup asks for {@code EventName = StartExecution} in a window around the execution's
 * start ({@value #WINDOW_MINUTES} minutes either side), or, when the start time is not known, over
 * the last {@value #LOOKBACK_DAYS} days (the longest approval wait plus a day), and reads at most
 * {@value #MAX_PAGES} pages of 50 events. Event history is per account and region: it runs in the
 * execution's region with this function's own credentials, so it finds executions of this
 * account. CloudTrail delivers an event within about 5 minutes (sometimes 15), so a decision
 * taken right after the start may find nothing yet; the answer says so. LookupEvents allows 2
 * calls a second per account and region; the SDK retries throttling.
 */
public final class CloudTrailStarterLookup implements StarterLookup {

  static final int WINDOW_MINUTES = 10;
  static final int LOOKBACK_DAYS = 8;
  static final int MAX_PAGES = 20;
  static final int PAGE_SIZE = 50;

  private final CloudTrailClient cloudTrail;
  private final String region;
  private final Clock clock;

  public CloudTrailStarterLookup(CloudTrailClient cloudTrail, String region, Clock clock) {
    this.cloudTrail = cloudTrail;
    this.region = region;
    this.clock = clock;
  }

  @Override
  public Starter find(String executionArn, Instant startedAround) {
    Instant from;
    Instant to;
    if (startedAround != null) {
      from = startedAround.minus(Duration.ofMinutes(WINDOW_MINUTES));
      to = startedAround.plus(Duration.ofMinutes(WINDOW_MINUTES));
    } else {
      to = clock.instant();
      from = to.minus(Duration.ofDays(LOOKBACK_DAYS));
    }
    String nextToken = null;
    int pages = 0;
    int seen = 0;
    do {
      String page = nextToken;
      LookupEventsResponse response = lookup(from, to, page);
      pages++;
      for (Event event : response.events()) {
        seen++;
        JsonNode record = parse(event.cloudTrailEvent());
        if (record == null || !executionArn.equals(record.path("responseElements").path("executionArn").asText(null))) {
          continue;
        }
        JsonNode identity = record.path("userIdentity");
        String arn = identity.path("arn").asText(null);
        if (arn == null || arn.isBlank()) {
          return new Unknown("CloudTrail records StartExecution of this execution (event " + event.eventId() + ") by a "
              + identity.path("type").asText("unknown") + " identity"
              + (identity.hasNonNull("invokedBy") ? " invoked by " + identity.path("invokedBy").asText() : "")
              + " without a principal ARN, so it cannot be compared with yours.");
        }
        return new Known(arn);
      }
      nextToken = response.nextToken();
    } while (nextToken != null && !nextToken.isEmpty() && pages < MAX_PAGES);
    boolean truncated = nextToken != null && !nextToken.isEmpty();
    return new Unknown("CloudTrail's event history in " + region + " has no StartExecution event for this execution between "
        + from + " and " + to + " (" + seen + " StartExecution events read" + (truncated ? ", more not read" : "") + ")."
        + " CloudTrail takes up to about 15 minutes to record an event: if the run started just now, try again in a few minutes."
        + " If it was started from another account, or CloudTrail is off, whoever started it cannot be confirmed here.");
  }

  private LookupEventsResponse lookup(Instant from, Instant to, String nextToken) {
    try {
      return cloudTrail.lookupEvents(b -> b
          .lookupAttributes(LookupAttribute.builder()
              .attributeKey(LookupAttributeKey.EVENT_NAME)
              .attributeValue("StartExecution")
              .build())
          .startTime(from)
          .endTime(to)
          .maxResults(PAGE_SIZE)
          .nextToken(nextToken));
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, "LookupEvents");
    }
  }

  private static JsonNode parse(String cloudTrailEvent) {
    if (cloudTrailEvent == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(cloudTrailEvent);
    } catch (IOException e) {
      return null;
    }
  }
}
