import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ScopeChecklist } from '../../components/scope-checklist.tsx';
import { InlineError, QueryView } from '../../components/states.tsx';
import { planEntitles, plansPhrase, useWorkspacePlan, type WorkspacePlan } from '../../plan.ts';
import { can, useWorkspace } from '../../workspace.tsx';
import { allowlistLines, type CreateKeyBody, endOfDayIso, type IssuedKey, type KeyApp } from './keys-api.ts';
import { ReadOnlyBuilder, readOnlyResources, readOnlyScopes } from './read-only-builder.tsx';

const MCP_SCOPE = 'mcp:*';

/**
 * "Create key": a one-click MCP key, or a key built from a name, a type, the resources it reads (or the raw
 * scope checklist), an optional app, an optional expiry and an IP allowlist. Created in the workspace's current
 * mode; the plaintext goes to `onCreated`, which reveals it once. `apps` undefined (a role that cannot read
 * them, or not loaded yet) leaves the App picker out.
 */
export function CreateKeyDialog({
  open,
  apps,
  onClose,
  onCreated,
}: {
  open: boolean;
  apps: KeyApp[] | undefined;
  onClose: () => void;
  onCreated: (key: IssuedKey) => void;
}) {
  const { tenantId } = useWorkspace();
  const workspacePlan = useWorkspacePlan(tenantId);
  return (
    <Dialog
      open={open}
      title="Create an API key"
      onClose={onClose}
      footer={
        workspacePlan.data ? undefined : (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )
      }
    >
      <QueryView query={workspacePlan} loadingLabel="Loading the plan and scopes">
        {(data) => <CreateKeyForm workspacePlan={data} apps={apps} onClose={onClose} onCreated={onCreated} />}
      </QueryView>
    </Dialog>
  );
}

type Way = 'read-only' | 'advanced';

function CreateKeyForm({
  workspacePlan: { plan, plans, scopes, tenant },
  apps,
  onClose,
  onCreated,
}: {
  workspacePlan: WorkspacePlan;
  apps: KeyApp[] | undefined;
  onClose: () => void;
  onCreated: (key: IssuedKey) => void;
}) {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const ids = useId();
  const [name, setName] = useState('');
  const [app, setApp] = useState('');
  const [type, setType] = useState<'restricted' | 'secret'>('restricted');
  const [way, setWay] = useState<Way>('read-only');
  const [resources, setResources] = useState<string[]>([]);
  const [checked, setChecked] = useState<string[]>([]);
  const [expiry, setExpiry] = useState('');
  const [allowlist, setAllowlist] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const post = (body: CreateKeyBody) =>
    unwrap(api.POST('/api/v1/tenants/{tenantId}/keys', { params: { path: { tenantId } }, body }));
  // Two mutations, so each refusal shows next to the button that caused it.
  const createMcp = useMutation({ mutationFn: post, onSuccess: onCreated });
  const create = useMutation({ mutationFn: post, onSuccess: onCreated });
  const pending = create.isPending || createMcp.isPending;

  const mcp = scopes.find((scope) => scope.name === MCP_SCOPE);
  const mcpEntitled = planEntitles(plan, MCP_SCOPE);
  const resourceList = readOnlyResources(scopes);
  const chosenScopes = way === 'read-only' ? readOnlyScopes(resourceList, resources, plan) : checked;
  const today = new Date().toISOString().slice(0, 10);

  const submit = () => {
    setFormError(null);
    if (!name.trim()) return setFormError('Give the key a name.');
    if (type === 'restricted' && chosenScopes.length === 0) {
      return setFormError(
        way === 'read-only' ? 'Choose at least one resource the key can read.' : 'Choose at least one scope.',
      );
    }
    const expiresAt = endOfDayIso(expiry);
    const ipAllowlist = allowlistLines(allowlist);
    create.mutate({
      name: name.trim(),
      mode,
      type,
      ...(type === 'restricted' ? { scopes: chosenScopes } : {}),
      ...(app && apps ? { appId: app } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      ...(ipAllowlist.length > 0 ? { ipAllowlist } : {}),
    });
  };

  return (
    <>
      {mcp ? (
        <section className="card key-mcp" aria-labelledby={`${ids}-mcp`}>
          <h3 id={`${ids}-mcp`} className="key-section-title">
            One-click MCP key
          </h3>
          <p>
            A restricted {mode} key named “MCP” with the <code>{MCP_SCOPE}</code> scope: what an AI assistant
            needs to use the MCP server, and nothing else.
          </p>
          {mcpEntitled ? null : (
            <p className="warning" id={`${ids}-mcp-hint`}>
              MCP keys come with the {plansPhrase(mcp, plans)} plan. This workspace is on the{' '}
              {plan?.name ?? tenant.plan} plan.
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={!mcpEntitled || pending}
            aria-describedby={mcpEntitled ? undefined : `${ids}-mcp-hint`}
            onClick={() => createMcp.mutate({ name: 'MCP', mode, type: 'restricted', scopes: [MCP_SCOPE] })}
          >
            {createMcp.isPending ? 'Creating…' : 'Create MCP key'}
          </button>
          <InlineError error={createMcp.error} />
        </section>
      ) : null}

      <form
        className="key-form"
        noValidate
        aria-labelledby={`${ids}-build`}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h3 id={`${ids}-build`} className="key-section-title">
          {mcp ? 'Or build a key' : 'Build a key'}
        </h3>
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          id={`${ids}-name`}
          value={name}
          required
          maxLength={200}
          placeholder="e.g. Reporting script"
          onChange={(event) => setName(event.target.value)}
        />

        {apps ? (
          <>
            <label htmlFor={`${ids}-app`}>App (optional)</label>
            <select
              id={`${ids}-app`}
              value={app}
              aria-describedby={`${ids}-app-hint`}
              onChange={(event) => setApp(event.target.value)}
            >
              <option value="">No app</option>
              {apps.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
            <p id={`${ids}-app-hint`} className="field-hint">
              The integration this key serves, to find its keys later. A label only: the type and scopes
              decide what the key may do.{' '}
              {apps.length > 0 ? null : can(workspace, 'manage:apps') ? (
                <>
                  This workspace has no apps yet: <Link to={workspace.href('apps')}>register one</Link> if you
                  want one.
                </>
              ) : (
                'This workspace has no apps yet.'
              )}
            </p>
          </>
        ) : null}

        <fieldset>
          <legend>Type</legend>
          <p className="radio-row">
            <input
              id={`${ids}-restricted`}
              type="radio"
              name={`${ids}-type`}
              checked={type === 'restricted'}
              onChange={() => setType('restricted')}
            />{' '}
            <label htmlFor={`${ids}-restricted`}>Restricted: only the scopes you choose</label>
          </p>
          <p className="radio-row">
            <input
              id={`${ids}-secret`}
              type="radio"
              name={`${ids}-type`}
              checked={type === 'secret'}
              onChange={() => setType('secret')}
            />{' '}
            <label htmlFor={`${ids}-secret`}>Secret: every scope the plan entitles, now and later</label>
          </p>
        </fieldset>

        {type === 'restricted' ? (
          <>
            <fieldset>
              <legend>Choose scopes by</legend>
              <p className="radio-row">
                <input
                  id={`${ids}-read-only`}
                  type="radio"
                  name={`${ids}-way`}
                  checked={way === 'read-only'}
                  onChange={() => setWay('read-only')}
                />{' '}
                <label htmlFor={`${ids}-read-only`}>Read-only: the resources it can read</label>
              </p>
              <p className="radio-row">
                <input
                  id={`${ids}-advanced`}
                  type="radio"
                  name={`${ids}-way`}
                  checked={way === 'advanced'}
                  onChange={() => setWay('advanced')}
                />{' '}
                <label htmlFor={`${ids}-advanced`}>Advanced: the scope checklist</label>
              </p>
            </fieldset>
            {way === 'read-only' ? (
              <ReadOnlyBuilder
                resources={resourceList}
                plan={plan}
                plans={plans}
                toggled={resources}
                onChange={setResources}
              />
            ) : (
              <ScopeChecklist
                legend="Scopes"
                scopes={scopes}
                plan={plan}
                plans={plans}
                selected={checked}
                onChange={setChecked}
              />
            )}
          </>
        ) : (
          <p className="muted">
            A secret key is narrowed only by the plan: a downgrade narrows it, an upgrade widens it. Prefer a
            restricted key for anything that does not need it all.
          </p>
        )}

        <label htmlFor={`${ids}-expiry`}>Expires (optional)</label>
        <input
          id={`${ids}-expiry`}
          type="date"
          min={today}
          value={expiry}
          aria-describedby={`${ids}-expiry-hint`}
          onChange={(event) => setExpiry(event.target.value)}
        />
        <p id={`${ids}-expiry-hint`} className="field-hint">
          The key stops working at the end of that day. Leave empty for a key that does not expire.
        </p>

        <label htmlFor={`${ids}-ips`}>IP allowlist (optional)</label>
        <textarea
          id={`${ids}-ips`}
          rows={3}
          value={allowlist}
          aria-describedby={`${ids}-ips-hint`}
          placeholder={'203.0.113.0/24\n2001:db8::1'}
          onChange={(event) => setAllowlist(event.target.value)}
        />
        <p id={`${ids}-ips-hint`} className="field-hint">
          One address or CIDR block a line. Leave empty to accept calls from anywhere.
        </p>

        {formError ? (
          <p className="inline-error" role="alert">
            {formError}
          </p>
        ) : null}
        <InlineError error={create.error} />
        <div className="dialog-footer">
          <DialogActions
            onCancel={onClose}
            submits
            label="Create key"
            pendingLabel="Creating…"
            pending={create.isPending}
            disabled={pending}
          />
        </div>
      </form>
    </>
  );
}
