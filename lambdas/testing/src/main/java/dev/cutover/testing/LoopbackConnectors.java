package dev.cutover.testing;

import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Added to S3Mock's Spring context (through {@code spring.main.sources}) so its extra plain-HTTP
 * connector binds to loopback like the main one ({@code server.address}): S3Mock 5.2.0 creates that
 * connector as a bean with a port and no address, which would listen on every interface.
 */
@Configuration(proxyBeanMethods = false)
public class LoopbackConnectors {

  @Bean
  static BeanPostProcessor loopbackConnector() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Connector connector) {
          connector.setProperty("address", "127.0.0.1");
        }
        return bean;
      }
    };
  }
}
