package org.rhizome.cli;

import java.nio.file.Path;
import java.util.OptionalInt;

import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.graph.RhizomeException;

/** Saved models for the commands: reading a model file, and a dataset put into the ids of a model. */
final class ModelIds {
    private ModelIds() {}

    /** The model file {@code file}; a missing, truncated or foreign file is bad input, with the reader's reason. */
    static TrainedModel read(Path file) {
        try {
            return ModelFile.read(file);
        } catch (RhizomeException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
    }

    /**
     * {@code ds} with the model's entity and relation ids: every name of the dataset must be one the model knows.
     *
     * @param where the dataset's folder (named in errors with the split's file), or null for a store
     * @param model the model's file (named in errors)
     * @throws DatasetException naming the split, the triple and the unknown name
     */
    static KgDataset inModelIds(KgDataset ds, TrainedModel m, Path where, Path model) {
        return KgDataset.of(m.entities(), m.relations(), remap(ds, ds.train(), "train.txt", m, where, model),
                remap(ds, ds.valid(), "valid.txt", m, where, model), remap(ds, ds.test(), "test.txt", m, where, model));
    }

    private static TripleSet remap(KgDataset ds, TripleSet set, String file, TrainedModel m, Path where, Path model) {
        int[] h = new int[set.size()];
        int[] r = new int[set.size()];
        int[] t = new int[set.size()];
        String source = where == null ? "the store's " + file.replace(".txt", "") + " split" : where.resolve(file)
                .toString();
        for (int i = 0; i < set.size(); i++) {
            h[i] = id(m.entities(), ds.entities().name(set.head(i)), "entity", source, i, model);
            r[i] = id(m.relations(), ds.relations().name(set.relation(i)), "relation", source, i, model);
            t[i] = id(m.entities(), ds.entities().name(set.tail(i)), "entity", source, i, model);
        }
        return new TripleSet(h, r, t);
    }

    private static int id(IdMap names, String name, String what, String source, int triple, Path model) {
        OptionalInt id = names.find(name);
        if (id.isEmpty()) {
            throw new DatasetException(source, source + ": triple " + (triple + 1) + " names the " + what + " '"
                    + name + "', which the model " + model + " does not know (use a model trained on this dataset)",
                    null);
        }
        return id.getAsInt();
    }
}
