package dev.cutover.verify.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy in front of an S3 server that answers every {@code n}th request with 503 SlowDown
 * (the S3 XML error body) and forwards the rest: S3 pushing back under load.
 */
public final class SlowDownProxy implements AutoCloseable {

  static final String SLOW_DOWN_BODY =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>\
      <RequestId>4442587FB7D0A2F9</RequestId>\
      <HostId>KIQF3lQd4UqpdaQhtWhTHFpXPAS3nXhq4ZQhTS0OzNPwp8k1xu2Av+fq5SNPmVS/hGfM9tSbZSc=</HostId></Error>""";

  private final WireMockServer server;
  private final EveryNth everyNth;

  public SlowDownProxy(URI target, int n) {
    this.everyNth = new EveryNth(n);
    this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(everyNth));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(target.toString())));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Requests answered 503 SlowDown so far. */
  public long slowDowns() {
    return everyNth.slowDowns.get();
  }

  /** Requests seen so far. */
  public long requests() {
    return everyNth.requests.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static final class EveryNth implements ResponseDefinitionTransformerV2 {

    private final int n;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong slowDowns = new AtomicLong();

    EveryNth(int n) {
      this.n = n;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      if (requests.incrementAndGet() % n != 0) {
        return serveEvent.getResponseDefinition();
      }
      slowDowns.incrementAndGet();
      return aResponse()
          .withStatus(503)
          .withHeader("Content-Type", "application/xml")
          .withHeader("x-amz-request-id", "4442587FB7D0A2F9")
          .withBody(SLOW_DOWN_BODY)
          .build();
    }

    @Override
    public String getName() {
      return "slow-down-every-nth";
    }
  }
}
