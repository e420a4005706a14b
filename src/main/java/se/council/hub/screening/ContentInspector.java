package se.council.hub.screening;

/**
 * Decides, from the bytes alone, what a file is and whether the hub accepts it. The screener
 * runs it under a time limit; tests substitute it to exercise that limit.
 */
@FunctionalInterface
interface ContentInspector {

    /** May throw anything; the screener turns it into a refusal. */
    Verdict inspect(byte[] content) throws Exception;
}
