package se.council.hub.registry;

/** The council registry cannot be used; the message names the file and line of each problem. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }
}
