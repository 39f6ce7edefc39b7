package org.rhizome.graph.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rhizome.graph.InputFormatException;

/**
 * Who may write through the server: users with passwords (HTTP Basic) and bearer tokens. Secrets are kept only as
 * SHA-256 hashes and compared in constant time.
 *
 * <p>User file format, one user per line ({@code #} starts a comment): {@code name:password} or
 * {@code name:sha256:<64 hex digits>} (the SHA-256 of the password, so the file need not hold it in clear). A token
 * file holds one token per line.
 */
public final class Credentials {
    private final Map<String, byte[]> users;
    private final List<byte[]> tokens;

    private Credentials(Map<String, byte[]> users, List<byte[]> tokens) {
        this.users = Map.copyOf(users);
        this.tokens = List.copyOf(tokens);
    }

    /** No credentials: nobody can write. */
    public static Credentials none() {
        return new Credentials(Map.of(), List.of());
    }

    /** True if no user and no token is configured. */
    public boolean isEmpty() {
        return users.isEmpty() && tokens.isEmpty();
    }

    /** The configured user names. */
    public Set<String> userNames() {
        return users.keySet();
    }

    /** These credentials plus a user with this password. */
    public Credentials withUser(String name, String password) {
        if (name.isEmpty() || name.contains(":")) {
            throw new IllegalArgumentException("user name must be non-empty and contain no ':', got '" + name + "'");
        }
        Map<String, byte[]> u = new HashMap<>(users);
        u.put(name, sha256(password));
        return new Credentials(u, tokens);
    }

    /** These credentials plus a bearer token. */
    public Credentials withToken(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        List<byte[]> t = new java.util.ArrayList<>(tokens);
        t.add(sha256(token));
        return new Credentials(users, t);
    }

    /**
     * Reads a user file (see the class comment).
     *
     * @throws InputFormatException naming the file and line of a malformed entry
     */
    public Credentials withUserFile(Path file) {
        List<String> lines = readLines(file);
        Map<String, byte[]> u = new HashMap<>(users);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new InputFormatException(file.toString(), i + 1, 1, "name:password or name:sha256:<hex>");
            }
            String name = line.substring(0, colon);
            String rest = line.substring(colon + 1);
            if (rest.startsWith("sha256:")) {
                String hex = rest.substring(7);
                if (!hex.matches("[0-9a-fA-F]{64}")) {
                    throw new InputFormatException(file.toString(), i + 1, colon + 9, "64 hexadecimal digits");
                }
                u.put(name, HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
            } else {
                u.put(name, sha256(rest));
            }
        }
        return new Credentials(u, tokens);
    }

    /** Reads a token file: one token per line, blank lines and {@code #} comments ignored. */
    public Credentials withTokenFile(Path file) {
        Credentials c = this;
        for (String line : readLines(file)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                c = c.withToken(t);
            }
        }
        return c;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), -1, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks an HTTP {@code Authorization} header value.
     *
     * @return the authenticated principal ({@code user name} or {@code "token"}), or empty if the header is missing,
     *         malformed or wrong
     */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String h = authorization.strip();
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            byte[] want = users.get(decoded.substring(0, colon));
            byte[] got = sha256(decoded.substring(colon + 1));
            // compare even for unknown users, so timing does not tell which names exist
            boolean ok = MessageDigest.isEqual(want != null ? want : new byte[32], got) && want != null;
            return ok ? Optional.of(decoded.substring(0, colon)) : Optional.empty();
        }
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] got = sha256(h.substring(7).strip());
            boolean ok = false;
            for (byte[] t : tokens) {
                ok |= MessageDigest.isEqual(t, got);
            }
            return ok ? Optional.of("token") : Optional.empty();
        }
        return Optional.empty();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
