package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IamUserNamesTest {

    @Test
    void emailInLowerCaseIsTheName() {
        assertEquals("ada.lovelace+aws@example.com", IamUsers.userNameFor(" Ada.Lovelace+AWS@Example.COM ", "U1"));
    }

    @Test
    void fallsBackToTheSlackIdWhenTheEmailBreaksIamRules() {
        assertEquals("U0ABC", IamUsers.userNameFor(null, "U0ABC"));
        assertEquals("U0ABC", IamUsers.userNameFor("zoë@example.com", "U0ABC"));
        assertEquals("U0ABC", IamUsers.userNameFor("o'neil@example.com", "U0ABC"));
        assertEquals("U0ABC", IamUsers.userNameFor("a".repeat(60) + "@example.com", "U0ABC"));
    }

    @Test
    void iamNameRules() {
        assertTrue(IamUsers.isValidUserName("a"));
        assertTrue(IamUsers.isValidUserName("x".repeat(64)));
        assertFalse(IamUsers.isValidUserName("x".repeat(65)));
        assertFalse(IamUsers.isValidUserName(""));
        assertFalse(IamUsers.isValidUserName("has space"));
        assertFalse(IamUsers.isValidUserName("slash/name"));
    }
}
