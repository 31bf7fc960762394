package dev.cutover.logscan.support;

import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Added to S3Mock's Spring context so its extra plain-HTTP connector binds to loopback like the
 * main one ({@code server.address}); S3Mock builds that connector with a port and nothing else.
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
