package dev.cutover.local.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP clients that reach names the laptop cannot resolve ({@code assets.example.com}, {@code
 * dxxxx.cloudfront.net}) the way a browser behind DNS would: the name is looked up in a local
 * resolver (the local zone, or "everything is the edge"), the connection goes to the address it
 * resolves to, and the request carries the name in its Host header. Implemented with
 * java.net.http's proxy support, so no restricted header has to be allowed: the request goes to
 * the resolved address in absolute form ({@code GET http://assets.example.com:PORT/app.js}),
 * which the edge routes by its Host like any other. Redirects are never followed.
 */
public final class Viewers {

  private Viewers() {}

  /** A client for which every name resolves to {@code edge}. */
  public static HttpClient toEdge(InetSocketAddress edge, Duration connectTimeout) {
    return client(name -> Optional.of(edge), connectTimeout);
  }

  /**
   * A client resolving names with {@code resolver}; a name it does not resolve is refused with an
   * IOException rather than looked up in the machine's DNS.
   */
  public static HttpClient client(Function<String, Optional<InetSocketAddress>> resolver, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(new ResolvingSelector(resolver))
        .build();
  }

  /** Sends each request to the address its host resolves to. */
  private static final class ResolvingSelector extends ProxySelector {
    private static final InetSocketAddress NOWHERE = new InetSocketAddress("127.0.0.1", 9);

    private final Function<String, Optional<InetSocketAddress>> resolver;

    ResolvingSelector(Function<String, Optional<InetSocketAddress>> resolver) {
      this.resolver = resolver;
    }

    @Override
    public List<Proxy> select(URI uri) {
      // A name that does not resolve goes to the discard port on loopback: the connection is
      // refused, as a browser's would fail, and the machine's DNS is never asked.
      InetSocketAddress to = resolver.apply(HostNames.canonical(uri.getHost())).orElse(NOWHERE);
      return List.of(new Proxy(Proxy.Type.HTTP, to));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
      // The caller sees the failure.
    }
  }
}
