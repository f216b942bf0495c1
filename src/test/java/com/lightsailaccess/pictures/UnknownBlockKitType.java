package com.lightsailaccess.pictures;

/**
 * A block, element or text type that {@link SlackPage} cannot draw. Thrown instead of drawing something wrong: a
 * picture that silently leaves a block out would drift from what people see.
 */
public class UnknownBlockKitType extends IllegalArgumentException {

    public UnknownBlockKitType(String what, String type, String where) {
        super("The pictures' renderer (" + SlackPage.class.getName() + ") does not know " + what + " \"" + type
                + "\" at " + where + "; teach it that type, then redraw the pictures (see the README, \"What people "
                + "see\")");
    }
}
