package org.memberbus.health;

/** Rounding and printing the way the model's comments and the hand-worked tests do it. */
final class Numbers {

    private static final double[] SCALES = {1, 10, 100, 1000, 10000};

    private Numbers() {}

    /**
     * Rounds half up to {@code decimals} places (0-4). The tiny nudge keeps an exact half that
     * binary floating point holds as ...4999999 rounding up, as it does by hand.
     */
    static double halfUp(double x, int decimals) {
        double scale = SCALES[decimals];
        return Math.floor(x * scale + 0.5 + 1e-9) / scale;
    }

    /** 2.0 as "2", 0.75 as "0.75": messages and evidence are read by people. */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
