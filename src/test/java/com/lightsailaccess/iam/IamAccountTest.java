package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The console sign-in URL a new user receives, in each partition the bot's own ARN can name. */
class IamAccountTest {

    @Test
    void theSignInUrlFollowsTheAccountsPartition() {
        assertEquals("https://acme.signin.aws.amazon.com/console", IamAccount.signInUrl("aws", "acme"));
        assertEquals("https://123456789012.signin.amazonaws.cn/console",
                IamAccount.signInUrl("aws-cn", "123456789012"));
        assertEquals("https://acme.signin.amazonaws-us-gov.com/console", IamAccount.signInUrl("aws-us-gov", "acme"));
    }
}
