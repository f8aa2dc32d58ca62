package dev.outrigger.gateway;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a fake config server that serves nothing, for the gateway of one test class to import
 * its config from (the jar's application.yml insists on one), and stops it after the class.
 */
final class EmptyConfigServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(EmptyConfigServerExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		FakeConfigServer server = FakeConfigServer.start();
		server.useAsConfigServerOfTheNextGateway();
		context.getStore(NAMESPACE).put(FakeConfigServer.class, server);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		FakeConfigServer server = context.getStore(NAMESPACE).remove(FakeConfigServer.class, FakeConfigServer.class);
		if (server != null) {
			server.close();
		}
	}

}
