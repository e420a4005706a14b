package se.council.hub.intake.queue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tripwire for Java deserialization: a harmless serializable class whose readObject raises a flag,
 * standing in for the gadget classes an attacker would put in a JMS ObjectMessage.
 */
final class Gadget implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** True once any Gadget has been deserialized in this JVM. */
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    private final String note;

    Gadget(String note) {
        this.note = note;
    }

    String note() {
        return note;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        DESERIALIZED.set(true);
        in.defaultReadObject();
    }
}
