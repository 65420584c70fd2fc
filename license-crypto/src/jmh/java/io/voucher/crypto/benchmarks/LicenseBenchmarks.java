package io.voucher.crypto.benchmarks;

import java.util.concurrent.TimeUnit;

import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.challenge.VerifiedChallenge;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.IssuedVoucher;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.crypto.voucher.VoucherOpener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-license operations for an EC P-256 device, with fixtures built as in the tests
 * ({@link TestPki}): verify a challenge, issue a voucher (one and four content keys),
 * both in a row (the server's crypto per license), and open a voucher on the device.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LicenseBenchmarks {

	private TestPki pki;

	private TestDevice device;

	private ChallengeVerifier challengeVerifier;

	private String challenge;

	private VoucherIssuer issuer;

	private Recipient recipient;

	private LicenseSpec oneKey;

	private LicenseSpec fourKeys;

	private VoucherOpener opener;

	private String voucher;

	@Setup
	public void setUp() {
		this.pki = TestPki.create();
		this.device = this.pki.newDevice().build();
		// The validator remembers chains it validated, as it does in the server for a
		// device's repeated requests: this measures the JWS work, not path validation.
		this.challengeVerifier = this.pki.challengeVerifier();
		this.challenge = this.device.challenge().contentId("movie-1").build();
		this.issuer = this.pki.voucherIssuer();
		this.recipient = Recipient.device(this.device.certificate());
		this.oneKey = this.pki.license(this.device).build();
		this.fourKeys = this.pki.license(this.device)
			.key(TestPki.contentKey(TrackType.AUDIO))
			.key(TestPki.contentKey(TrackType.SD))
			.key(TestPki.contentKey(TrackType.UHD1))
			.build();
		this.opener = this.pki.voucherOpener();
		this.voucher = this.issuer.issue(this.oneKey, this.recipient).compact();
	}

	@Benchmark
	public VerifiedChallenge verifyChallenge() {
		return this.challengeVerifier.verify(this.challenge);
	}

	@Benchmark
	public IssuedVoucher issueVoucherOneKey() {
		return this.issuer.issue(this.oneKey, this.recipient);
	}

	@Benchmark
	public IssuedVoucher issueVoucherFourKeys() {
		return this.issuer.issue(this.fourKeys, this.recipient);
	}

	@Benchmark
	public IssuedVoucher verifyChallengeThenIssueVoucher() {
		VerifiedChallenge verified = this.challengeVerifier.verify(this.challenge);
		return this.issuer.issue(this.oneKey, Recipient.device(verified.device()));
	}

	@Benchmark
	public OpenedVoucher openVoucher() {
		return this.opener.open(this.voucher, this.device.identity());
	}

}
