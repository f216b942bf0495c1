package com.lightsailaccess.grant;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.iam.BotPolicy;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.Provisioning;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bot-policy [--account <id>]}: prints the bot's own least-privilege IAM policy ({@link BotPolicy}) for the
 * group, the policies and the path the settings name, read from the environment and {@code .env} as the bot reads
 * them (with {@code ${…}} expanded), without starting the bot (no database, no Slack). The account defaults to
 * {@value BotPolicy#EXAMPLE_ACCOUNT}, as in {@code deploy/bot-iam-policy.json}, which is this command's output for
 * the default settings.
 *
 * <p>The policy lets the bot create and attach the MFA policy ({@code LIGHTSAIL_MFA_POLICY}) whether or not
 * {@code LIGHTSAIL_REQUIRE_MFA} is on, so that turning it on needs no new policy for the bot.
 */
final class BotPolicyCommand {

    static final String NAME = "bot-policy";
    static final String USAGE = "usage: java -jar quarkus-run.jar bot-policy [--account <12-digit AWS account ID>]"
            + " [--help]";

    private BotPolicyCommand() {
    }

    /** Runs the command with the arguments after its name; the process's exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String account = BotPolicy.EXAMPLE_ACCOUNT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].equals("--account") && i + 1 == args.length) {
                err.println("bot-policy: --account needs the account ID after it\n" + USAGE);
                return 2;
            } else if (args[i].equals("--account")) {
                account = args[++i].trim();
            } else if (args[i].startsWith("--account=")) {
                account = args[i].substring("--account=".length()).trim();
            } else {
                err.println("bot-policy: unknown argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        if (!BotPolicy.ACCOUNT.matcher(account).matches()) {
            err.println("bot-policy: --account must be a 12-digit AWS account ID, got '" + account + "'\n" + USAGE);
            return 2;
        }
        Problems problems = new Problems();
        String document;
        try {
            // The environment and .env, with ${…} expanded and the prod profile, as the bot reads its settings.
            SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                    .withProfile("prod").withSources(new DotEnvConfigSourceProvider())
                    .withMapping(ProvisioningConfig.class).build();
            document = document(account, config.getConfigMapping(ProvisioningConfig.class), problems);
        } catch (RuntimeException e) {
            err.println("bot-policy: the settings could not be read: " + e.getMessage());
            return 1;
        }
        if (!problems.list().isEmpty()) {
            err.println("bot-policy: the settings are not valid:\n- " + String.join("\n- ", problems.list()));
            return 1;
        }
        out.print(document);
        out.flush();
        return 0;
    }

    /** The policy for {@code account} and the settings in {@code config}; null when {@code problems} has some. */
    static String document(String account, ProvisioningConfig config, Problems problems) {
        Provisioning provisioning = ProvisioningSettingsCheck.read(config, problems);
        // With MFA required, read has checked the name already; without it, the name is checked here.
        String mfaPolicy = config.requireMfa().trim().equalsIgnoreCase("console")
                ? provisioning.mfaPolicy().orElse(null)
                : problems.check(config.mfaPolicy(), ProvisioningSettingsCheck.iamName("LIGHTSAIL_MFA_POLICY"));
        AccessLevels levels = ProvisioningSettingsCheck.levels(config, provisioning, problems);
        if (!problems.list().isEmpty()) {
            return null;
        }
        return BotPolicy.document(account, provisioning.path(), levels.all().stream().map(level -> new BotPolicy.Group(
                level.group(), List.of(level.policy(), provisioning.firstSignInPolicy(), mfaPolicy))).toList());
    }
}
