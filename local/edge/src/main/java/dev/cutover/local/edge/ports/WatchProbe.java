package dev.cutover.local.edge.ports;

import dev.cutover.local.edge.Viewers;
import dev.cutover.watch.aws.HttpProbe;
import dev.cutover.watch.port.Probe;
import dev.cutover.watch.port.ProbeOutcome;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The watch's {@link Probe} on the laptop: a GET of {@code http://<public hostname>:<edge
 * port>/key} (what {@code WatchHandler.local}'s {@code hostAddress} should map the hostname to)
 * sent to the address the hostname resolves to — with the local zone's resolver, through the
 * record the cutover moved — and the hostname as Host, as a browser would. The request is the AWS
 * adapter's own ({@link HttpProbe} over a {@link Viewers} client); a name that does not resolve,
 * a refused connection or a timeout is a failed outcome.
 */
public final class WatchProbe implements Probe {

  private final Function<String, Optional<InetSocketAddress>> resolver;
  private final HttpProbe probe;

  public WatchProbe(Function<String, Optional<InetSocketAddress>> resolver, Duration requestTimeout) {
    this.resolver = resolver;
    this.probe = new HttpProbe(Viewers.client(resolver, Duration.ofSeconds(3)), requestTimeout, HttpProbe.MAX_BODY_BYTES);
  }

  @Override
  public ProbeOutcome get(URI url) {
    if (resolver.apply(url.getHost()).isEmpty()) {
      return ProbeOutcome.failed("UnknownHostException: " + url.getHost() + " does not resolve");
    }
    return probe.get(url);
  }
}
