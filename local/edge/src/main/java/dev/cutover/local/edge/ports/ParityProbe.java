package dev.cutover.local.edge.ports;

import dev.cutover.local.edge.Viewers;
import dev.cutover.parity.aws.HttpProbe;
import dev.cutover.parity.port.Probe;
import dev.cutover.parity.port.ProbeResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parity's {@link Probe} on the laptop: a GET of {@code http://<dxxxx.cloudfront.net>:<edge
 * port>/key} (what {@code ParityHandler.local}'s {@code edgeAddress} should map a domain name to,
 * e.g. {@link dev.cutover.local.edge.LocalEdge#urlFor}) sent to the address the name resolves to
 * with the name as Host, since {@code *.cloudfront.net} does not resolve locally. The request and
 * the answer are the AWS adapter's own ({@link HttpProbe} over a {@link Viewers} client), so the
 * body is hashed exactly as in AWS.
 */
public final class ParityProbe implements Probe {

  private final Function<String, Optional<InetSocketAddress>> resolver;
  private final HttpProbe probe;

  /**
   * @param resolver a name to the address it resolves to (every name to the edge, or the local zone's view)
   */
  public ParityProbe(Function<String, Optional<InetSocketAddress>> resolver, Duration requestTimeout, long maxBodyBytes) {
    this.resolver = resolver;
    this.probe = new HttpProbe(Viewers.client(resolver, Duration.ofSeconds(5)), requestTimeout, maxBodyBytes);
  }

  @Override
  public ProbeResponse get(URI url, Map<String, String> headers) {
    if (resolver.apply(url.getHost()).isEmpty()) {
      return ProbeResponse.failed("UnknownHostException: " + url.getHost() + " does not resolve");
    }
    return probe.get(url, headers);
  }
}
