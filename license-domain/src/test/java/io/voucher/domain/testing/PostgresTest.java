package io.voucher.domain.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Gives the annotated Spring test a real PostgreSQL through
 * {@link PostgresTestConfiguration}. Slice tests such as {@code @DataJpaTest} also need
 * {@code @AutoConfigureTestDatabase(replace = NONE)} so that it is not replaced.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(PostgresTestConfiguration.class)
public @interface PostgresTest {

}
