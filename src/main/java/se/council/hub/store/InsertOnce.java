package se.council.hub.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an INSERT that may meet its unique key (a step done before, an input delivered twice) inside a
 * savepoint of the caller's transaction. PostgreSQL aborts the whole transaction at a failed statement
 * (SQL state 25P02 for everything after it); rolling back to the savepoint undoes only the insert, so the
 * caller's transaction goes on, as it does on H2.
 */
@Component
public class InsertOnce {

    private final TransactionTemplate savepoint;

    public InsertOnce(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs the insert in a savepoint of the current transaction.
     *
     * @return true when the row was inserted, false when it hit a unique key (the row is there already)
     * @throws IllegalTransactionStateException when there is no transaction: a savepoint needs one, and
     *         without it the insert would commit on its own
     */
    public boolean insert(Runnable insert) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("An insert within a savepoint needs the caller's transaction");
        }
        try {
            savepoint.executeWithoutResult(status -> insert.run());
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }
}
