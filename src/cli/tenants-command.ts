import { z } from 'zod';
import { presentTenant } from '../http/representations/tenants.ts';
import { nameSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { createTenant, getTenant, listTenants } from '../services/tenants/manage.ts';
import { actionOf, checkFlag, parseFlags } from './args.ts';
import { idFlag, pageFlags, pageOf } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printPage, printRecord } from './output.ts';

/** `portcullis tenants create|list|get`. */
export async function tenantsCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  const action = actionOf('tenants', given, ['create', 'list', 'get']);
  const flags = parseFlags(rest, {
    name: { type: 'string' },
    plan: { type: 'string' },
    tenant: { type: 'string' },
    ...pageFlags,
  });
  if (action === 'create') {
    const name = checkFlag('name', nameSchema, flags.name);
    const plan = checkFlag('plan', z.string().max(64).optional(), flags.plan);
    await withLocal(flags, async (runtime) => {
      const tenant = presentTenant(await createTenant(runtime.context, localPrincipal, { name, plan }));
      if (flags.json) printJson(out, tenant);
      else out(`Created tenant ${tenant.id} (${tenant.name}) on plan ${tenant.plan}\n`);
    });
    return;
  }
  if (action === 'get') {
    const tenantId = checkFlag('tenant', idFlag, flags.tenant);
    await withLocal(flags, async (runtime) => {
      const tenant = presentTenant(await getTenant(runtime.context, localPrincipal, tenantId));
      if (flags.json) printJson(out, tenant);
      else printRecord(out, tenant);
    });
    return;
  }
  const page = pageOf(flags);
  await withLocal(flags, async (runtime) => {
    const listed = await listTenants(runtime.context, localPrincipal, page);
    const items = listed.items.map(presentTenant);
    printPage(
      out,
      flags.json,
      { items, nextCursor: listed.nextCursor },
      ['id', 'name', 'plan', 'status', 'createdAt'],
      'No tenants.',
    );
  });
}
