package pokin.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j 5.26 embedded with its Bolt connector on a loopback address, auth on.
 *
 * <p>Usage: {@code EmbeddedNeo4j --home DIR --port PORT [--host 127.0.0.1] [--pagecache 256m]}.
 * The password of the {@code neo4j} user is read from the environment variable
 * {@code POKIN_NEO4J_PASSWORD} (never from the command line, where {@code ps} would show it).
 * SIGTERM shuts the database down cleanly. Prints {@code READY bolt://HOST:PORT} once Bolt listens.
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            usage("missing value for " + args[args.length - 1]);
        }
        String home = require(opts, "home");
        String port = require(opts, "port");
        String host = opts.getOrDefault("host", "127.0.0.1");
        String pagecache = opts.getOrDefault("pagecache", "256m");
        String password = System.getenv("POKIN_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            usage("POKIN_NEO4J_PASSWORD must be set to at least 8 characters");
        }

        Path homeDir = Path.of(home).toAbsolutePath();
        Files.createDirectories(homeDir);

        int boltPort = Integer.parseInt(port);
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, boltPort))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            service.shutdown();
            System.out.println("STOPPED");
            stopped.countDown();
        }, "pokin-neo4j-shutdown"));

        GraphDatabaseService system = service.database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // The password was already set on an earlier start of this data folder.
            System.out.println("password unchanged: " + e.getMessage());
        }
        GraphDatabaseService db = service.database("neo4j");
        String version = db.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                Map.of(), r -> r.next().get("v").toString());
        System.out.println("READY bolt://" + host + ":" + port + " neo4j " + version);
        System.out.flush();
        stopped.await();
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            usage("--" + key + " is required");
        }
        return v;
    }

    private static void usage(String message) {
        System.err.println("EmbeddedNeo4j: " + message);
        System.err.println("usage: EmbeddedNeo4j --home DIR --port PORT [--host 127.0.0.1] [--pagecache 256m]");
        System.exit(2);
    }
}
