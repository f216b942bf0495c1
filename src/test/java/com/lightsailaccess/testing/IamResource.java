package com.lightsailaccess.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * IAM and STS stood in by {@link FakeIam} behind WireMock on a dynamic port. The real SDK clients reach it
 * through their own endpoint overrides ({@code aws.endpointUrlIam}, {@code aws.endpointUrlSts}, the system
 * property forms of {@code AWS_ENDPOINT_URL_IAM}/{@code _STS}), with dummy credentials.
 */
public class IamResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;
    private static final FakeIam IAM = new FakeIam();

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort().extensions(IAM));
            server.start();
            server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        }
        System.setProperty("aws.endpointUrlIam", server.baseUrl());
        System.setProperty("aws.endpointUrlSts", server.baseUrl());
        System.setProperty("aws.accessKeyId", "AKIDTESTBOT");
        System.setProperty("aws.secretAccessKey", "test-bot-secret-key");
        System.setProperty("aws.region", "us-east-1");
        return Map.of();
    }

    public static FakeIam iam() {
        return IAM;
    }

    public static WireMockServer server() {
        return server;
    }

    /** Empties the fake account and the request log. */
    public static void reset() {
        IAM.reset();
        server.resetRequests();
    }

    @Override
    public void stop() {
        // Kept for the whole JVM.
    }
}
