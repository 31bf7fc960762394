package dev.cutover.queries.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.QueryRun;
import dev.cutover.queries.port.ResultPage;
import dev.cutover.queries.port.Row;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.QueryTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;

/**
 * {@link Queries} on Amazon Athena: StartQueryExecution under the query's token, GetQueryExecution
 * at growing intervals until the query ends, GetQueryResults page by page.
 *
 * <ul>
 *   <li><b>Idempotent.</b> The {@code ClientRequestToken} is the query's token, so a retried step
 *       gets the query it started (running or finished) back instead of a second scan. Athena
 *       answers a reused token with different SQL or parameters with an error, which is right: a
 *       retry runs the same input.
 *   <li><b>Failures.</b> FAILED and CANCELLED become the error contract with Athena's {@code
 *       StateChangeReason} and {@code AthenaError}: a failure Athena marks {@code Retryable} starts
 *       the query again under the next attempt's token ({@link QueryTokens#attempt}), at most
 *       {@link Polling#maxAttempts()} queries, then a {@link TransientException}; anything else is
 *       a {@link PreconditionFailedException}.
 *   <li><b>Cost.</b> A workgroup's per-query data usage control cancels a query that scans more
 *       than its {@code BytesScannedCutoffPerQuery} with the reason "Bytes scanned limit was
 *       exceeded". That becomes a {@link PreconditionFailedException} naming the workgroup, its
 *       limit (read with GetWorkGroup) and how to raise it; it is not retried, since a retry would
 *       pay for the same scan again.
 *   <li><b>Waiting.</b> At most {@link Polling#maxWait()} per call; a query still running then is
 *       a {@link TransientException}, and the retried step resumes waiting for the same query.
 *   <li><b>Results.</b> The first row of a SELECT's first page is Athena's header row, not data:
 *       it is dropped. Values are Athena's text; a Datum without a value is SQL NULL.
 * </ul>
 */
public final class AthenaQueries implements Queries {

  private static final Logger LOG = LoggerFactory.getLogger(AthenaQueries.class);

  /** Athena's {@code StateChangeReason} when a workgroup's per-query data usage control cancels a query. */
  static final String BYTES_SCANNED_LIMIT = "bytes scanned limit";

  private final AthenaClient athena;
  private final AthenaTarget target;
  private final Polling polling;
  private final Sleeper sleeper;

  /** Waits between polls; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
  }

  public AthenaQueries(AthenaClient athena, AthenaTarget target) {
    this(athena, target, Polling.DEFAULT, Sleeper.REAL);
  }

  public AthenaQueries(AthenaClient athena, AthenaTarget target, Polling polling, Sleeper sleeper) {
    this.athena = Objects.requireNonNull(athena, "athena");
    this.target = Objects.requireNonNull(target, "target");
    this.polling = Objects.requireNonNull(polling, "polling");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** An Athena client configured like every other (shared HTTP client, timeouts, endpoint override). */
  public static AthenaClient client(AwsClients.Account account) {
    return account.build(AthenaClient.builder(), "Athena");
  }

  @Override
  public String run(Query query, Consumer<ResultPage> pages) {
    return execute(query, pages).queryId();
  }

  /** {@inheritDoc} The bytes scanned are the succeeded query's {@code Statistics.DataScannedInBytes}. */
  @Override
  public QueryRun execute(Query query, Consumer<ResultPage> pages) {
    for (int attempt = 1; ; attempt++) {
      String token = QueryTokens.attempt(query.idempotencyToken(), attempt);
      String id = start(query, token);
      QueryExecution execution = await(query, id);
      QueryExecutionState state = execution.status().state();
      if (state == QueryExecutionState.SUCCEEDED) {
        LOG.info(
            "Athena query {} ({}) succeeded: {} bytes scanned",
            query.name(), id, execution.statistics() == null ? null : execution.statistics().dataScannedInBytes());
        read(query, id, pages);
        return new QueryRun(id, execution.statistics() == null ? null : execution.statistics().dataScannedInBytes());
      }
      String reason = Optional.ofNullable(execution.status().stateChangeReason()).orElse("(Athena gave no reason)");
      if (reason.toLowerCase(Locale.ROOT).contains(BYTES_SCANNED_LIMIT)) {
        throw costLimit(query, id, execution, reason);
      }
      AthenaError error = execution.status().athenaError();
      if (state == QueryExecutionState.FAILED && error != null && Boolean.TRUE.equals(error.retryable())) {
        if (attempt < polling.maxAttempts()) {
          LOG.warn("Athena query {} ({}) failed with a retryable error, starting attempt {}: {}", query.name(), id, attempt + 1, reason);
          continue;
        }
        throw new TransientException(
            "Athena query " + query.name() + " failed " + attempt + " times with errors Athena marks"
                + " retryable; the last (" + id + "): " + reason + describe(error)
                + ". A retry of the step starts it again.");
      }
      if (state == QueryExecutionState.CANCELLED) {
        throw new PreconditionFailedException(
            "Athena query " + query.name() + " (" + id + ") in workgroup " + target.workGroup()
                + " was cancelled before it finished: " + reason + describe(error)
                + ". Nothing was changed; start the step again to run it anew.");
      }
      throw new PreconditionFailedException(
          "Athena query " + query.name() + " (" + id + ") failed in workgroup " + target.workGroup()
              + ", database " + target.database() + ": " + reason + describe(error)
              + ". Check that the tables it reads exist in that database with the columns the query expects.");
    }
  }

  private String start(Query query, String token) {
    StartQueryExecutionRequest.Builder request =
        StartQueryExecutionRequest.builder()
            .queryString(query.sql())
            .clientRequestToken(token)
            .workGroup(target.workGroup())
            .queryExecutionContext(c -> c.catalog(target.catalog()).database(target.database()));
    if (!query.parameters().isEmpty()) {
      // Athena refuses an empty list: parameters are sent only when the query has placeholders.
      request.executionParameters(query.parameters().stream().map(SqlValue::literal).toList());
    }
    if (target.outputLocation() != null) {
      request.resultConfiguration(r -> r.outputLocation(target.outputLocation()));
    }
    try {
      String id = athena.startQueryExecution(request.build()).queryExecutionId();
      LOG.info("Athena query {} is {} in workgroup {}", query.name(), id, target.workGroup());
      return id;
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, "StartQueryExecution");
    }
  }

  private QueryExecution await(Query query, String id) {
    Duration waited = Duration.ZERO;
    Duration wait = polling.firstInterval();
    while (true) {
      QueryExecution execution;
      try {
        execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
      } catch (RuntimeException e) {
        throw AwsErrors.translate(e, "GetQueryExecution");
      }
      QueryExecutionState state = execution.status() == null ? null : execution.status().state();
      if (state == QueryExecutionState.SUCCEEDED || state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
        return execution;
      }
      if (state != QueryExecutionState.QUEUED && state != QueryExecutionState.RUNNING) {
        throw new InternalErrorException("Athena query " + id + " is in a state this code does not know: " + state);
      }
      if (waited.compareTo(polling.maxWait()) >= 0) {
        throw new TransientException(
            "Athena query " + query.name() + " (" + id + ") is still " + state + " after " + waited.toSeconds()
                + " s of waiting; a retry of the step resumes waiting for the same query.");
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException("interrupted while waiting for Athena query " + id, e);
      }
      waited = waited.plus(wait);
      wait = polling.next(wait);
    }
  }

  private void read(Query query, String id, Consumer<ResultPage> pages) {
    String nextToken = null;
    boolean first = true;
    do {
      GetQueryResultsResponse response;
      String pageToken = nextToken;
      try {
        response =
            athena.getQueryResults(r -> r.queryExecutionId(id).maxResults(polling.pageSize()).nextToken(pageToken));
      } catch (RuntimeException e) {
        throw AwsErrors.translate(e, "GetQueryResults");
      }
      List<String> columns =
          response.resultSet().resultSetMetadata().columnInfo().stream().map(ColumnInfo::name).toList();
      List<Row> rows = new ArrayList<>();
      var data = response.resultSet().rows();
      // The first row of a SELECT's first page holds the column names, not data.
      for (int i = first ? 1 : 0; i < data.size(); i++) {
        List<String> values = new ArrayList<>();
        for (Datum datum : data.get(i).data()) {
          values.add(datum.varCharValue());
        }
        rows.add(new Row(columns, values));
      }
      pages.accept(new ResultPage(id, columns, rows));
      first = false;
      nextToken = response.nextToken();
    } while (nextToken != null);
  }

  private PreconditionFailedException costLimit(Query query, String id, QueryExecution execution, String reason) {
    String scanned =
        execution.statistics() == null || execution.statistics().dataScannedInBytes() == null
            ? ""
            : " after scanning " + execution.statistics().dataScannedInBytes() + " bytes";
    String limit;
    try {
      WorkGroupConfiguration configuration =
          athena.getWorkGroup(r -> r.workGroup(target.workGroup())).workGroup().configuration();
      Long cutoff = configuration == null ? null : configuration.bytesScannedCutoffPerQuery();
      limit =
          cutoff == null
              ? "its per-query data usage limit"
              : "its per-query data usage limit of " + cutoff + " bytes (" + human(cutoff) + ")";
    } catch (RuntimeException e) {
      // The limit is context for the message; the error stands without it.
      limit = "its per-query data usage limit (which could not be read: " + AwsErrors.translate(e, "GetWorkGroup").getMessage() + ")";
    }
    return new PreconditionFailedException(
        "Athena cancelled query " + query.name() + " (" + id + ")" + scanned + ": it would scan more than workgroup "
            + target.workGroup() + " allows, " + limit + ". Athena's reason: \"" + reason + "\". Nothing was changed."
            + " Raise the workgroup's BytesScannedCutoffPerQuery (Athena console: Workgroups, " + target.workGroup()
            + ", Edit, Per query data usage control; or aws athena update-work-group --work-group " + target.workGroup()
            + " --configuration-updates BytesScannedCutoffPerQuery=<bytes>), or name a workgroup with a higher limit,"
            + " then start the step again.");
  }

  private static String describe(AthenaError error) {
    if (error == null) {
      return "";
    }
    String category =
        switch (error.errorCategory() == null ? 0 : error.errorCategory()) {
          case 1 -> "SYSTEM";
          case 2 -> "USER";
          case 3 -> "OTHER";
          default -> String.valueOf(error.errorCategory());
        };
    return " (AthenaError category " + category + ", type " + error.errorType()
        + (error.errorMessage() == null ? "" : ": " + error.errorMessage()) + ")";
  }

  private static String human(long bytes) {
    double value = bytes;
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
