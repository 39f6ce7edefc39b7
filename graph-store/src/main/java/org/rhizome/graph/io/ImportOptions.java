package org.rhizome.graph.io;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.Source;

/**
 * How to import a file. Build with {@link #builder()}; defaults: format from the file name, a source of kind
 * {@code importFile} named after the file, literals up to {@value #DEFAULT_MAX_LITERAL} characters, no progress.
 *
 * @param format           a {@link Format} CLI name or extension, or empty to take it from the file name
 * @param source           the source to record the statements under, or empty for {@code importFile <file name>}
 * @param maxLiteralLength longest literal accepted (characters); a longer one fails the import
 * @param entityLabels     TSV only: {@code token<TAB>label[<TAB>description]} lines for entities
 * @param relationLabels   TSV only: {@code token<TAB>label} lines for relations
 * @param progress         receives bytes read
 */
public record ImportOptions(Optional<String> format, Optional<Source> source, long maxLiteralLength,
        Optional<Path> entityLabels, Optional<Path> relationLabels, ProgressListener progress) {

    /** Default literal size limit: 1 MiB of characters. */
    public static final long DEFAULT_MAX_LITERAL = 1L << 20;

    public ImportOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(entityLabels, "entityLabels");
        Objects.requireNonNull(relationLabels, "relationLabels");
        Objects.requireNonNull(progress, "progress");
        if (maxLiteralLength < 1) {
            throw new IllegalArgumentException("maxLiteralLength must be >= 1, got " + maxLiteralLength);
        }
    }

    /** Default options. */
    public static ImportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link ImportOptions}. */
    public static final class Builder {
        private String format;
        private Source source;
        private long maxLiteralLength = DEFAULT_MAX_LITERAL;
        private Path entityLabels;
        private Path relationLabels;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder format(Format format) {
            this.format = format.cliName();
            return this;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        public Builder maxLiteralLength(long max) {
            this.maxLiteralLength = max;
            return this;
        }

        public Builder entityLabels(Path file) {
            this.entityLabels = file;
            return this;
        }

        public Builder relationLabels(Path file) {
            this.relationLabels = file;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(Optional.ofNullable(format), Optional.ofNullable(source), maxLiteralLength,
                    Optional.ofNullable(entityLabels), Optional.ofNullable(relationLabels), progress);
        }
    }
}
