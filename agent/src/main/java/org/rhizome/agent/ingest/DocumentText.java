package org.rhizome.agent.ingest;

import java.util.Objects;

/**
 * A document's text, as extracted for ingestion.
 *
 * @param name   the document's identity: its normalised absolute path
 * @param format the format it was read as ({@code text}, {@code markdown}, {@code html}, {@code pdf})
 * @param text   its text (paragraphs separated by blank lines)
 * @param sha256 SHA-256 (hex) of the file's bytes: an unchanged file is not ingested again
 */
public record DocumentText(String name, String format, String text, String sha256) {
    public DocumentText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }
}
