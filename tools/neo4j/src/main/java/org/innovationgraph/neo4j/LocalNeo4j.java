package org.innovationgraph.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
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
 *
 * <p>Authentication is on: at the first start of a data folder the launcher makes a random password for the user
 * {@code neo4j}, keeps it in {@code <home>/password} (readable by its owner only) and sets it on the database; the
 * API, the CLIs, the tests and the benches read it from there. An existing folder without the file gets one at its
 * next start. APOC triggers are enabled (the change history of src/history/ is one).
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

    String password;
    try {
      password = passwordOf(options.home());
    } catch (IOException | RuntimeException e) {
      fail("cannot keep the database password in " + options.home().resolve(PASSWORD_FILE) + ": " + rootMessage(e));
      return;
    }
    // APOC 5 reads its settings from apoc.conf, environment variables and Java system properties (ApocConfig's
    // SystemConfiguration): the launcher owns them here rather than leave a conf file in the data folder.
    System.setProperty("apoc.trigger.enabled", "true");
    // How often APOC reloads the installed triggers from the system database (default 60 s): src/history/ installs
    // its trigger at migration time and waits until it is loaded.
    System.setProperty("apoc.trigger.refresh", "500");

    long started = System.nanoTime();
    DatabaseManagementService dbms;
    try {
      dbms = build(options);
    } catch (RuntimeException e) {
      fail("Neo4j did not start: " + rootMessage(e));
      return;
    }
    try {
      setPassword(dbms, password);
    } catch (RuntimeException e) {
      dbms.shutdown();
      fail("Neo4j started but its password could not be set: " + rootMessage(e));
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

  static final String PASSWORD_FILE = "password";

  /**
   * The data folder's password: read from {@code <home>/password}, or made (24 random bytes, base64url) and written
   * there with owner-only permissions when the file does not exist yet. The file is created with its permissions in
   * one step, so it is never readable by others, even for a moment.
   */
  private static String passwordOf(Path home) throws IOException {
    Files.createDirectories(home);
    Path file = home.resolve(PASSWORD_FILE);
    if (!Files.exists(file)) {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, made + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (FileAlreadyExistsException e) {
        // another start made it first: use that one
      }
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (password.length() < 8) {
      throw new IllegalStateException("the file holds no password; delete it and start again to make a new one");
    }
    return password;
  }

  /**
   * Sets the password of the user {@code neo4j} (the system database's default user, whose first password is
   * "neo4j" and must be changed). Embedded transactions run with full rights, so this needs no login. Setting the
   * password it already has is refused by Neo4j; that answer means it is already right.
   */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (RuntimeException e) {
      if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
        throw e;
      }
    }
  }

  private static DatabaseManagementService build(LauncherOptions o) {
    return new DatabaseManagementServiceBuilder(o.home())
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", o.port()))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(o.pageCacheMb()))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(o.txTimeoutSeconds()))
        // A session with a bookmark of a transaction not committed here waits for it: 2 x this in 5.26 (Fabric, then
        // the kernel), 30 s each by default. The API gives up after BOOKMARK_WAIT_MS (2 s) and answers 503, but the
        // connection stays taken until Neo4j gives up too; on one server a bookmark it issued is never ahead, so 1 s.
        .setConfig(GraphDatabaseSettings.bookmark_ready_timeout, Duration.ofSeconds(1))
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
