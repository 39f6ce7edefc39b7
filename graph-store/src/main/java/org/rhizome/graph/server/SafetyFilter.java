package org.rhizome.graph.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.sparql.modify.request.UpdateLoad;

/**
 * The first filter of every request to the server, where Rhizome's safety rules live:
 *
 * <ul>
 *   <li>request bodies are read into memory up to the size limit; a larger body is refused with 413 before anything
 *       else reads it (the content is then served to Fuseki from memory, forms included);</li>
 *   <li>writes (SPARQL Update, Graph Store Protocol PUT/POST/DELETE/PATCH, uploads) are refused with 403 on a
 *       read-only server, and otherwise need credentials: 401 (with {@code WWW-Authenticate}) without them, 403 with
 *       wrong ones;</li>
 *   <li>{@code LOAD} of anything but an {@code http:} or {@code https:} IRI is refused with 403, so no update reads a
 *       server-side file;</li>
 *   <li>CORS headers only for configured origins (none by default).</li>
 * </ul>
 * Every refusal is a short plain-text message saying what was wrong.
 */
final class SafetyFilter implements Filter {
    private final ServerOptions options;
    private final ServerStats stats;
    private final Runnable afterWrite;

    /**
     * @param afterWrite run after a write request was answered with a 2xx status (the store changed around the
     *                   KnowledgeGraph API, so its listeners must hear of it)
     */
    SafetyFilter(ServerOptions options, ServerStats stats, Runnable afterWrite) {
        this.options = options;
        this.stats = stats;
        this.afterWrite = afterWrite;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        stats.request();
        if (!options.corsOrigins().isEmpty() && cors(request, response)) {
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > options.maxRequestBytes()) {
            refuse(response, 413, "request body of " + declared + " bytes is over this server's limit of "
                    + options.maxRequestBytes() + " bytes");
            return;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        byte[] body = null;
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
            body = readCapped(request.getInputStream(), options.maxRequestBytes());
            if (body == null) {
                refuse(response, 413, "request body is over this server's limit of " + options.maxRequestBytes()
                        + " bytes");
                return;
            }
        }
        BufferedRequest buffered = body == null ? null : new BufferedRequest(request, body);
        HttpServletRequest r = buffered != null ? buffered : request;
        if (isWrite(r, method)) {
            if (!options.allowUpdates()) {
                stats.refused();
                refuse(response, 403, "this SPARQL endpoint is read-only (start it with updates enabled and "
                        + "credentials to write)");
                return;
            }
            String auth = request.getHeader("Authorization");
            if (auth == null) {
                stats.deniedWrite();
                response.setHeader("WWW-Authenticate", "Basic realm=\"rhizome\", Bearer realm=\"rhizome\"");
                refuse(response, 401, "writes need credentials (HTTP Basic or a bearer token)");
                return;
            }
            if (options.credentials().authenticate(auth).isEmpty()) {
                stats.deniedWrite();
                refuse(response, 403, "wrong credentials");
                return;
            }
            Optional<String> load = forbiddenLoad(r);
            if (load.isPresent()) {
                stats.refused();
                refuse(response, 403, "LOAD <" + load.get() + "> refused: this server loads only http: and "
                        + "https: IRIs and reads no local file");
                return;
            }
            stats.update();
            chain.doFilter(r, response);
            if (response.getStatus() / 100 == 2) {
                afterWrite.run();
            }
            return;
        }
        chain.doFilter(r, response);
    }

    /** True for requests that change the store. */
    private boolean isWrite(HttpServletRequest r, String method) {
        String path = r.getRequestURI().substring(r.getContextPath().length());
        String ds = options.datasetPath();
        if (!path.equals(ds) && !path.startsWith(ds + "/")) {
            return false;
        }
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        if (!method.equals("POST")) {
            return true; // PUT, DELETE, PATCH
        }
        String ct = Optional.ofNullable(r.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/sparql-query")) {
            return false;
        }
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            return r.getParameter("query") == null;
        }
        return true; // sparql-update, RDF uploads, anything else
    }

    /** The IRI of a LOAD that is not http(s), if the request is an update containing one. */
    private static Optional<String> forbiddenLoad(HttpServletRequest r) {
        String ct = Optional.ofNullable(r.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        String text = null;
        if (ct.startsWith("application/sparql-update")) {
            try {
                text = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                ((BufferedRequest) r).rewind();
            } catch (IOException | ClassCastException e) {
                return Optional.empty();
            }
        } else if (ct.startsWith("application/x-www-form-urlencoded")) {
            text = r.getParameter("update");
        }
        if (text == null) {
            return Optional.empty();
        }
        UpdateRequest ur;
        try {
            ur = UpdateFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            return Optional.empty(); // Fuseki answers the parse error itself
        }
        for (Update u : ur.getOperations()) {
            if (u instanceof UpdateLoad load) {
                String src = load.getSource();
                String lower = src.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                    return Optional.of(src);
                }
            }
        }
        return Optional.empty();
    }

    /** Applies CORS for configured origins; returns true if the request (a preflight) was answered. */
    private boolean cors(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        boolean any = options.corsOrigins().contains("*");
        if (!any && !options.corsOrigins().contains(origin)) {
            return false;
        }
        response.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
        response.setHeader("Vary", "Origin");
        if (request.getMethod().equalsIgnoreCase("OPTIONS")
                && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS"
                    + (options.allowUpdates() ? ", PUT, DELETE, PATCH" : ""));
            response.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization");
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(204);
            return true;
        }
        return false;
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        if (status == 413) {
            stats.refused();
        }
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(message);
    }

    /** Reads at most {@code max} bytes; null if there were more. */
    private static byte[] readCapped(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** A request whose body was read into memory: served again from there, form parameters parsed from it. */
    static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private ByteArrayInputStream in;
        private Map<String, String[]> params;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.in = new ByteArrayInputStream(body);
        }

        void rewind() {
            in = new ByteArrayInputStream(body);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream src = in;
            return new ServletInputStream() {
                @Override
                public int read() {
                    return src.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return src.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return src.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("asynchronous reads are not supported");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = Optional.ofNullable(getCharacterEncoding()).orElse("UTF-8");
            return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(enc)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        private Map<String, String[]> params() {
            if (params == null) {
                Map<String, List<String>> m = new LinkedHashMap<>();
                addAll(m, getQueryString());
                String ct = Optional.ofNullable(getContentType()).orElse("").toLowerCase(Locale.ROOT);
                if (ct.startsWith("application/x-www-form-urlencoded")) {
                    addAll(m, new String(body, StandardCharsets.ISO_8859_1));
                }
                Map<String, String[]> p = new LinkedHashMap<>();
                m.forEach((k, v) -> p.put(k, v.toArray(new String[0])));
                params = p;
            }
            return params;
        }

        private static void addAll(Map<String, List<String>> m, String encoded) {
            if (encoded == null || encoded.isEmpty()) {
                return;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
            }
        }

        @Override
        public String getParameter(String name) {
            String[] v = params().get(name);
            return v == null || v.length == 0 ? null : v[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(params());
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(params().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return params().get(name);
        }
    }
}
