package io.voucher.api.architecture;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module writes only the tables it owns: the owner offers the operations others
 * need.
 */
class TableOwnershipTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Map<String, String> OWNERS = Map.of("device_group", "license-domain", "group_license",
			"device-registry", "registration", "device-registry");

	@Test
	void everyModuleWritesOnlyItsOwnTables() {
		Map<String, String> owners = TableOwnership.owners(ROOT);

		assertThat(owners).containsEntry("device_group", "license-domain")
			.containsEntry("registration", "device-registry")
			.containsEntry("admin_user", "license-api");
		assertThat(TableOwnership.violations(ROOT, owners)).isEmpty();
	}

	@Test
	void violationsWhenAModuleUpdatesAForeignTableThenReported() {
		String source = """
				class Sync {
					void bump() {
						jdbc.update("UPDATE device_group SET bundle_version = bundle_version + 1 "
								+ "WHERE id = ?", id);
						jdbc.update("INSERT INTO group_license (id) VALUES (?)", id);
					}
				}
				""";

		assertThat(TableOwnership.violations("device-registry", "Sync.java", source, OWNERS))
			.containsExactly("device-registry Sync.java writes or locks table device_group, owned by license-domain");
	}

	@Test
	void violationsWhenAModuleLocksAForeignTableThenReported() {
		String source = """
				class Sync {
					void lock() {
						jdbc.queryForList("SELECT generation FROM device_group "
								+ "WHERE id = ? FOR UPDATE", Long.class, id);
						jdbc.query("SELECT r.* FROM registration r JOIN device_group g ON g.id = r.group_id "
								+ "WHERE r.id = ? FOR NO KEY UPDATE OF r", mapper, id);
					}
				}
				""";

		assertThat(TableOwnership.violations("device-registry", "Sync.java", source, OWNERS))
			.containsExactly("device-registry Sync.java writes or locks table device_group, owned by license-domain");
	}

	@Test
	void violationsWhenAModuleOnlyReadsAForeignTableThenNone() {
		String source = """
				class Reports {
					String sql = "SELECT count(*) FROM group_license l JOIN device_group g ON g.id = l.group_row_id";
				}
				""";

		assertThat(TableOwnership.violations("device-registry", "Reports.java", source, OWNERS)).isEmpty();
	}

	@Test
	void violationsWhenAnEntityMapsAForeignTableThenReported() {
		String source = """
				@Entity
				@Table(name = "registration")
				class Stolen {
				}
				""";

		assertThat(TableOwnership.violations("license-domain", "Stolen.java", source, OWNERS))
			.containsExactly("license-domain Stolen.java writes or locks table registration, owned by device-registry");
	}

	@Test
	void violationsWhenJpqlDeletesAForeignEntityThenReported() {
		String source = """
				interface Registrations {
					@Query("DELETE FROM GroupLicense l WHERE l.groupRowId = :group")
					void purge(UUID group);
				}
				""";

		assertThat(TableOwnership.violations("license-domain", "Registrations.java", source, OWNERS)).containsExactly(
				"license-domain Registrations.java writes or locks table group_license, owned by device-registry");
	}

	@Test
	void violationsWhenAStatementWritesATableNoMigrationCreatesThenReported() {
		String source = """
				class Typo {
					String sql = "DELETE FROM device_gruop WHERE id = ?";
				}
				""";

		assertThat(TableOwnership.violations("license-domain", "Typo.java", source, OWNERS))
			.containsExactly("license-domain Typo.java writes table device_gruop, which no module's migration creates");
	}

}
