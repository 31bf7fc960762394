package dev.cutover.queries.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * A WireMock Athena on loopback speaking the AWS JSON 1.1 protocol: every call is a POST to
 * {@code /} named by {@code X-Amz-Target: AmazonAthena.<Operation>}, bodies shaped as the
 * "Response Syntax" sections of the Amazon Athena API Reference (timestamps as epoch seconds).
 */
final class AthenaStub {

  static final String JSON = "application/x-amz-json-1.1";

  private AthenaStub() {}

  static WireMockExtension extension() {
    return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
  }

  /** A client configured as AwsClients configures one, pointed at the stub. */
  static AthenaClient client(WireMockExtension stub) {
    return AthenaClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATARGET0000000000", "secret")))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .retryStrategy(RetryMode.STANDARD)
                .build())
        .endpointOverride(URI.create("http://127.0.0.1:" + stub.getPort()))
        .build();
  }

  /** A call to {@code operation}. */
  static MappingBuilder call(String operation) {
    return post("/").withHeader("X-Amz-Target", equalTo("AmazonAthena." + operation));
  }

  static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withHeader("x-amzn-RequestId", "5f3c0e6a-1b2c-4d5e-8f90-a1b2c3d4e5f6").withBody(body);
  }

  /** A JSON 1.1 error: {@code __type} names the exception. */
  static ResponseDefinitionBuilder error(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", JSON)
        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
  }

  /** StartQueryExecution's response. */
  static String started(String id) {
    return "{\"QueryExecutionId\":\"" + id + "\"}";
  }

  /**
   * GetQueryExecution's response.
   *
   * @param error the AthenaError object's JSON, or null
   */
  static String execution(String id, String state, String reason, String error, long scanned) {
    return """
        {
          "QueryExecution": {
            "EngineVersion": {"EffectiveEngineVersion": "Athena engine version 3", "SelectedEngineVersion": "AUTO"},
            "Query": "SELECT ...",
            "QueryExecutionContext": {"Catalog": "AwsDataCatalog", "Database": "cutover_inventories"},
            "QueryExecutionId": "%1$s",
            "ResultConfiguration": {"OutputLocation": "s3://platform-cutover-athena/results/%1$s.csv"},
            "StatementType": "DML",
            "Statistics": {
              "DataScannedInBytes": %5$d,
              "EngineExecutionTimeInMillis": 2113,
              "QueryPlanningTimeInMillis": 212,
              "QueryQueueTimeInMillis": 87,
              "ServiceProcessingTimeInMillis": 41,
              "TotalExecutionTimeInMillis": 2241
            },
            "Status": {
              %4$s
              "State": "%2$s",
              %3$s
              "SubmissionDateTime": 1795944600.123
            },
            "WorkGroup": "cutover"
          }
        }
        """.formatted(
            id,
            state,
            reason == null ? "" : "\"StateChangeReason\": \"" + reason + "\",",
            error == null ? "" : "\"AthenaError\": " + error + ",",
            scanned);
  }

  /** An AthenaError object. */
  static String athenaError(int category, int type, boolean retryable, String message) {
    return "{\"ErrorCategory\": %d, \"ErrorType\": %d, \"Retryable\": %s, \"ErrorMessage\": \"%s\"}"
        .formatted(category, type, retryable, message);
  }

  /**
   * GetQueryResults's response: varchar columns, rows of values (null for a Datum without a value).
   *
   * @param header whether the first row is the header row (the first page of a SELECT)
   */
  static String results(List<String> columns, List<List<String>> rows, boolean header, String nextToken) {
    String columnInfo =
        columns.stream()
            .map(c -> """
                {"CaseSensitive": true, "CatalogName": "hive", "Label": "%1$s", "Name": "%1$s", "Nullable": "UNKNOWN",
                 "Precision": 2147483647, "Scale": 0, "SchemaName": "", "TableName": "", "Type": "varchar"}""".formatted(c))
            .collect(Collectors.joining(","));
    StringBuilder data = new StringBuilder();
    if (header) {
      data.append(row(columns));
    }
    for (List<String> r : rows) {
      if (!data.isEmpty()) {
        data.append(',');
      }
      data.append(row(r));
    }
    return """
        {
          %s
          "ResultSet": {
            "ResultSetMetadata": {"ColumnInfo": [%s]},
            "Rows": [%s]
          },
          "UpdateCount": 0
        }
        """.formatted(nextToken == null ? "" : "\"NextToken\": \"" + nextToken + "\",", columnInfo, data);
  }

  /** GetWorkGroup's response for a workgroup with a per-query data usage limit. */
  static String workGroup(String name, long cutoff) {
    return """
        {
          "WorkGroup": {
            "Configuration": {
              "BytesScannedCutoffPerQuery": %2$d,
              "EnforceWorkGroupConfiguration": true,
              "EngineVersion": {"EffectiveEngineVersion": "Athena engine version 3", "SelectedEngineVersion": "AUTO"},
              "PublishCloudWatchMetricsEnabled": true,
              "RequesterPaysEnabled": false,
              "ResultConfiguration": {"OutputLocation": "s3://platform-cutover-athena/results/"}
            },
            "CreationTime": 1795000000.0,
            "Description": "cutover verification queries",
            "Name": "%1$s",
            "State": "ENABLED"
          }
        }
        """.formatted(name, cutoff);
  }

  private static String row(List<String> values) {
    return values.stream()
        .map(v -> v == null ? "{}" : "{\"VarCharValue\": \"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
        .collect(Collectors.joining(",", "{\"Data\": [", "]}"));
  }
}
