package org.rhizome.gnn.reader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;

/**
 * A generated graph where the answer to a query lies only along a two-edge path, for demos and examples of the
 * retrieve-and-read reader. Each group g has a student, an advisor, an institute, a friend and a friend's friend:
 * {@code student -advised_by-> advisor -works_at-> institute}, {@code student -friend_of-> friend -friend_of->
 * friend's friend}, and the composed fact {@code student -affiliated_with-> institute}. A share of the
 * {@code affiliated_with} facts (chosen with the seeded generator) is the test split; nothing but the path links a
 * held-out student to its institute, so a shallow embedding cannot find it and a reader of the path can.
 */
public final class TwoHopGroups {
    /** Relation names, in id order. */
    public static final List<String> RELATIONS = List.of("advised_by", "works_at", "affiliated_with", "friend_of");

    private TwoHopGroups() {}

    /**
     * @param groups  number of groups (5 entities each)
     * @param heldOut share of the {@code affiliated_with} facts moved to the test split, in [0, 1)
     */
    public static KgDataset generate(int groups, double heldOut, long seed) {
        if (groups < 1 || !(heldOut >= 0 && heldOut < 1)) {
            throw new IllegalArgumentException("need groups >= 1 and 0 <= heldOut < 1, got " + groups + ", "
                    + heldOut);
        }
        IdMap entities = new IdMap();
        IdMap relations = new IdMap();
        RELATIONS.forEach(relations::idOf);
        List<int[]> train = new ArrayList<>();
        List<int[]> composed = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int student = entities.idOf("student " + g);
            int advisor = entities.idOf("advisor " + g);
            int institute = entities.idOf("institute " + g);
            int friend = entities.idOf("friend " + g);
            int friendsFriend = entities.idOf("friend's friend " + g);
            train.add(new int[] {student, 0, advisor});
            train.add(new int[] {advisor, 1, institute});
            train.add(new int[] {student, 3, friend});
            train.add(new int[] {friend, 3, friendsFriend});
            composed.add(new int[] {student, 2, institute});
        }
        Collections.shuffle(composed, new Random(seed));
        int held = (int) Math.round(heldOut * groups);
        train.addAll(composed.subList(held, groups));
        return KgDataset.of(entities, relations, TripleSet.of(train), TripleSet.empty(),
                TripleSet.of(composed.subList(0, held)));
    }

}
