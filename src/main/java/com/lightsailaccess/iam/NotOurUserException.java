package com.lightsailaccess.iam;

/** An IAM user of the wanted name exists but was not created by this bot for this person: never taken over. */
public class NotOurUserException extends RuntimeException {

    public NotOurUserException(String userName, String why) {
        super("IAM user " + userName + " exists and was not created by Lightsail Access for this person (" + why + ")");
    }
}
