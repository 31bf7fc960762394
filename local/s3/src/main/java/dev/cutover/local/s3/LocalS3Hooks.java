package dev.cutover.local.s3;

import com.adobe.testing.s3mock.s3.store.BucketStore;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Added to S3Mock's Spring context by {@link LocalS3} (through {@code spring.main.sources}): the
 * {@link S3Filter} ahead of every other filter, and every Tomcat connector bound to 127.0.0.1
 * (S3Mock 5.2.0 creates its extra plain-HTTP connector with a port and no address, which would
 * listen on every interface). Public only because Spring instantiates it by name.
 */
@Configuration(proxyBeanMethods = false)
public class LocalS3Hooks {

  /** The property carrying the LocalS3 instance id, the key into {@link Hooks#REGISTRY}. */
  static final String INSTANCE_PROPERTY = "cutover.local-s3.instance";

  @Bean
  static BeanPostProcessor cutoverLoopbackConnector() {
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

  @Bean
  FilterRegistrationBean<S3Filter> cutoverS3Filter(Environment environment, ObjectProvider<BucketStore> buckets) {
    String id = environment.getRequiredProperty(INSTANCE_PROPERTY);
    Hooks hooks = Hooks.REGISTRY.get(id);
    if (hooks == null) {
      throw new IllegalStateException("no LocalS3 instance " + id + " is starting");
    }
    FilterRegistrationBean<S3Filter> registration = new FilterRegistrationBean<>(new S3Filter(hooks, buckets::getObject));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
