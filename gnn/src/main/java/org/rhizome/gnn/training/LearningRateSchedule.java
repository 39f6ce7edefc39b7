package org.rhizome.gnn.training;

import java.util.Locale;

/**
 * How the learning rate changes over a run: {@link #CONSTANT}; cut by a factor when the validation MRR stops
 * improving ({@link #plateau}: PyTorch's {@code ReduceLROnPlateau} in mode {@code max} with a relative threshold, no
 * cooldown and no floor, as LibKGE configures it with {@code train.lr_scheduler: ReduceLROnPlateau}); or cut by a
 * factor at fixed steps ({@link #decay}: the RotatE reference code's schedule). Written as {@code constant},
 * {@code plateau:FACTOR:PATIENCE:THRESHOLD} or {@code decay:FACTOR:AFTER:GROWTH[:restart]} ({@link #parse},
 * {@link #toString}), which is how {@link TrainingConfig#lrSchedule()} holds it.
 *
 * <p>At each validation check with MRR {@code m}: {@code m} is an improvement when {@code m > best * (1 + threshold)}
 * (the first check always is), which makes it the new best and clears the count of bad checks; otherwise the count
 * grows, and when it exceeds {@code patience} the rate is multiplied by {@code factor} and the count cleared
 * ({@link Plateau}). So with patience 5 the rate falls after the sixth check in a row without improvement.
 *
 * <p>A decay schedule multiplies the rate by {@code factor} after step {@code decayAfter}, then after
 * {@code round(decayAfter * growth)}, and so on, each cut's step {@code growth} times the last; with {@code restart}
 * the optimiser also starts afresh at each cut (zero moments and, for Adam, a new bias correction), as the RotatE
 * reference code does when it builds a new {@code torch.optim.Adam} there: its {@code train.py} divides the rate by
 * 10 at half the steps ({@code warm_up_steps}) and then at three times that, which is
 * {@code decay:0.1:STEPS/2:3:restart}. (Its check runs after the step of index {@code warm_up_steps}, counted from
 * 0, so its first cut comes one step later than this one's.) It needs no validation.
 *
 * @param factor     what the rate is multiplied by at a cut, in (0, 1); 1 for {@link #CONSTANT}
 * @param patience   plateau: bad checks tolerated before a cut; 0 otherwise
 * @param threshold  plateau: relative improvement a check must exceed to count as one; 0 otherwise
 * @param decayAfter decay: the step after which the rate is first cut ({@code > 0}); 0 otherwise
 * @param growth     decay: the ratio of a cut's step to the last's ({@code > 1}); 0 otherwise
 * @param restart    decay: whether the optimiser starts afresh at each cut; false otherwise
 */
public record LearningRateSchedule(double factor, int patience, double threshold, long decayAfter, double growth,
        boolean restart) {
    /** The rate stays as configured. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(1, 0, 0);

    public LearningRateSchedule {
        boolean constant = factor == 1 && patience == 0 && threshold == 0 && decayAfter == 0 && growth == 0
                && !restart;
        if (!constant && decayAfter == 0 && (!(factor > 0 && factor < 1) || patience < 0 || !(threshold >= 0)
                || Double.isInfinite(threshold) || growth != 0 || restart)) {
            throw new IllegalArgumentException("a plateau schedule needs a factor in (0, 1), patience >= 0 and a "
                    + "finite threshold >= 0, got factor " + factor + ", patience " + patience + ", threshold "
                    + threshold);
        }
        if (decayAfter != 0 && (decayAfter < 0 || !(factor > 0 && factor < 1) || !(growth > 1)
                || Double.isInfinite(growth) || patience != 0 || threshold != 0)) {
            throw new IllegalArgumentException("a decay schedule needs a factor in (0, 1), a first step >= 1 and a "
                    + "finite growth > 1, got factor " + factor + ", first step " + decayAfter + ", growth " + growth);
        }
    }

    /** A plateau schedule's or the constant one's components. */
    public LearningRateSchedule(double factor, int patience, double threshold) {
        this(factor, patience, threshold, 0, 0, false);
    }

    /**
     * Cut by {@code factor} after step {@code after}, then after each step {@code growth} times the last cut's
     * (rounded), with the optimiser started afresh at each cut when {@code restart}.
     */
    public static LearningRateSchedule decay(double factor, long after, double growth, boolean restart) {
        if (after < 1) {
            throw new IllegalArgumentException("a decay schedule's first cut comes after a step >= 1, got " + after);
        }
        return new LearningRateSchedule(factor, 0, 0, after, growth, restart);
    }

    /** Whether this schedule follows the validation MRR (and so needs validation checks). */
    public boolean isPlateau() {
        return !isConstant() && decayAfter == 0;
    }

    /** Whether this is a decay schedule ({@link #decay}). */
    public boolean isDecay() {
        return decayAfter > 0;
    }

    /** A decay schedule's cut after {@code cut}. */
    private long nextCut(long cut) {
        return Math.max(cut + 1, Math.round(cut * growth));
    }

    /** Whether a decay schedule cuts the rate after step {@code step} (false for the other kinds). */
    public boolean cutsAfter(long step) {
        if (!isDecay()) {
            return false;
        }
        long c = decayAfter;
        while (c < step) {
            c = nextCut(c);
        }
        return c == step;
    }

    /** The last step at or before {@code step} after which a decay schedule cut the rate, or 0 if none. */
    public long lastCutAtOrBefore(long step) {
        long last = 0;
        for (long c = decayAfter; isDecay() && c <= step; c = nextCut(c)) {
            last = c;
        }
        return last;
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
     * {@code constant}, {@code plateau:FACTOR:PATIENCE:THRESHOLD} ({@code plateau} alone: LibKGE's usual
     * {@code plateau:0.95:5:0.0001}) or {@code decay:FACTOR:AFTER:GROWTH[:restart]} (the RotatE reference's for a
     * run of 100,000 steps: {@code decay:0.1:50000:3:restart}).
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
        if ((p.length == 4 || p.length == 5 && p[4].equals("restart")) && p[0].equals("decay")) {
            try {
                return decay(Double.parseDouble(p[1]), Long.parseLong(p[2]), Double.parseDouble(p[3]),
                        p.length == 5);
            } catch (NumberFormatException e) {
                // the message below
            }
        }
        throw new IllegalArgumentException("a learning-rate schedule must be constant, plateau, "
                + "plateau:FACTOR:PATIENCE:THRESHOLD (plateau:0.95:5:0.0001, say) or "
                + "decay:FACTOR:AFTER:GROWTH[:restart] (decay:0.1:50000:3:restart, say), got '" + text + "'");
    }

    /** The text {@link #parse} reads back to this schedule. */
    @Override
    public String toString() {
        if (isDecay()) {
            return "decay:" + factor + ":" + decayAfter + ":" + growth + (restart ? ":restart" : "");
        }
        return isConstant() ? "constant" : "plateau:" + factor + ":" + patience + ":" + threshold;
    }

    /**
     * The state of a schedule during a run: the present rate and, for a plateau schedule, the best check and the bad
     * checks since.
     */
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

        /** Takes a validation check's MRR; returns whether the rate was cut (never but by a plateau schedule). */
        public boolean check(double mrr) {
            if (!schedule.isPlateau()) {
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

        /** After step {@code step}: returns whether a decay schedule cut the rate there. */
        public boolean afterStep(long step) {
            if (!schedule.cutsAfter(step)) {
                return false;
            }
            rate *= schedule.factor();
            return true;
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
