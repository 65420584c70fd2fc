package io.voucher.api.license;

/**
 * Example license messages and responses for the OpenAPI description, one per request
 * type. The payloads are shortened: a real one is the device's compact JWS challenge.
 */
final class LicenseExamples {

	static final String NEW_REQUEST = """
			{
			  "payload": "eyJ0eXAiOiJ2b3VjaGVyLWNoYWxsZW5nZStqd3QiLCJhbGciOiJFUzI1NiIsIng1YyI6WyIuLi4iXX0.eyJjaWQiOiJtb3ZpZS0xIn0.c2ln",
			  "content_id": "bW92aWUtMQ==",
			  "provider": "acme",
			  "policy_name": "rental-48h",
			  "allowed_track_types": "SD_HD",
			  "use_policy_overrides_exclusively": false,
			  "policy_overrides": {"can_persist": true, "license_duration_seconds": 172800},
			  "session_init": {"provider_session_token": "c2Vzc2lvbi0x", "provider_client_token": "Y2xpZW50LTE="}
			}""";

	static final String KEY_SPECS_REQUEST = """
			{
			  "payload": "eyJ0eXAiOiJ2b3VjaGVyLWNoYWxsZW5nZStqd3QiLCJhbGciOiJFUzI1NiJ9.eyJjaWQiOiJtb3ZpZS0xIn0.c2ln",
			  "provider": "acme",
			  "content_key_specs": [
			    {"track_type": "SD", "security_level": 1},
			    {"track_type": "HD", "security_level": 3, "required_output_protection": {"hdcp": "HDCP_V2"}},
			    {"track_type": "AUDIO", "key_id": "ASNFZ4mrze8BI0VniavN7w==", "key": "ABEiM0RVZneImaq7zN3u/w=="}
			  ],
			  "use_policy_overrides_exclusively": true,
			  "policy_overrides": {"can_play": true, "rental_duration_seconds": 86400, "playback_duration_seconds": 14400}
			}""";

	static final String RENEWAL_REQUEST = """
			{
			  "payload": "eyJ0eXAiOiJ2b3VjaGVyLWNoYWxsZW5nZStqd3QiLCJhbGciOiJFUzI1NiJ9.eyJydHlwIjoiUkVORVdBTCJ9.c2ln",
			  "provider": "acme",
			  "policy_name": "streaming-renewable"
			}""";

	static final String RELEASE_REQUEST = """
			{
			  "payload": "eyJ0eXAiOiJ2b3VjaGVyLWNoYWxsZW5nZStqd3QiLCJhbGciOiJFUzI1NiJ9.eyJydHlwIjoiUkVMRUFTRSJ9.c2ln",
			  "provider": "acme"
			}""";

	static final String PARSE_ONLY_REQUEST = """
			{
			  "payload": "eyJ0eXAiOiJ2b3VjaGVyLWNoYWxsZW5nZStqd3QiLCJhbGciOiJFUzI1NiJ9.eyJjaWQiOiJtb3ZpZS0xIn0.c2ln",
			  "provider": "acme",
			  "parse_only": true
			}""";

	static final String NEW_RESPONSE = """
			{
			  "status": "OK",
			  "status_message": "License issued",
			  "license": "ZXlKMGVYQWlPaUoyYjNWamFHVnlMV3hwWTJWdWMyVXJhbmQwSWl3dUxpNTkuLi4=",
			  "license_metadata": {"content_id": "bW92aWUtMQ==", "license_type": "STREAMING", "request_type": "NEW"},
			  "supported_tracks": [
			    {"type": "AUDIO", "key_id": "q83vASNFZ4mrze8BI0VniQ==", "security_level": 1, "required_hdcp": "HDCP_NONE"},
			    {"type": "SD", "key_id": "ASNFZ4mrze8BI0VniavN7w==", "security_level": 1, "required_hdcp": "HDCP_NONE"},
			    {"type": "HD", "key_id": "EjRWeJCrze8SNFZ4kKvN7w==", "security_level": 3, "required_hdcp": "HDCP_V1"}
			  ],
			  "session_state": {"license_id": "0d6f7a52-4f5e-4c1e-9b1e-6d1f0c0e2a11", "license_counter": 1},
			  "make": "Acme",
			  "model": "TV-1",
			  "security_level": 3,
			  "provider_client_token": "Y2xpZW50LTE="
			}""";

	static final String RENEWAL_RESPONSE = """
			{
			  "status": "OK",
			  "status_message": "License issued",
			  "license": "ZXlKMGVYQWlPaUoyYjNWamFHVnlMV3hwWTJWdWMyVXJhbmQwSWl3dUxpNTkuLi4=",
			  "license_metadata": {"content_id": "bW92aWUtMQ==", "license_type": "STREAMING", "request_type": "RENEWAL"},
			  "supported_tracks": [
			    {"type": "SD", "key_id": "ASNFZ4mrze8BI0VniavN7w==", "security_level": 1, "required_hdcp": "HDCP_NONE"}
			  ],
			  "session_state": {"license_id": "0d6f7a52-4f5e-4c1e-9b1e-6d1f0c0e2a11", "license_counter": 2},
			  "make": "Acme",
			  "model": "TV-1",
			  "security_level": 3
			}""";

	static final String RELEASE_RESPONSE = """
			{
			  "status": "OK",
			  "status_message": "License released",
			  "license_metadata": {"content_id": "bW92aWUtMQ==", "license_type": "OFFLINE", "request_type": "RELEASE"},
			  "session_state": {"license_id": "0d6f7a52-4f5e-4c1e-9b1e-6d1f0c0e2a11", "license_counter": 3},
			  "make": "Acme",
			  "model": "TV-1",
			  "security_level": 3
			}""";

	static final String PARSE_ONLY_RESPONSE = """
			{
			  "status": "OK",
			  "status_message": "Challenge parsed; nothing issued",
			  "license_metadata": {"content_id": "bW92aWUtMQ==", "license_type": "STREAMING", "request_type": "NEW"},
			  "make": "Acme",
			  "model": "TV-1",
			  "security_level": 3,
			  "parsed_challenge": {
			    "device_fingerprint": "pY1vWw8m3z9yq8vH0mS3Y2C4rj3e9w2n8Gq6XyQ1c5E",
			    "content_id": "movie-1",
			    "key_ids": ["ASNFZ4mrze8BI0VniavN7w=="],
			    "license_type": "STREAMING",
			    "request_type": "NEW"
			  }
			}""";

	static final String REFUSED_RESPONSE = """
			{
			  "status": "CHALLENGE_REPLAYED",
			  "status_message": "The challenge was used before"
			}""";

	private LicenseExamples() {
	}

}
