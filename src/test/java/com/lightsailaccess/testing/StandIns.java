package com.lightsailaccess.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Slack's Web API and IAM stood in on fixed local ports, for running the packaged jar by hand (and for the
 * benchmark): {@code java -cp <test classpath> com.lightsailaccess.testing.StandIns 18081 18082}.
 * Slack calls are printed as they arrive, so a person can see what the bot sent.
 */
public final class StandIns {

    private StandIns() {
    }

    public static void main(String[] args) throws InterruptedException {
        int slackPort = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        int iamPort = args.length > 1 ? Integer.parseInt(args[1]) : 18082;
        WireMockServer slack = SlackApiResource.newServer(wireMockConfig().bindAddress("127.0.0.1").port(slackPort));
        slack.start();
        SlackApiResource.useServer(slack);
        SlackApiResource.resetToDefaults();
        slack.addMockServiceRequestListener((request, response) -> System.out.println("SLACK " + request.getUrl()
                + " " + URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8)));
        FakeIam iam = new FakeIam();
        WireMockServer iamServer = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").port(iamPort)
                .extensions(iam));
        iamServer.start();
        iamServer.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        iamServer.addMockServiceRequestListener((request, response) -> System.out.println("IAM "
                + request.getBodyAsString().split("&")[0] + " -> " + response.getStatus()));
        System.out.println("Slack stand-in on http://127.0.0.1:" + slackPort + "/api/, IAM on http://127.0.0.1:"
                + iamPort);
        Thread.currentThread().join();
    }
}
