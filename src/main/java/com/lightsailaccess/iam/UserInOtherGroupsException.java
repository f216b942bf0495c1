package com.lightsailaccess.iam;

import java.util.List;

/**
 * Deleting this user would mean taking it out of groups the bot may not change (an admin put it there): nothing
 * was touched, and the admin hears which groups.
 */
public class UserInOtherGroupsException extends RuntimeException {

    private final List<String> groups;

    public UserInOtherGroupsException(String userName, List<String> groups) {
        super("IAM user " + userName + " is also in " + String.join(", ", groups) + ", which Lightsail Access may "
                + "not change: remove it from " + (groups.size() == 1 ? "that group" : "those groups")
                + " and delete again");
        this.groups = List.copyOf(groups);
    }

    public List<String> groups() {
        return groups;
    }
}
