package org.rhizome.agent.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Reads a document's text by its file name: {@code .txt}/{@code .text} (UTF-8), {@code .md}/{@code .markdown}
 * (UTF-8, kept as written: models read Markdown well), {@code .html}/{@code .htm} (jsoup: the visible text, one
 * paragraph per block element; scripts, styles and templates dropped) and {@code .pdf} (PDFBox's text stripper,
 * one paragraph per page at least). A file that is not what its name says, is not valid UTF-8, is encrypted or holds
 * no text is refused with a {@link DocumentException} naming the file and the problem.
 */
public final class DocumentLoader {
    private DocumentLoader() {}

    /** Reads {@code file}. */
    public static DocumentText load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DocumentException(file + ": no such file");
        }
        String name = file.toAbsolutePath().normalize().toString();
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DocumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        String sha = sha256(bytes);
        String format;
        String text;
        if (lower.endsWith(".txt") || lower.endsWith(".text")) {
            format = "text";
            text = utf8(file, bytes);
        } else if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            format = "markdown";
            text = utf8(file, bytes);
        } else if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            format = "html";
            text = html(utf8(file, bytes), name);
        } else if (lower.endsWith(".pdf")) {
            format = "pdf";
            text = pdf(file, bytes);
        } else {
            throw new DocumentException(file + ": unsupported document type; supported: .txt, .md, .html, .pdf");
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "");
        if (text.isBlank()) {
            throw new DocumentException(file + ": the document holds no text");
        }
        return new DocumentText(name, format, text, sha);
    }

    /**
     * The documents named by {@code paths}: files as given, folders walked for the supported types (sorted).
     *
     * @throws DocumentException if a folder cannot be listed
     */
    public static java.util.List<Path> expand(java.util.List<Path> paths) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (java.util.stream.Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                            .matches(".*\\.(txt|text|md|markdown|html|htm|pdf)")).sorted().forEach(out::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new DocumentException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static String utf8(Path file, byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new DocumentException(file + ": not valid UTF-8 text (" + e.getMessage() + ")", e);
        }
    }

    private static String html(String source, String baseUri) {
        Document doc = Jsoup.parse(source, baseUri);
        doc.select("script, style, noscript, template, svg, head").remove();
        StringBuilder b = new StringBuilder();
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof TextNode t) {
                    b.append(t.text());
                } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
                    b.append('\n');
                }
            }

            @Override
            public void tail(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    b.append('\n');
                }
            }
        });
        // one blank line between blocks, single spaces inside them
        StringBuilder out = new StringBuilder();
        for (String line : b.toString().split("\n")) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (!l.isEmpty()) {
                out.append(l).append("\n\n");
            }
        }
        return out.toString();
    }

    private static String pdf(Path file, byte[] bytes) {
        try (PDDocument d = Loader.loadPDF(bytes)) {
            if (d.isEncrypted()) {
                throw new DocumentException(file + ": the PDF is encrypted");
            }
            PDFTextStripper s = new PDFTextStripper();
            s.setParagraphEnd("\n\n");
            s.setPageEnd("\n\n");
            return s.getText(d);
        } catch (IOException e) {
            throw new DocumentException(file + ": not a readable PDF (" + e.getMessage() + ")", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
