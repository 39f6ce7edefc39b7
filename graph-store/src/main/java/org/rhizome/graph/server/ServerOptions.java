package org.rhizome.graph.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.rhizome.graph.InputFormatException;

/**
 * How the SPARQL server runs. Immutable; {@link #defaults()} is safe to leave running: loopback only, read-only,
 * 10 s per query, at most 10,000 result rows, request bodies up to 1 MiB, no CORS.
 *
 * @param port            TCP port (0 picks a free one)
 * @param bind            address to listen on: {@code 127.0.0.1} (default), {@code localhost}, another address of
 *                        this machine, or {@code 0.0.0.0} for every interface
 * @param datasetPath     the dataset's path, {@code /rhizome} by default: SPARQL at {@code /rhizome/sparql}
 * @param allowUpdates    whether SPARQL Update and Graph Store writes are served (they always need credentials)
 * @param credentials     who may write
 * @param queryTimeout    wall-clock limit per query; a query over it is cancelled and answered 503
 * @param maxResultRows   largest SELECT result (rows) or CONSTRUCT/DESCRIBE result (triples) served; a larger
 *                        one is refused with an error
 * @param maxRequestBytes largest request body accepted (413 above)
 * @param corsOrigins     origins allowed by CORS; empty for no CORS headers at all
 */
public record ServerOptions(int port, String bind, String datasetPath, boolean allowUpdates, Credentials credentials,
        Duration queryTimeout, long maxResultRows, long maxRequestBytes, List<String> corsOrigins) {

    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (!datasetPath.matches("/[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("datasetPath must be '/' and one path segment, got '" + datasetPath
                    + "'");
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive, got " + queryTimeout);
        }
        if (maxResultRows < 1) {
            throw new IllegalArgumentException("maxResultRows must be >= 1, got " + maxResultRows);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be >= 1024, got " + maxRequestBytes);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (allowUpdates && credentials.isEmpty()) {
            throw new IllegalArgumentException("updates need credentials: give a user file or a token");
        }
    }

    /** The safe defaults (see the class comment) on port 3030. */
    public static ServerOptions defaults() {
        return new ServerOptions(3030, "127.0.0.1", "/rhizome", false, Credentials.none(), Duration.ofSeconds(10),
                10_000, 1 << 20, List.of());
    }

    /** True if the server listens on the loopback interface only. */
    public boolean loopbackOnly() {
        return bind.equals("127.0.0.1") || bind.equalsIgnoreCase("localhost") || bind.equals("::1");
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(p, bind, datasetPath, allowUpdates, credentials, queryTimeout, maxResultRows,
                maxRequestBytes, corsOrigins);
    }

    public ServerOptions withBind(String b) {
        return new ServerOptions(port, b, datasetPath, allowUpdates, credentials, queryTimeout, maxResultRows,
                maxRequestBytes, corsOrigins);
    }

    public ServerOptions withPath(String path) {
        return new ServerOptions(port, bind, path, allowUpdates, credentials, queryTimeout, maxResultRows,
                maxRequestBytes, corsOrigins);
    }

    public ServerOptions withUpdates(boolean on, Credentials c) {
        return new ServerOptions(port, bind, datasetPath, on, c, queryTimeout, maxResultRows, maxRequestBytes,
                corsOrigins);
    }

    public ServerOptions withQueryTimeout(Duration t) {
        return new ServerOptions(port, bind, datasetPath, allowUpdates, credentials, t, maxResultRows,
                maxRequestBytes, corsOrigins);
    }

    public ServerOptions withMaxResultRows(long n) {
        return new ServerOptions(port, bind, datasetPath, allowUpdates, credentials, queryTimeout, n, maxRequestBytes,
                corsOrigins);
    }

    public ServerOptions withMaxRequestBytes(long n) {
        return new ServerOptions(port, bind, datasetPath, allowUpdates, credentials, queryTimeout, maxResultRows, n,
                corsOrigins);
    }

    public ServerOptions withCorsOrigins(List<String> origins) {
        return new ServerOptions(port, bind, datasetPath, allowUpdates, credentials, queryTimeout, maxResultRows,
                maxRequestBytes, origins);
    }

    /**
     * Reads a configuration file (Java properties) over these options. Keys: {@code port}, {@code bind},
     * {@code dataset}, {@code updates} (true/false), {@code users} (user file), {@code tokens} (token file),
     * {@code timeout} (seconds), {@code max-results}, {@code max-body} (bytes), {@code cors} (comma-separated
     * origins). Relative file names are resolved against the configuration file's directory.
     *
     * @throws InputFormatException naming the file and key of a bad value
     */
    public ServerOptions withConfigFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), -1, -1, "cannot read: " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (!List.of("port", "bind", "dataset", "updates", "users", "tokens", "timeout", "max-results",
                    "max-body", "cors").contains(key)) {
                throw new InputFormatException(file.toString(), -1, -1, "unknown key '" + key + "'; expected port, "
                        + "bind, dataset, updates, users, tokens, timeout, max-results, max-body or cors");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            ServerOptions o = this;
            Credentials c = credentials;
            if (p.containsKey("users")) {
                c = c.withUserFile(dir.resolve(p.getProperty("users").strip()));
            }
            if (p.containsKey("tokens")) {
                c = c.withTokenFile(dir.resolve(p.getProperty("tokens").strip()));
            }
            boolean updates = p.containsKey("updates") ? parseBoolean(p.getProperty("updates")) : allowUpdates;
            o = new ServerOptions(
                    p.containsKey("port") ? Integer.parseInt(p.getProperty("port").strip()) : port,
                    p.getProperty("bind", bind).strip(),
                    p.getProperty("dataset", datasetPath).strip(),
                    updates, c,
                    p.containsKey("timeout") ? Duration.ofMillis(Math.round(1000 * Double.parseDouble(
                            p.getProperty("timeout").strip()))) : queryTimeout,
                    p.containsKey("max-results") ? Long.parseLong(p.getProperty("max-results").strip())
                            : maxResultRows,
                    p.containsKey("max-body") ? Long.parseLong(p.getProperty("max-body").strip()) : maxRequestBytes,
                    p.containsKey("cors") ? List.of(p.getProperty("cors").strip().split("\\s*,\\s*")) : corsOrigins);
            return o;
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(file.toString(), -1, -1, e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String s) {
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
                return true;
            case "false":
            case "no":
                return false;
            default:
                throw new IllegalArgumentException("updates must be true or false, got '" + s + "'");
        }
    }
}
