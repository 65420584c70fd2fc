// A short flow with the generated typescript-fetch client, as a user writes it: no patches, no mappings.
// license-api's GeneratedClientFlowTests runs it with node against a platform and reads the JSON it prints.
import {
    AdminProvidersApi,
    Configuration,
    DeviceApi,
    PoliciesApi,
    ProblemFromJSON,
    ResponseError,
} from '../../../target/clients/typescript';

// Node's process, declared here so that the check needs no @types package.
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

async function main(): Promise<void> {
    const basePath = required('VOUCHER_URL');
    const admin = new Configuration({ basePath, username: required('VOUCHER_ADMIN'), password: required('VOUCHER_PASSWORD') });
    const providerName = required('VOUCHER_PROVIDER');

    const providers = new AdminProvidersApi(admin);
    await providers.createProvider({ createProviderRequest: { name: providerName, displayName: 'TypeScript' } });
    const credential = await providers.createProviderCredential({ name: providerName, createCredentialRequest: { label: 'ts' } });

    const backend = new Configuration({ basePath, accessToken: credential.token });
    const policies = new PoliciesApi(backend);
    await policies.createPolicy({ policyRequest: { name: 'ts-policy', canPlay: true, licenseDurationSeconds: 600 } });
    const listed = await policies.listPolicies({ page: 0, size: 10, sort: 'name,desc' });

    const trust = await new DeviceApi(new Configuration({ basePath })).getDeviceTrust();

    let problemCode: string | undefined;
    try {
        await policies.getPolicy({ name: 'no-such-policy' });
    } catch (error) {
        if (error instanceof ResponseError) {
            problemCode = ProblemFromJSON(await error.response.json()).code;
        }
    }

    console.log(JSON.stringify({
        token: credential.token,
        policies: listed.items.map((policy) => policy.name),
        total: listed.page.totalElements,
        signingKeys: trust.signingKeys,
        problemCode,
    }));
}

function required(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(name + ' is not set');
    }
    return value;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
