package io.voucher.api.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.util.DriverDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.voucher.api.database.DatabaseTimeoutProperties.Purpose;
import io.voucher.domain.jobs.BackgroundThreads;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source: requests get connections from the configured pool, with
 * timeouts of a few seconds; background work ({@link BackgroundThreads}) gets them from a
 * second, small pool to the same database whose timeouts fit long batch statements; the
 * migrations get a plain connection with their own timeouts. Everything that looks for
 * the pool (metrics, health) still finds the configured one.
 */
public final class PurposeDataSource extends DelegatingDataSource implements AutoCloseable {

	/** Name of the background pool (its metrics carry it as {@code pool} tag). */
	public static final String BACKGROUND_POOL = "background";

	private final HikariDataSource requests;

	private final HikariDataSource background;

	private final DataSource migrations;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private volatile boolean backgroundReady;

	PurposeDataSource(HikariDataSource requests, DatabaseTimeoutProperties timeouts, int backgroundPoolSize,
			ObjectProvider<MeterRegistry> meterRegistry) {
		super(requests);
		this.requests = requests;
		this.meterRegistry = meterRegistry;
		HikariConfig config = new HikariConfig();
		config.setPoolName(BACKGROUND_POOL);
		config.setJdbcUrl(requests.getJdbcUrl());
		config.setUsername(requests.getUsername());
		config.setPassword(requests.getPassword());
		if (requests.getDriverClassName() != null) {
			config.setDriverClassName(requests.getDriverClassName());
		}
		config.setDataSourceProperties(
				properties(requests.getDataSourceProperties(), timeouts.connect().toSeconds(), timeouts.background()));
		config.setMaximumPoolSize(backgroundPoolSize);
		config.setMinimumIdle(1);
		config.setConnectionTimeout(Math.max(requests.getConnectionTimeout(), TimeUnit.SECONDS.toMillis(10)));
		config.setValidationTimeout(requests.getValidationTimeout());
		this.background = new HikariDataSource();
		config.copyStateTo(this.background);
		this.migrations = new DriverDataSource(requests.getJdbcUrl(), requests.getDriverClassName(),
				properties(requests.getDataSourceProperties(), timeouts.connect().toSeconds(), timeouts.migrations()),
				requests.getUsername(), requests.getPassword());
	}

	/**
	 * Adds one purpose's timeouts to pgjdbc's connection properties; timeouts the
	 * operator configured explicitly (in the pool's data source properties) are kept.
	 * @param configured the configured connection properties
	 * @param connectSeconds the connect and login timeout
	 * @param purpose the purpose's timeouts
	 * @return the properties to connect with
	 */
	static Properties properties(Properties configured, long connectSeconds, Purpose purpose) {
		Properties properties = new Properties();
		properties.putAll(configured);
		properties.putIfAbsent("connectTimeout", Long.toString(connectSeconds));
		properties.putIfAbsent("loginTimeout", Long.toString(connectSeconds));
		properties.putIfAbsent("socketTimeout", Integer.toString(purpose.socketSeconds()));
		properties.putIfAbsent("options", purpose.serverOptions());
		return properties;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return BackgroundThreads.current() ? background().getConnection() : this.requests.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return BackgroundThreads.current() ? background().getConnection(username, password)
				: this.requests.getConnection(username, password);
	}

	/**
	 * The connections for the migrations at start.
	 * @return a non-pooled data source with the migrations' timeouts
	 */
	public DataSource migrations() {
		return this.migrations;
	}

	private HikariDataSource background() {
		if (!this.backgroundReady) {
			synchronized (this) {
				if (!this.backgroundReady) {
					@Nullable MeterRegistry registry = this.meterRegistry.getIfAvailable();
					if (registry != null) {
						this.background.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
					}
					this.backgroundReady = true;
				}
			}
		}
		return this.background;
	}

	@Override
	public void close() {
		this.background.close();
		this.requests.close();
	}

}
