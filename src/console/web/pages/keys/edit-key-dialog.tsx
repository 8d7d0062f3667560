import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { ScopeChecklist } from '../../components/scope-checklist.tsx';
import { InlineError, QueryView } from '../../components/states.tsx';
import { useWorkspacePlan, type WorkspacePlan } from '../../plan.ts';
import { useWorkspace } from '../../workspace.tsx';
import { type ApiKeyView, allowlistLines, endOfDayIso, type UpdateKeyBody } from './keys-api.ts';

/** Limits the server holds `meta` to (decision 033), checked here first so the message is immediate. */
const MAX_META_KEYS = 20;
const MAX_META_BYTES = 4096;

/**
 * "Edit": a key's name, scopes (a restricted key's), expiry, IP allowlist, metadata, external id and rate.
 * Only the fields that changed are sent; the next verification sees them.
 */
export function EditKeyDialog({
  target,
  onClose,
  onSaved,
}: {
  target: ApiKeyView | null;
  onClose: () => void;
  onSaved: (key: ApiKeyView) => void;
}) {
  const { tenantId } = useWorkspace();
  const workspacePlan = useWorkspacePlan(tenantId);
  return (
    <Dialog
      open={target !== null}
      title={`Edit “${target?.name ?? ''}”`}
      onClose={onClose}
      footer={
        workspacePlan.data && target ? undefined : (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )
      }
    >
      {target ? (
        <QueryView query={workspacePlan} loadingLabel="Loading the plan and scopes">
          {(data) => (
            <EditKeyForm
              key={target.id}
              target={target}
              workspacePlan={data}
              onClose={onClose}
              onSaved={onSaved}
            />
          )}
        </QueryView>
      ) : null}
    </Dialog>
  );
}

/** A `YYYY-MM-DD` for an `<input type="date">`, in the local calendar. */
function localDate(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The metadata text as an object, or a sentence saying what is wrong with it. */
function parseMeta(text: string): { meta: Record<string, unknown> | null } | { error: string } {
  if (!text.trim()) return { meta: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'Metadata must be valid JSON, e.g. {"customer": "Acme"}.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: 'Metadata must be a JSON object, in braces.' };
  }
  if (Object.keys(parsed).length > MAX_META_KEYS) {
    return { error: `Metadata may have at most ${MAX_META_KEYS} top-level fields.` };
  }
  if (new TextEncoder().encode(JSON.stringify(parsed)).length > MAX_META_BYTES) {
    return { error: `Metadata may be at most ${MAX_META_BYTES} bytes.` };
  }
  return { meta: parsed as Record<string, unknown> };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function EditKeyForm({
  target,
  workspacePlan: { plan, plans, scopes },
  onClose,
  onSaved,
}: {
  target: ApiKeyView;
  workspacePlan: WorkspacePlan;
  onClose: () => void;
  onSaved: (key: ApiKeyView) => void;
}) {
  const { tenantId } = useWorkspace();
  const ids = useId();
  const initialExpiry = localDate(target.expiresAt);
  const [name, setName] = useState(target.name);
  const [checked, setChecked] = useState<string[]>(target.scopes ?? []);
  const [expiry, setExpiry] = useState(initialExpiry);
  const [allowlist, setAllowlist] = useState((target.ipAllowlist ?? []).join('\n'));
  const [metaText, setMetaText] = useState(target.meta ? JSON.stringify(target.meta, null, 2) : '');
  const [externalId, setExternalId] = useState(target.externalId ?? '');
  const [rate, setRate] = useState(target.rateLimit ? String(target.rateLimit.requestsPerMinute) : '');
  const [formError, setFormError] = useState<string | null>(null);
  const planRate = plan?.requestsPerMinute;

  const save = useMutation({
    mutationFn: (body: UpdateKeyBody) =>
      unwrap(
        api.PATCH('/api/v1/tenants/{tenantId}/keys/{keyId}', {
          params: { path: { tenantId, keyId: target.id } },
          body,
        }),
      ),
    onSuccess: onSaved,
  });

  const submit = () => {
    setFormError(null);
    if (!name.trim()) return setFormError('Give the key a name.');
    if (target.type === 'restricted' && checked.length === 0)
      return setFormError('Choose at least one scope.');
    const meta = parseMeta(metaText);
    if ('error' in meta) return setFormError(meta.error);
    const rateValue = rate.trim() === '' ? null : Number(rate);
    if (rateValue !== null && (!Number.isInteger(rateValue) || rateValue < 1)) {
      return setFormError('The rate limit is a whole number of requests per minute, at least 1.');
    }
    const body: UpdateKeyBody = {};
    if (name.trim() !== target.name) body.name = name.trim();
    if (target.type === 'restricted' && !same([...checked].sort(), [...(target.scopes ?? [])].sort())) {
      body.scopes = checked;
    }
    if (expiry !== initialExpiry) body.expiresAt = endOfDayIso(expiry) ?? null;
    const ips = allowlistLines(allowlist);
    if (!same(ips, target.ipAllowlist ?? [])) body.ipAllowlist = ips.length > 0 ? ips : null;
    if (!same(meta.meta, target.meta)) body.meta = meta.meta;
    const external = externalId.trim() || null;
    if (external !== target.externalId) body.externalId = external;
    if (rateValue !== (target.rateLimit?.requestsPerMinute ?? null)) {
      body.rateLimit = rateValue === null ? null : { requestsPerMinute: rateValue };
    }
    if (Object.keys(body).length === 0) return onClose();
    save.mutate(body);
  };

  const today = new Date().toISOString().slice(0, 10);
  return (
    <form
      className="key-form"
      noValidate
      aria-label={`Edit ${target.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${ids}-name`}>Name</label>
      <input
        id={`${ids}-name`}
        value={name}
        required
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
      />

      {target.type === 'restricted' ? (
        <ScopeChecklist
          legend="Scopes"
          scopes={scopes}
          plan={plan}
          plans={plans}
          selected={checked}
          onChange={setChecked}
        />
      ) : (
        <p className="muted">
          A secret key holds every scope the plan entitles; its scopes cannot be listed.
        </p>
      )}

      <label htmlFor={`${ids}-expiry`}>Expires</label>
      <input
        id={`${ids}-expiry`}
        type="date"
        min={today}
        value={expiry}
        aria-describedby={`${ids}-expiry-hint`}
        onChange={(event) => setExpiry(event.target.value)}
      />
      <p id={`${ids}-expiry-hint`} className="field-hint">
        The key stops working at the end of that day. Clear it for a key that does not expire.
      </p>

      <label htmlFor={`${ids}-ips`}>IP allowlist</label>
      <textarea
        id={`${ids}-ips`}
        rows={3}
        value={allowlist}
        aria-describedby={`${ids}-ips-hint`}
        onChange={(event) => setAllowlist(event.target.value)}
      />
      <p id={`${ids}-ips-hint`} className="field-hint">
        One address or CIDR block a line. Empty: calls from anywhere.
      </p>

      <label htmlFor={`${ids}-meta`}>Metadata (JSON)</label>
      <textarea
        id={`${ids}-meta`}
        rows={4}
        className="key-meta"
        spellCheck={false}
        value={metaText}
        aria-describedby={`${ids}-meta-hint`}
        placeholder={'{"customer": "Acme"}'}
        onChange={(event) => setMetaText(event.target.value)}
      />
      <p id={`${ids}-meta-hint`} className="field-hint">
        A JSON object returned with every successful verification of this key: at most {MAX_META_KEYS} fields
        and {MAX_META_BYTES} bytes. Empty: none.
      </p>

      <label htmlFor={`${ids}-external`}>External id</label>
      <input
        id={`${ids}-external`}
        value={externalId}
        maxLength={200}
        aria-describedby={`${ids}-external-hint`}
        onChange={(event) => setExternalId(event.target.value)}
      />
      <p id={`${ids}-external-hint`} className="field-hint">
        Your own id of the customer or user this key belongs to; verification returns it.
      </p>

      <label htmlFor={`${ids}-rate`}>Rate limit (requests per minute)</label>
      <input
        id={`${ids}-rate`}
        type="number"
        inputMode="numeric"
        min={1}
        max={planRate}
        value={rate}
        aria-describedby={`${ids}-rate-hint`}
        onChange={(event) => setRate(event.target.value)}
      />
      <p id={`${ids}-rate-hint`} className="field-hint">
        Empty: the plan’s rate{planRate === undefined ? '' : ` (${planRate} a minute)`}. A key’s own rate
        cannot be above its plan’s.
      </p>

      {formError ? (
        <p className="inline-error" role="alert">
          {formError}
        </p>
      ) : null}
      <InlineError error={save.error} />
      <div className="dialog-footer">
        <DialogActions
          onCancel={onClose}
          submits
          label="Save changes"
          pendingLabel="Saving…"
          pending={save.isPending}
        />
      </div>
    </form>
  );
}
