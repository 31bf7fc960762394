package dev.cutover.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.aws.AwsClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

class LocalStsTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/cutover-source";
  private final LocalSts sts = LocalSts.start(Clock.systemUTC());

  @AfterEach
  void stop() {
    sts.close();
  }

  @Test
  void the_steps_client_factory_assumes_a_plans_role_through_it() {
    try (AwsClients clients =
        new AwsClients(
            Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_STS", sts.endpoint().toString()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5))) {
      AwsCredentials credentials = clients.forAccount(ROLE, "assets-to-platform-account", Region.US_EAST_1).credentials().resolveCredentials();

      assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
      assertThat(credentials.accessKeyId()).startsWith("ASIA");
      assertThat(((AwsSessionCredentials) credentials).sessionToken()).startsWith("local-session-");
    }
    assertThat(sts.assumptions()).containsExactly(new LocalSts.Assumption(ROLE, "cutover-assets-to-platform-account"));
  }

  @Test
  void a_role_arn_that_is_not_one_is_refused_as_sts_refuses_it() {
    try (StsClient client =
        StsClient.builder()
            .endpointOverride(URI.create(sts.endpoint().toString()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build()) {
      assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn("arn:aws:iam::1:user/alice").roleSessionName("s1")))
          .isInstanceOf(StsException.class)
          .hasMessageContaining("is not an IAM role ARN");
    }
    assertThat(sts.assumptions()).isEmpty();
  }
}
