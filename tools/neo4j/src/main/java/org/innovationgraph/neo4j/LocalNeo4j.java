package org.innovationgraph.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Starts a real Neo4j Community 5.26 embedded in this JVM, with Bolt on 127.0.0.1 and APOC core loaded from the
 * plugin directory, then waits until SIGTERM/SIGINT and shuts the database down cleanly.
 *
 * <p>The Node.js side (src/db/localNeo4j.ts) reads stdout: one line {@code NEO4J_READY <json>} when Bolt accepts
 * connections and APOC answers, or one line {@code NEO4J_FAILED <reason>} followed by exit code 1.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) {
    LauncherOptions options;
    try {
      options = LauncherOptions.parse(args);
    } catch (IllegalArgumentException e) {
      fail(e.getMessage() + "\n" + LauncherOptions.USAGE);
      return;
    }
    if (!portIsFree(options.port())) {
      fail(
          "port "
              + options.port()
              + " on 127.0.0.1 is already in use; stop what holds it or choose another with --port"
              + " (NEO4J_LOCAL_PORT)");
      return;
    }
    if (!Files.isDirectory(options.pluginDir())) {
      fail("APOC plugin directory " + options.pluginDir() + " is missing; run `npm run db:build` first");
      return;
    }

    long started = System.nanoTime();
    DatabaseManagementService dbms;
    try {
      dbms = build(options);
    } catch (RuntimeException e) {
      fail("Neo4j did not start: " + rootMessage(e));
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("NEO4J_STOPPING");
                  dbms.shutdown();
                  System.out.println("NEO4J_STOPPED");
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    try {
      GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      String version = db.executeTransactionally(
          "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
          Map.of(),
          r -> (String) r.next().get("v"));
      long apocFunctions = db.executeTransactionally(
          "SHOW FUNCTIONS YIELD name WHERE name IN ['apoc.util.validatePredicate', 'apoc.date.convertFormat'] "
              + "RETURN count(*) AS n",
          Map.of(),
          r -> (Long) r.next().get("n"));
      long apocProcedures = db.executeTransactionally(
          "SHOW PROCEDURES YIELD name WHERE name = 'apoc.util.validate' RETURN count(*) AS n",
          Map.of(),
          r -> (Long) r.next().get("n"));
      if (apocFunctions != 2 || apocProcedures != 1) {
        dbms.shutdown();
        fail("APOC core did not load from " + options.pluginDir() + " (see " + options.home() + "/logs/debug.log)");
        return;
      }
      long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
      System.out.printf(
          "NEO4J_READY {\"uri\":\"bolt://127.0.0.1:%d\",\"version\":\"%s\",\"pid\":%d,\"startMs\":%d,\"home\":\"%s\"}%n",
          options.port(),
          version,
          ProcessHandle.current().pid(),
          ms,
          options.home().toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""));
      System.out.flush();
    } catch (RuntimeException e) {
      dbms.shutdown();
      fail("Neo4j started but did not answer: " + rootMessage(e));
      return;
    }

    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static DatabaseManagementService build(LauncherOptions o) {
    return new DatabaseManagementServiceBuilder(o.home())
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", o.port()))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(o.pageCacheMb()))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(o.txTimeoutSeconds()))
        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(o.txMemoryTotalMb()))
        .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(o.txMemoryMb()))
        .setConfig(GraphDatabaseSettings.plugin_dir, o.pluginDir().toAbsolutePath())
        .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Bolt waits 5 s + 5 s for idle connections after the databases have already been checkpointed and
        // closed; a local dev database gains nothing from that wait, so stop takes ~1 s instead of ~11 s.
        .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
        .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
        .build();
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      sb.append(" <- ").append(t.getMessage());
    }
    return sb.toString();
  }

  private static void fail(String reason) {
    System.out.println("NEO4J_FAILED " + reason.replace('\n', ' '));
    System.out.flush();
    System.err.println(reason);
    System.exit(1);
  }
}
