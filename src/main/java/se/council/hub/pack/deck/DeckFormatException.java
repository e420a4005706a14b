package se.council.hub.pack.deck;

/** A source file that cannot be merged, with a message a secretariat can read ("slide 3 refers to a missing part"). */
final class DeckFormatException extends Exception {

    DeckFormatException(String message) {
        super(message);
    }

    DeckFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
