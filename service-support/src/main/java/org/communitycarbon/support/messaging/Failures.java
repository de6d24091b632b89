package org.communitycarbon.support.messaging;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that will pass — the database or Kafka unreachable, restarting, overloaded, a lock or
 * serialization conflict — from one that a record causes every time it is processed.
 */
public final class Failures {

    /**
     * SQLSTATE classes and codes of conditions that pass: connection exceptions (08), insufficient resources
     * (53), operator intervention such as an administrator shutting the server down (57), system errors (58),
     * serialization failure and deadlock (40001, 40P01), lock not available (55P03).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof RetriableException || cause instanceof DeadLetters.DeadLetterNotStoredException
                    || cause instanceof IOException || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && (TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, 2)) || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
