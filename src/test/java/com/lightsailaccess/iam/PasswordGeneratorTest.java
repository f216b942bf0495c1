package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    private final PasswordGenerator generator = new PasswordGenerator();

    @Test
    void everyPasswordHasAllFourClassesAndOnlyIamSymbols() {
        for (int i = 0; i < 2000; i++) {
            String p = generator.generate(PasswordRules.IAM_DEFAULT);
            assertEquals(20, p.length());
            assertTrue(p.chars().anyMatch(Character::isUpperCase), p);
            assertTrue(p.chars().anyMatch(Character::isLowerCase), p);
            assertTrue(p.chars().anyMatch(Character::isDigit), p);
            assertTrue(p.chars().anyMatch(c -> PasswordGenerator.SYMBOLS.indexOf(c) >= 0), p);
            assertTrue(p.chars().allMatch(c -> c < 128 && c > 32 && "&<>'\"`".indexOf(c) < 0), p);
        }
    }

    @Test
    void policyMinimumIsHonouredUpToIamsMaximum() {
        assertEquals(40, generator.generate(new PasswordRules(40, true, true, true, true)).length());
        assertEquals(128, generator.generate(new PasswordRules(200, true, true, true, true)).length());
        assertEquals(20, generator.generate(new PasswordRules(6, false, false, false, false)).length());
    }

    @Test
    void passwordsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(generator.generate(PasswordRules.IAM_DEFAULT)));
        }
        assertFalse(seen.isEmpty());
    }
}
