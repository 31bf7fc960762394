package dev.cutover.local.s3;

import com.robothy.netty.initializer.HttpServerInitializer;
import com.robothy.s3.rest.handler.LocalS3RouterFactory;
import com.robothy.s3.rest.service.ServiceFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * How LocalS3's server was chosen: the rehearsal's S3 operations at its scale, on every viable
 * candidate in one run on one machine, with 8 client threads. Per candidate: PutObject of N
 * objects with the fields verify compares (Content-Type, Cache-Control, user metadata, tags, a
 * CRC32 checksum), HeadObject with checksum mode, GetObjectTagging, CopyObject of every object
 * into a second bucket (metadata and tagging directive COPY), then full listings of both buckets
 * (pages of 1000). Then, on one object and its copy, which fields came back.
 *
 * <pre>
 * S3ServerBench [OBJECTS]     (default 10000)
 * </pre>
 *
 * <p>Candidates: LocalS3 (S3Mock 5.2.0 with this module's in-memory BucketStore), s3proxy 4.1.0
 * transient, local-s3 2.4 in memory. Stock S3Mock is not re-run here: it cannot share a JVM with
 * the shadowed class, and VERSIONS.md has its figures (75 HEAD/s at 10 000 objects). A main class,
 * never a test: local/s3/README.md has the command and the results.
 */
public final class S3ServerBench {

  private static final int THREADS = 8;

  private S3ServerBench() {}

  private interface Candidate extends AutoCloseable {
    String name();

    S3Client client();

    @Override
    void close() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    System.out.printf(
        Locale.ROOT,
        "%-32s %7s %7s %7s %9s %7s %11s %8s  %s%n",
        "server", "start s", "put/s", "head/s", "tagging/s", "copy/s", "list keys/s", "total s", "fields lost (put → head, copy)");
    String only = args.length > 1 ? args[1] : "";
    for (String name : List.of("localS3", "s3proxy", "local-s3")) {
      if (!only.isEmpty() && !only.equals(name)) {
        continue;
      }
      long start = System.nanoTime();
      try (Candidate candidate =
          switch (name) {
            case "localS3" -> localS3();
            case "s3proxy" -> s3proxy();
            default -> robothy();
          }) {
        double startSeconds = (System.nanoTime() - start) / 1e9;
        run(candidate, objects, startSeconds);
      }
    }
  }

  private static void run(Candidate candidate, int objects, double startSeconds) throws Exception {
    S3Client s3 = candidate.client();
    s3.createBucket(r -> r.bucket("blue"));
    s3.createBucket(r -> r.bucket("green"));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger failures = new AtomicInteger();
    try {
      long all = System.nanoTime();
      double put =
          rate(pool, objects, failures, i ->
              s3.putObject(
                  r ->
                      r.bucket("blue")
                          .key(key(i))
                          .contentType("application/javascript")
                          .cacheControl("public, max-age=31536000, immutable")
                          .metadata(Map.of("origin", "blue"))
                          .tagging("team=web")
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                  RequestBody.fromBytes(body(i))));
      double head =
          rate(pool, objects, failures, i -> s3.headObject(r -> r.bucket("blue").key(key(i)).checksumMode(ChecksumMode.ENABLED)));
      double tagging = rate(pool, objects, failures, i -> s3.getObjectTagging(r -> r.bucket("blue").key(key(i))));
      double copy =
          rate(pool, objects, failures, i ->
              s3.copyObject(
                  r ->
                      r.sourceBucket("blue")
                          .sourceKey(key(i))
                          .destinationBucket("green")
                          .destinationKey(key(i))
                          .metadataDirective(MetadataDirective.COPY)
                          .taggingDirective(TaggingDirective.COPY)));
      long listStart = System.nanoTime();
      int listed = list(s3, "blue") + list(s3, "green");
      double list = listed / ((System.nanoTime() - listStart) / 1e9);
      double total = (System.nanoTime() - all) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%-32s %7.1f %,7d %,7d %,9d %,7d %,11d %8.1f  %s%s%n",
          candidate.name(),
          startSeconds,
          Math.round(put),
          Math.round(head),
          Math.round(tagging),
          Math.round(copy),
          Math.round(list),
          total,
          lost(s3),
          failures.get() == 0 && listed == 2 * objects ? "" : "  [" + failures.get() + " failed requests, " + listed + " keys listed]");
    } finally {
      pool.shutdownNow();
    }
  }

  private static String lost(S3Client s3) {
    List<String> lost = new ArrayList<>();
    for (String bucket : List.of("blue", "green")) {
      String side = bucket.equals("blue") ? "put" : "copy";
      try {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key(0)).checksumMode(ChecksumMode.ENABLED));
        if (!"public, max-age=31536000, immutable".equals(head.cacheControl())) {
          lost.add(side + ": Cache-Control");
        }
        if (!"blue".equals(head.metadata().get("origin"))) {
          lost.add(side + ": metadata");
        }
        if (head.checksumCRC32() == null) {
          lost.add(side + ": CRC32");
        }
      } catch (RuntimeException e) {
        lost.add(side + ": HEAD failed");
      }
      try {
        if (s3.getObjectTagging(r -> r.bucket(bucket).key(key(0))).tagSet().isEmpty()) {
          lost.add(side + ": tags");
        }
      } catch (RuntimeException e) {
        lost.add(side + ": tags (" + e.getClass().getSimpleName() + ")");
      }
    }
    return lost.isEmpty() ? "none" : String.join(", ", lost);
  }

  private static int list(S3Client s3, String bucket) {
    int count = 0;
    String token = null;
    do {
      String t = token;
      ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(1000).continuationToken(t));
      count += page.contents().size();
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return count;
  }

  private static double rate(ExecutorService pool, int objects, AtomicInteger failures, IntConsumer operation)
      throws Exception {
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>(objects);
    for (int i = 0; i < objects; i++) {
      int n = i;
      done.add(
          pool.submit(
              () -> {
                try {
                  operation.accept(n);
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    return objects / ((System.nanoTime() - start) / 1e9);
  }

  private static String key(int i) {
    return String.format(Locale.ROOT, "assets/%02d/app.%06d.js", i % 50, i);
  }

  private static byte[] body(int i) {
    return ("console.log(" + i + ");" + "x".repeat(i % 1000)).getBytes(StandardCharsets.UTF_8);
  }

  private static Candidate localS3() {
    LocalS3 server = LocalS3.start();
    S3Client client = server.clientBuilder().build();
    return new Candidate() {
      @Override
      public String name() {
        return "LocalS3 (S3Mock 5.2.0 + index)";
      }

      @Override
      public S3Client client() {
        return client;
      }

      @Override
      public void close() {
        client.close();
        server.close();
      }
    };
  }

  private static Candidate s3proxy() throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.NONE, null, null)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    // Without Expect: 100-continue: with it the JDK client fails PUTs to s3proxy on reused connections.
    S3Client client =
        LocalS3Clients.builder(URI.create("http://127.0.0.1:" + proxy.getPort()))
            .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()))
            .build();
    return new Candidate() {
      @Override
      public String name() {
        return "s3proxy 4.1.0 transient";
      }

      @Override
      public S3Client client() {
        return client;
      }

      @Override
      public void close() throws Exception {
        client.close();
        proxy.stop();
      }
    };
  }

  /** local-s3 in memory on 127.0.0.1, bound as bench/'s BenchS3Server binds it (its start() binds every interface). */
  private static Candidate robothy() throws Exception {
    com.robothy.s3.rest.LocalS3 defaults = com.robothy.s3.rest.LocalS3.builder().build();
    Method factory = com.robothy.s3.rest.LocalS3.class.getDeclaredMethod("createServiceFactory");
    factory.setAccessible(true);
    ServiceFactory services = (ServiceFactory) factory.invoke(defaults);
    EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    EventExecutorGroup executor = new DefaultEventExecutorGroup(4);
    Channel channel =
        new ServerBootstrap()
            .group(acceptor, io)
            .channel(NioServerSocketChannel.class)
            .childHandler(new HttpServerInitializer(executor, LocalS3RouterFactory.create(services)))
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
    int port = ((InetSocketAddress) channel.localAddress()).getPort();
    S3Client client = LocalS3Clients.builder(URI.create("http://127.0.0.1:" + port)).build();
    return new Candidate() {
      @Override
      public String name() {
        return "local-s3 2.4 in memory";
      }

      @Override
      public S3Client client() {
        return client;
      }

      @Override
      public void close() {
        client.close();
        channel.close().syncUninterruptibly();
        acceptor.shutdownGracefully();
        io.shutdownGracefully();
        executor.shutdownGracefully();
      }
    };
  }

  private static final class NoExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      return context.httpRequest().toBuilder().removeHeader("Expect").build();
    }
  }
}
