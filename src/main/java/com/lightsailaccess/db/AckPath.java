package com.lightsailaccess.db;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method on Slack's acknowledgement path. Slack allows 3 s for the answer, so the method runs in a transaction of
 * its own in which each statement may take at most {@link AckPathInterceptor#STATEMENT_TIMEOUT_MS}; one that takes
 * longer is cancelled and the transaction rolls back. Then, as for any other failure, the method answers
 * "unavailable, nothing was stored": with its result's {@code Unavailable} kind when its result is a sealed type that
 * has one (an empty record of that name), else with a {@link DatabaseUnavailableException}.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface AckPath {

    /**
     * What the warning says when the method answers {@code Unavailable}: a {@link java.text.MessageFormat} pattern
     * over its arguments ({@code Deciding request #{0,number,#} failed}), followed by the failure's class. Empty: no
     * warning (the caller says what went wrong). A method without an {@code Unavailable} answer logs nothing here.
     */
    @Nonbinding
    String failure() default "";

    /** The database did not answer within the time a Slack acknowledgement allows. */
    class DatabaseUnavailableException extends RuntimeException {

        public DatabaseUnavailableException(Throwable cause) {
            super("the database did not answer in time", cause);
        }
    }
}
