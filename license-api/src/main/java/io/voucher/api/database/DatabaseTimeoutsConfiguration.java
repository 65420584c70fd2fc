package io.voucher.api.database;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Bounded waits on the database: the application's pool gets the request timeouts, and is
 * wrapped in a {@link PurposeDataSource} that gives background work and migrations their
 * own. See {@link DatabaseTimeoutProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseTimeoutProperties.class)
class DatabaseTimeoutsConfiguration {

	@Bean
	static BeanPostProcessor databaseTimeouts(Environment environment, ObjectProvider<MeterRegistry> meterRegistry) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName)) {
					DatabaseTimeoutProperties timeouts = timeouts(environment);
					pool.setDataSourceProperties(PurposeDataSource.properties(pool.getDataSourceProperties(),
							timeouts.connect().toSeconds(), timeouts.requests()));
				}
				return bean;
			}

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// A pool configured by a DataSource class instead of a JDBC URL keeps the
				// request timeouts for everything.
				if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName)
						&& pool.getJdbcUrl() != null) {
					int jobThreads = Binder.get(environment).bind("voucher.jobs.threads", Integer.class).orElse(2);
					// Jobs, recurring tasks and their scheduler's own writes.
					return new PurposeDataSource(pool, timeouts(environment), jobThreads + 2, meterRegistry);
				}
				return bean;
			}

		};
	}

	private static DatabaseTimeoutProperties timeouts(Environment environment) {
		return Binder.get(environment).bindOrCreate("voucher.database.timeouts", DatabaseTimeoutProperties.class);
	}

	/**
	 * Migrations run on their own connection, without the request timeouts.
	 */
	@Bean
	FlywayConfigurationCustomizer migrationTimeouts() {
		return (configuration) -> {
			if (configuration.getDataSource() instanceof PurposeDataSource purposes) {
				configuration.dataSource(purposes.migrations());
			}
		};
	}

}
