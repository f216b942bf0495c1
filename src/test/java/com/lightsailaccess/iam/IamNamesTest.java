package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IamNamesTest {

    @Test
    void emailInLowerCaseIsTheName() {
        assertEquals("ada.lovelace+aws@example.com", IamNames.userNameFor(" Ada.Lovelace+AWS@Example.COM ", "U1"));
    }

    @Test
    void fallsBackToTheSlackIdWhenTheEmailBreaksIamRules() {
        assertEquals("U0ABC", IamNames.userNameFor(null, "U0ABC"));
        assertEquals("U0ABC", IamNames.userNameFor("zoë@example.com", "U0ABC"));
        assertEquals("U0ABC", IamNames.userNameFor("o'neil@example.com", "U0ABC"));
        assertEquals("U0ABC", IamNames.userNameFor("a".repeat(60) + "@example.com", "U0ABC"));
    }

    @Test
    void iamNameRules() {
        assertTrue(IamNames.isValidUserName("a"));
        assertTrue(IamNames.isValidUserName("x".repeat(64)));
        assertFalse(IamNames.isValidUserName("x".repeat(65)));
        assertFalse(IamNames.isValidUserName(""));
        assertFalse(IamNames.isValidUserName("has space"));
        assertFalse(IamNames.isValidUserName("slash/name"));
    }
}
