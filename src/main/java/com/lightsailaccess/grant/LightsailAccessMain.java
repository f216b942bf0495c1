package com.lightsailaccess.grant;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The jar's entry point: {@code bot-policy} prints the bot's own IAM policy and exits, before anything of the bot
 * starts ({@link BotPolicyCommand}); anything else starts the bot, as Quarkus's own entry point would.
 */
@QuarkusMain
public final class LightsailAccessMain {

    private LightsailAccessMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals(BotPolicyCommand.NAME)) {
            System.exit(BotPolicyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
