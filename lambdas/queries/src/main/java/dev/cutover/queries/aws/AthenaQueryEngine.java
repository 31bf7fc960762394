package dev.cutover.queries.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.QueryEngine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * {@link QueryEngine} on Athena in green's account and region, as green's role: one client per
 * role, session and region for the container's life.
 */
public final class AthenaQueryEngine implements QueryEngine {

  private final AwsClients clients;
  private final Map<String, AthenaClient> athena = new ConcurrentHashMap<>();

  public AthenaQueryEngine(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public Queries queries(Plan plan, AthenaTarget target) {
    Side green = plan.target();
    String key = green.roleArn() + "\n" + plan.migrationId() + "\n" + green.region();
    AthenaClient client =
        athena.computeIfAbsent(
            key, k -> AthenaQueries.client(clients.forAccount(green.roleArn(), plan.migrationId(), Region.of(green.region()))));
    return new AthenaQueries(client, target);
  }
}
