package dev.cutover.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.robothy.netty.initializer.HttpServerInitializer;
import com.robothy.s3.core.model.request.PutObjectOptions;
import com.robothy.s3.core.service.BucketService;
import com.robothy.s3.core.service.ObjectService;
import com.robothy.s3.rest.LocalS3;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The S3 server of the verify benchmark, in its own JVM so that neither tool under test shares a
 * heap, a JIT or a GC with it: local-s3 2.4 ({@code io.github.robothy:local-s3-rest}) in memory,
 * bound to 127.0.0.1 only, with the blue, green and report buckets of a {@link BenchDataset}.
 *
 * <pre>
 * BenchS3Server --objects N --ready FILE
 * </pre>
 *
 * <p>Why local-s3: it was the one candidate that lists fast at 100 000 objects and returns size
 * and an MD5 ETag in listings (bench/README.md has the measurements; S3Mock and s3proxy list in
 * time that grows with the bucket). Its in-memory mode is used because its persistence mode
 * writes in time that grows with the bucket too.
 *
 * <p>Two things are done beside its public API, both tied to the pinned 2.4:
 *
 * <ul>
 *   <li>{@code LocalS3.start()} binds every interface; the same pipeline is bound here to the
 *       loopback address instead (its private {@code createServiceFactory} is called
 *       reflectively; thread counts are its defaults: 1 acceptor, 2 I/O, 4 executor threads).
 *   <li>The buckets are seeded through local-s3's own {@code ObjectService.putObject}, the code
 *       its PutObject handler calls, without HTTP: 2 × 100 000 PUTs over HTTP take minutes. The
 *       service stores the bytes and computes the ETag (MD5) and size itself; the benchmark then
 *       checks over HTTP that listings and HEAD serve the sizes and MD5s it expects.
 * </ul>
 *
 * <p>When seeded it writes {@code {"endpoint": ..., "seedSeconds": ...}} to the ready file (its
 * first write: whoever waits for it reads a whole file) and serves until it is killed.
 */
public final class BenchS3Server {

  private BenchS3Server() {}

  public static void main(String[] args) throws Exception {
    int objects = 0;
    Path ready = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> objects = Integer.parseInt(args[++i]);
        case "--ready" -> ready = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (objects < 1 || ready == null) {
      System.err.println("usage: BenchS3Server --objects N --ready FILE");
      System.exit(2);
    }

    Running server = start();
    ServiceFactory services = server.services();
    int port = server.port();

    long start = System.nanoTime();
    seed(new BenchDataset(objects), services.getInstance(BucketService.class), services.getInstance(ObjectService.class));
    double seedSeconds = (System.nanoTime() - start) / 1e9;

    Map<String, Object> state = new LinkedHashMap<>();
    state.put("server", "local-s3 2.4 (io.github.robothy:local-s3-rest), in memory");
    state.put("endpoint", "http://127.0.0.1:" + port);
    state.put("objects", objects);
    state.put("seedSeconds", seedSeconds);
    state.put("seeding", "local-s3's ObjectService.putObject in process (no HTTP)");
    writeAtomically(ready, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(state));
    System.err.printf("BenchS3Server: %d objects per bucket seeded in %.1f s; serving on 127.0.0.1:%d%n", objects, seedSeconds, port);

    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "bench-s3-stop"));
    server.channel().closeFuture().sync();
  }

  /** A local-s3 server in memory, listening on 127.0.0.1. */
  record Running(Channel channel, int port, ServiceFactory services, List<EventExecutorGroup> groups) {

    void stop() {
      channel.close().syncUninterruptibly();
      groups.forEach(EventExecutorGroup::shutdownGracefully);
    }
  }

  /** Starts local-s3's pipeline on an ephemeral port of the loopback address. */
  static Running start() throws ReflectiveOperationException, InterruptedException {
    LocalS3 defaults = LocalS3.builder().build();
    Method factory = LocalS3.class.getDeclaredMethod("createServiceFactory");
    factory.setAccessible(true);
    ServiceFactory services = (ServiceFactory) factory.invoke(defaults);

    EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    // local-s3 uses the deprecated DefaultEventLoopGroup; the initializer only needs an executor group.
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
    return new Running(channel, port, services, List.of(acceptor, io, executor));
  }

  private static void seed(BenchDataset data, BucketService buckets, ObjectService objects) {
    buckets.createBucket(BenchDataset.BLUE);
    buckets.createBucket(BenchDataset.GREEN);
    buckets.createBucket(BenchDataset.REPORTS);
    for (int i = 0; i < data.objects(); i++) {
      String key = data.key(i);
      put(objects, BenchDataset.BLUE, key, data.contentType(key), data.blueBody(i));
      BenchDataset.Difference difference = data.difference(i);
      if (difference != BenchDataset.Difference.MISSING) {
        put(objects, BenchDataset.GREEN, key, data.contentType(key), data.greenBody(i));
      }
      if (difference == BenchDataset.Difference.EXTRA) {
        put(objects, BenchDataset.GREEN, data.extraKey(i), data.contentType(data.extraKey(i)), data.extraBody(i));
      }
    }
  }

  private static void put(ObjectService objects, String bucket, String key, String contentType, byte[] body) {
    objects.putObject(
        bucket,
        key,
        PutObjectOptions.builder()
            .contentType(contentType)
            .size(body.length)
            .content(new ByteArrayInputStream(body))
            .build());
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
