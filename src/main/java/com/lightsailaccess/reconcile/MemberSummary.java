package com.lightsailaccess.reconcile;

/**
 * One summary of members nobody granted (its finding), of a group: the first look at a group the bot never saw, or a
 * run that found more than a few at once.
 */
record MemberSummary(long summaryId, String group, boolean first) {

    /** The group a summary's subject names ({@code <group> <when>}: a group's name has no space). */
    static String groupOf(String summarySubject) {
        int space = summarySubject.indexOf(' ');
        return space < 0 ? summarySubject : summarySubject.substring(0, space);
    }
}
