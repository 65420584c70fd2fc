package io.voucher.domain.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The one test configuration that gives a database test a real PostgreSQL: a pinned
 * Testcontainers image when a Docker engine is available, otherwise a fresh database on
 * an embedded PostgreSQL server shared by the whole test JVM.
 *
 * <p>
 * Import it with {@code @Import(PostgresTestConfiguration.class)} or use
 * {@link PostgresTest} on a test class.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	/** The PostgreSQL image used when Docker is available; same major as embedded. */
	public static final String IMAGE = "postgres:17.6-alpine";

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer(DockerImageName.parse(IMAGE));
	}

	@Bean
	@Conditional(DockerAvailable.Not.class)
	JdbcConnectionDetails embeddedPostgresDatabase() {
		return SharedEmbeddedPostgres.newDatabase();
	}

}
