package dev.cutover.replication.testing;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.adobe.testing.s3mock.testsupport.common.S3MockStarter;
import java.net.URI;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One S3Mock for every test class of the module (it takes seconds to start), stopped when the
 * test run ends. Speaks the S3 wire protocol over HTTP on an ephemeral loopback port.
 */
public final class SharedS3Mock implements BeforeAllCallback {

  /** The report bucket of events/migrate.json, created at start. */
  public static final String REPORT_BUCKET = "platform-cutover-reports";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedS3Mock.class);

  private static volatile URI endpoint;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> start(), Running.class);
  }

  /** Where the running server listens, e.g. {@code http://127.0.0.1:34567}. */
  public static URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("register SharedS3Mock with @ExtendWith first");
    }
    return endpoint;
  }

  private static Running start() {
    // Spring Boot would reconfigure the JVM's Log4j2 (the step's JSON logging) for S3Mock.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    S3MockStarter server =
        S3MockExtension.builder()
            .silent()
            .withInitialBuckets(REPORT_BUCKET)
            .withProperty("server.address", "127.0.0.1")
            .withProperty("spring.main.sources", LoopbackHttpConnector.class.getName())
            .build();
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.getHttpPort());
    return new Running(server);
  }

  /**
   * Binds S3Mock's plain-HTTP connector to loopback: S3Mock 5.2.0 creates it as a bean without an
   * address (all interfaces), and {@code server.address} only reaches its HTTPS connector.
   */
  @Configuration(proxyBeanMethods = false)
  public static class LoopbackHttpConnector {

    @Bean
    static BeanPostProcessor loopbackConnectors() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) {
          if (bean instanceof Connector connector) {
            connector.setProperty("address", "127.0.0.1");
          }
          return bean;
        }
      };
    }
  }

  private record Running(S3MockStarter server) implements AutoCloseable {
    @Override
    public void close() {
      server.stop();
    }
  }
}
