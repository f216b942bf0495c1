package com.lightsailaccess.testing;

import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a test that runs the whole bot against embedded PostgreSQL and a WireMock Slack. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(PostgresResource.class)
@WithTestResource(SlackApiResource.class)
@WithTestResource(IamResource.class)
public @interface BotTest {
}
