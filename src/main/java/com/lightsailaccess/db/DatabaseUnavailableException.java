package com.lightsailaccess.db;

/** The database did not answer within the time a Slack acknowledgement allows. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("the database did not answer in time", cause);
    }
}
