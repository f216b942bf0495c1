package com.lightsailaccess.model;

/** A request was asked to move between two states that the state machine does not connect. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(long requestId, RequestState from, RequestState to) {
        super("request #" + requestId + " cannot go from " + from.word() + " to " + to.word());
    }
}
