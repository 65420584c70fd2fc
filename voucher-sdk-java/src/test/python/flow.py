"""A short flow with the generated Python client, as a user writes it: no patches, no mappings.

license-api's GeneratedClientFlowTests runs it against a platform and reads the JSON it prints.
"""
import json
import os

import voucher_client
from voucher_client.exceptions import ApiException
from voucher_client.models.problem import Problem


def main():
    host = os.environ["VOUCHER_URL"]
    provider = os.environ["VOUCHER_PROVIDER"]
    admin = voucher_client.Configuration(host=host, username=os.environ["VOUCHER_ADMIN"],
                                         password=os.environ["VOUCHER_PASSWORD"])
    with voucher_client.ApiClient(admin) as client:
        providers = voucher_client.AdminProvidersApi(client)
        providers.create_provider(voucher_client.CreateProviderRequest(name=provider, display_name="Python"))
        credential = providers.create_provider_credential(provider, voucher_client.CreateCredentialRequest(label="py"))

    backend = voucher_client.Configuration(host=host, access_token=credential.token)
    with voucher_client.ApiClient(backend) as client:
        policies = voucher_client.PoliciesApi(client)
        policies.create_policy(voucher_client.PolicyRequest(name="py-policy", can_play=True,
                                                            license_duration_seconds=600))
        listed = policies.list_policies(page=0, size=10, sort="name,desc")
        problem_code = None
        try:
            policies.get_policy("no-such-policy")
        except ApiException as error:
            problem_code = Problem.from_json(error.body).code.value

    with voucher_client.ApiClient(voucher_client.Configuration(host=host)) as client:
        trust = voucher_client.DeviceApi(client).get_device_trust()

    print(json.dumps({
        "token": credential.token,
        "policies": [policy.name for policy in listed.items],
        "total": listed.page.total_elements,
        "signingKeys": trust.signing_keys,
        "problemCode": problem_code,
    }))


if __name__ == "__main__":
    main()
