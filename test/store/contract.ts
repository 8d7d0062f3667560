// The storage contract: every store method's behaviour, run against each backend
// (test/store/sqlite.test.ts, test/store/postgres.test.ts) so SQLite and PostgreSQL cannot drift apart.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Store } from '../../src/store/index.ts';
import { activityLogContract } from './contract/activity-log.ts';
import { apiKeySecretsContract } from './contract/api-key-secrets.ts';
import { apiKeysContract } from './contract/api-keys.ts';
import { appsContract } from './contract/apps.ts';
import { clientAssertionsContract } from './contract/client-assertions.ts';
import { clientsContract } from './contract/clients.ts';
import type { ContractContext } from './contract/fixtures.ts';
import { managementKeysContract } from './contract/management-keys.ts';
import { paginationContract } from './contract/pagination.ts';
import { peopleContract } from './contract/people.ts';
import { platformKeysContract } from './contract/platform-keys.ts';
import { requestLogContract } from './contract/request-log.ts';
import { revokedTokensContract } from './contract/revoked-tokens.ts';
import { signingKeysContract } from './contract/signing-keys.ts';
import { tenantsContract } from './contract/tenants.ts';
import { unitOfWorkContract } from './contract/unit-of-work.ts';
import { usageRollupsContract } from './contract/usage-rollups.ts';

/**
 * Registers the contract as `describe(name)`. `open` is called once for the suite and must give a migrated
 * store on an empty database; the store is closed after the last test. Tests share the store, so each one
 * writes its own tenants, keys and hashes under unique ids and never depends on another's rows.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    let opened: Store | undefined;
    before(async () => {
      opened = await open();
    });
    after(async () => {
      await opened?.close();
    });
    const context: ContractContext = {
      store: () => {
        assert.ok(opened, 'the store is open');
        return opened;
      },
    };
    tenantsContract(context);
    platformKeysContract(context);
    apiKeysContract(context);
    apiKeySecretsContract(context);
    appsContract(context);
    clientsContract(context);
    requestLogContract(context);
    usageRollupsContract(context);
    activityLogContract(context);
    managementKeysContract(context);
    paginationContract(context);
    signingKeysContract(context);
    revokedTokensContract(context);
    clientAssertionsContract(context);
    unitOfWorkContract(context);
    peopleContract(context);
  });
}
