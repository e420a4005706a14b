package se.council.hub.bench;

/**
 * One benchmark that {@code bench/run NAME} can run: it measures the hub and a raw baseline of
 * the same work on the same local parts in the same run, and reports both.
 */
public interface Benchmark {

    /** The name given to {@code bench/run}, such as {@code intake-jms}. */
    String name();

    /** One line saying what is measured, shown when {@code bench/run} lists the benchmarks. */
    default String description() {
        return "";
    }

    /**
     * Runs both halves. Progress goes to standard output as it happens.
     *
     * @return the two figures, in the same unit
     * @throws UnsupportedOperationException when the hub half is not wired yet (after the raw
     *     figure has been printed)
     * @throws Exception when either half fails
     */
    Result run() throws Exception;

    /**
     * The two figures of one run, in the same unit: higher is better for rates (msg/s), lower is
     * better for times (seconds, the {@code pack} benchmark, whose target is a ratio below 1.0).
     *
     * @param hub what the hub achieved
     * @param raw what the raw parts alone achieved for the same work
     * @param unit the unit of both, such as {@code msg/s}
     * @param suffix appended to both figures in the result line ({@code "s"} for seconds), or empty
     */
    record Result(double hub, double raw, String unit, String suffix) {

        /** A result whose result line shows the figures without a suffix. */
        public Result(double hub, double raw, String unit) {
            this(hub, raw, unit, "");
        }

        /** hub / raw: 1.0 means the hub is as fast as the raw parts alone. */
        public double ratio() {
            return hub / raw;
        }
    }
}
