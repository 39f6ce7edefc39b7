package org.rhizome.gnn.training;

import java.util.Locale;

/**
 * How the learning rate changes over a run: {@link #CONSTANT}, or cut by a factor when the validation MRR stops
 * improving ({@link #plateau}: PyTorch's {@code ReduceLROnPlateau} in mode {@code max} with a relative threshold, no
 * cooldown and no floor, as LibKGE configures it with {@code train.lr_scheduler: ReduceLROnPlateau}). Written as
 * {@code constant} or {@code plateau:FACTOR:PATIENCE:THRESHOLD} ({@link #parse}, {@link #toString}), which is how
 * {@link TrainingConfig#lrSchedule()} holds it.
 *
 * <p>At each validation check with MRR {@code m}: {@code m} is an improvement when {@code m > best * (1 + threshold)}
 * (the first check always is), which makes it the new best and clears the count of bad checks; otherwise the count
 * grows, and when it exceeds {@code patience} the rate is multiplied by {@code factor} and the count cleared
 * ({@link Plateau}). So with patience 5 the rate falls after the sixth check in a row without improvement.
 *
 * @param factor    what the rate is multiplied by at a plateau, in (0, 1); 1 with patience 0 for {@link #CONSTANT}
 * @param patience  bad checks tolerated before a cut
 * @param threshold relative improvement a check must exceed to count as one
 */
public record LearningRateSchedule(double factor, int patience, double threshold) {
    /** The rate stays as configured. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(1, 0, 0);

    public LearningRateSchedule {
        boolean constant = factor == 1 && patience == 0 && threshold == 0;
        if (!constant && (!(factor > 0 && factor < 1) || patience < 0 || !(threshold >= 0)
                || Double.isInfinite(threshold))) {
            throw new IllegalArgumentException("a plateau schedule needs a factor in (0, 1), patience >= 0 and a "
                    + "finite threshold >= 0, got factor " + factor + ", patience " + patience + ", threshold "
                    + threshold);
        }
    }

    /**
     * Cut by {@code factor} after more than {@code patience} checks without a relative improvement of
     * {@code threshold}.
     */
    public static LearningRateSchedule plateau(double factor, int patience, double threshold) {
        LearningRateSchedule s = new LearningRateSchedule(factor, patience, threshold);
        if (s.isConstant()) {
            throw new IllegalArgumentException("a plateau schedule with factor 1 changes nothing: use constant");
        }
        return s;
    }

    public boolean isConstant() {
        return equals(CONSTANT);
    }

    /**
     * {@code constant} or {@code plateau:FACTOR:PATIENCE:THRESHOLD} ({@code plateau} alone: LibKGE's usual
     * {@code plateau:0.95:5:0.0001}).
     *
     * @throws IllegalArgumentException naming the text and the form expected
     */
    public static LearningRateSchedule parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("constant")) {
            return CONSTANT;
        }
        if (t.equals("plateau")) {
            return plateau(0.95, 5, 1e-4);
        }
        String[] p = t.split(":", -1);
        if (p.length == 4 && p[0].equals("plateau")) {
            try {
                return plateau(Double.parseDouble(p[1]), Integer.parseInt(p[2]), Double.parseDouble(p[3]));
            } catch (NumberFormatException e) {
                // the message below
            }
        }
        throw new IllegalArgumentException("a learning-rate schedule must be constant, plateau or "
                + "plateau:FACTOR:PATIENCE:THRESHOLD (plateau:0.95:5:0.0001, say), got '" + text + "'");
    }

    /** The text {@link #parse} reads back to this schedule. */
    @Override
    public String toString() {
        return isConstant() ? "constant" : "plateau:" + factor + ":" + patience + ":" + threshold;
    }

    /** The state of a plateau schedule during a run: the present rate, the best check and the bad checks since. */
    public static final class Plateau {
        private final LearningRateSchedule schedule;
        private double rate;
        private double best;
        private int bad;

        /** At the start of a run: {@code rate} as configured, no check yet. */
        public Plateau(LearningRateSchedule schedule, double rate) {
            this(schedule, rate, Double.NaN, 0);
        }

        /** Where a run left it ({@code best} NaN: no check yet). */
        public Plateau(LearningRateSchedule schedule, double rate, double best, int bad) {
            this.schedule = schedule;
            this.rate = rate;
            this.best = best;
            this.bad = bad;
        }

        /** Takes a validation check's MRR; returns whether the rate was cut. */
        public boolean check(double mrr) {
            if (schedule.isConstant()) {
                return false;
            }
            if (Double.isNaN(best) || mrr > best * (1 + schedule.threshold())) {
                best = mrr;
                bad = 0;
            } else {
                bad++;
            }
            if (bad > schedule.patience()) {
                rate *= schedule.factor();
                bad = 0;
                return true;
            }
            return false;
        }

        public double rate() {
            return rate;
        }

        public double best() {
            return best;
        }

        public int bad() {
            return bad;
        }
    }
}
