package org.innovationgraph.neo4j;

import java.nio.file.Path;

/** Command-line options of the launcher, validated once; every limit has a safe default for a 2-core dev box. */
record LauncherOptions(
    Path home,
    int port,
    Path pluginDir,
    long pageCacheMb,
    long txTimeoutSeconds,
    long txMemoryMb,
    long txMemoryTotalMb) {

  static final String USAGE =
      "usage: LocalNeo4j --home DIR [--port 7687] [--plugins DIR] [--page-cache-mb 256]"
          + " [--tx-timeout-s 60] [--tx-memory-mb 512] [--tx-memory-total-mb 2048]";

  static LauncherOptions parse(String[] args) {
    Path home = null;
    int port = 7687;
    Path plugins = Path.of("target", "plugins");
    long pageCache = 256;
    long txTimeout = 60;
    long txMemory = 512;
    long txMemoryTotal = 2048;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--home" -> home = Path.of(value);
        case "--port" -> port = (int) number(name, value, 1, 65535);
        case "--plugins" -> plugins = Path.of(value);
        case "--page-cache-mb" -> pageCache = number(name, value, 8, 1 << 20);
        case "--tx-timeout-s" -> txTimeout = number(name, value, 1, 86_400);
        case "--tx-memory-mb" -> txMemory = number(name, value, 16, 1 << 20);
        case "--tx-memory-total-mb" -> txMemoryTotal = number(name, value, 16, 1 << 20);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (home == null) {
      throw new IllegalArgumentException("--home is required");
    }
    if (txMemory > txMemoryTotal) {
      throw new IllegalArgumentException("--tx-memory-mb must not exceed --tx-memory-total-mb");
    }
    return new LauncherOptions(home, port, plugins, pageCache, txTimeout, txMemory, txMemoryTotal);
  }

  private static long number(String name, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }
}
