#!/usr/bin/env bash
# The Primetime seed's story from the device's side, against a running Voucher platform
# (./voucher): a TV individualizes, registers a generated ID and plays its out-of-band
# license; a phone joins the TV's device group and plays a license exported by the TV;
# the TV goes through a DRM factory reset; at last it is revoked.
#
#   VOUCHER_ADMIN_PASSWORD=… license-client/demo.sh
#
# Needs curl; with ffmpeg installed it also encrypts a generated clip (CENC) and decrypts
# it on the TV with the key its license delivers.
set -euo pipefail
url=${VOUCHER_URL:-http://localhost:8080}
: "${VOUCHER_ADMIN_PASSWORD:?set VOUCHER_ADMIN_PASSWORD to the password of the admin user (after its first change)}"
cli="$(cd "$(dirname "$0")" && pwd)/voucher-device"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VOUCHER_PLATFORM=$url VOUCHER_DEVICE_PASSWORD=demo-device-store-password

tv() { "$cli" --store "$work/tv" "$@"; }
phone() { "$cli" --store "$work/phone" "$@"; }
step() { printf '\n== %s\n' "$*"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
hex16() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
hex_to_base64() { printf '%b' "$(printf '%s' "$1" | sed 's/../\\x&/g')" | base64; }
api() { curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$2" "$url$1"; }

step "0. A provider, its API credential, content with an injected key, a policy"
provider="demo$(hex16 | cut -c1-8)"
curl -fsS -u "admin:$VOUCHER_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"name\": \"$provider\", \"display_name\": \"Demo\"}" "$url/api/v1/admin/providers" >/dev/null
token=$(curl -fsS -u "admin:$VOUCHER_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"label": "demo backend"}' "$url/api/v1/admin/providers/$provider/credentials" | field token)
kid=$(hex16)
key=$(hex16)
api /api/v1/contents "{\"content_id\": \"movie\", \"keys\": [{\"track_type\": \"SD\",
  \"key_id\": \"$(hex_to_base64 "$kid")\", \"key\": \"$(hex_to_base64 "$key")\"}]}" >/dev/null
api /api/v1/policies '{"name": "rental", "can_play": true, "can_persist": true,
  "license_duration_seconds": 604800, "rental_duration_seconds": 172800}' >/dev/null
echo "provider $provider, content 'movie' with key id $kid, policy 'rental'"

step "1. The TV individualizes (built-in Device CA) and registers a generated ID (DRMManager.authenticate)"
tv individualize --make Acme --model TV
id=$(tv register --provider "$provider")

step "2. The provider entitles the generated ID; the TV fetches its bundle (storeVoucher) and plays"
api /api/v1/entitlements "{\"generated_id\": \"$id\", \"content_id\": \"movie\", \"policy_name\": \"rental\"}" >/dev/null
tv fetch --wait
tv list
tv play movie
if command -v ffmpeg >/dev/null; then
  ffmpeg -nostdin -v error -f lavfi -i testsrc=duration=2:size=320x240:rate=25 -pix_fmt yuv420p "$work/clear.mp4"
  ffmpeg -nostdin -v error -i "$work/clear.mp4" -c copy -encryption_scheme cenc-aes-ctr \
    -encryption_key "$key" -encryption_kid "$kid" "$work/encrypted.mp4"
  tv play movie --decrypt "$work/encrypted.mp4" "$work/decrypted.mp4"
  if cmp -s <(ffmpeg -nostdin -v error -i "$work/clear.mp4" -f framemd5 -) \
            <(ffmpeg -nostdin -v error -i "$work/decrypted.mp4" -f framemd5 -); then
    echo "every decrypted frame equals the clear one"
  else
    echo "decrypted frames differ from the clear ones" >&2; exit 1
  fi
fi

step "3. Device group: TV and phone join; the TV exports the group's license (toByteArray), the phone imports it"
group=$(api /api/v1/device-groups '{"name": "Family", "max_members": 3}' | field group_id)
tv join-group "$group" --token "$(api "/api/v1/device-groups/$group/join-tokens" '{}' | field token)"
phone individualize --make Acme --model Phone
phone join-group "$group" --token "$(api "/api/v1/device-groups/$group/join-tokens" '{}' | field token)"
api /api/v1/entitlements "{\"group_id\": \"$group\", \"content_id\": \"movie\", \"policy_name\": \"rental\"}" >/dev/null
tv fetch --group "$group" --wait
group_license=$(tv list | awk '$4 == "group" { print $1; exit }')
tv export "$group_license" "$work/group-voucher.jws"
phone import "$work/group-voucher.jws"
phone play movie

step "4. DRM factory reset on the TV: its old license is refused, a transfer brings a new one"
device_license=$(tv list | awk '$4 == "device" { print $1; exit }')
tv export "$device_license" "$work/stale-voucher.jws"
tv reset
tv individualize --make Acme --model TV
new_id=$(tv register --provider "$provider")
if tv import "$work/stale-voucher.jws"; then
  echo "the stale license should have been refused" >&2; exit 1
fi
api "/api/v1/registrations/$id/transfer" "{\"to_generated_id\": \"$new_id\"}" >/dev/null
tv fetch --wait
tv play movie

step "5. Revocation: an administrator revokes the TV for the platform; the signed revocation list says so; playback is refused"
fingerprint=$(tv info | sed -n 's/^device \([^ ]*\).*/\1/p')
curl -fsS -u "admin:$VOUCHER_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"fingerprint\": \"$fingerprint\", \"reason\": \"demo\"}" "$url/api/v1/admin/device-revocations" >/dev/null
tv revocation
if tv play movie; then
  echo "a revoked device should not play" >&2; exit 1
fi
step "Done: every step of the story behaved"
