package org.rhizome.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.StoreException;

/**
 * Opening, recognising and deleting store directories for the commands. A directory is taken for a Rhizome store
 * when it holds TDB2's {@code Data-NNNN} generation directories.
 */
final class Stores {
    private Stores() {}

    /** Opens (creating if needed) the store in {@code dir}. */
    static KnowledgeGraph open(Path dir) {
        return KnowledgeGraph.open(dir);
    }

    /**
     * Opens the store in {@code dir}, which must already be one: reading commands do not create empty stores.
     *
     * @throws StoreException when there is no store there
     */
    static KnowledgeGraph openExisting(Path dir) {
        if (!isStore(dir)) {
            throw new StoreException("no store at " + dir + " (create one with 'rhizome import --store " + dir
                    + " FILE', or try 'rhizome demo')");
        }
        return KnowledgeGraph.open(dir);
    }

    /** True when {@code dir} is a directory holding a TDB2 database. */
    static boolean isStore(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(p -> Files.isDirectory(p)
                    && p.getFileName().toString().matches("Data-\\d+"));
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code dir} is missing or an empty directory. */
    static boolean isMissingOrEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes {@code dir} and everything under it (symbolic links are removed, not followed). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
