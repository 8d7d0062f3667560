import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { InlineError } from '../../components/states.tsx';
import { useWorkspace } from '../../workspace.tsx';
import type { AppView } from '../clients/types.ts';
import { fieldErrors } from './field-errors.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** One labelled field with its hint and the server's messages for it, tied together for screen readers. */
function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: string[] | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(described || undefined, Boolean(errors))}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <ul id={`${id}-error`} className="inline-error field-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Register an app, or change one (`app` given). The type is chosen once: the API keeps it fixed. */
export function AppFormDialog({ app, onClose }: { app: AppView | null; onClose: () => void }) {
  const { tenantId } = useWorkspace();
  const queryClient = useQueryClient();
  const formId = useId();
  const ids = {
    name: useId(),
    type: useId(),
    origins: useId(),
    redirects: useId(),
    logo: useId(),
    homepage: useId(),
    jwks: useId(),
  };
  const [name, setName] = useState(app?.name ?? '');
  const [type, setType] = useState<'confidential' | 'public'>(app?.type ?? 'confidential');
  const [origins, setOrigins] = useState((app?.allowedOrigins ?? []).join('\n'));
  const [redirects, setRedirects] = useState((app?.redirectUris ?? []).join('\n'));
  const [logoUrl, setLogoUrl] = useState(app?.logoUrl ?? '');
  const [homepageUrl, setHomepageUrl] = useState(app?.homepageUrl ?? '');
  const storedJwks = app?.jwks ? JSON.stringify(app.jwks, null, 2) : '';
  const [jwks, setJwks] = useState(storedJwks);
  const [jwksUnreadable, setJwksUnreadable] = useState(false);
  const confidential = (app?.type ?? type) === 'confidential';
  const save = useMutation({
    mutationFn: (keys: { changed: false } | { changed: true; jwks: Jwks | null }) => {
      const common = { name: name.trim(), allowedOrigins: lines(origins), redirectUris: lines(redirects) };
      const keyField = keys.changed ? { jwks: keys.jwks } : {};
      if (app) {
        return unwrap(
          api.PATCH('/api/v1/tenants/{tenantId}/apps/{appId}', {
            params: { path: { tenantId, appId: app.id } },
            body: {
              ...common,
              logoUrl: logoUrl.trim() || null,
              homepageUrl: homepageUrl.trim() || null,
              ...keyField,
            },
          }),
        );
      }
      return unwrap(
        api.POST('/api/v1/tenants/{tenantId}/apps', {
          params: { path: { tenantId } },
          body: {
            ...common,
            type,
            ...(logoUrl.trim() ? { logoUrl: logoUrl.trim() } : {}),
            ...(homepageUrl.trim() ? { homepageUrl: homepageUrl.trim() } : {}),
            ...(keys.changed && keys.jwks ? { jwks: keys.jwks } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['apps', tenantId] });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const fieldsNamed = Object.keys(errors).some((field) => FORM_FIELDS.has(field));
  const jwksErrors = jwksUnreadable
    ? ['This is not a key set: paste JSON of the form {"keys": [{"kty": …}, …]}.']
    : confidential
      ? errors.jwks
      : undefined;
  return (
    <Dialog
      open
      title={app ? `Edit “${app.name}”` : 'Register an app'}
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          form={formId}
          label={app ? 'Save app' : 'Create app'}
          pending={save.isPending}
        />
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const text = confidential ? jwks.trim() : '';
          if (text === storedJwks.trim()) {
            setJwksUnreadable(false);
            save.mutate({ changed: false });
            return;
          }
          const parsed = text === '' ? null : readJwks(text);
          setJwksUnreadable(parsed === undefined);
          if (parsed !== undefined) save.mutate({ changed: true, jwks: parsed });
        }}
      >
        <Field id={ids.name} label="Name" errors={errors.name}>
          {(describedBy, invalid) => (
            <input
              id={ids.name}
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={200}
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        {app ? (
          <p>
            <strong>Type:</strong> {app.type}{' '}
            <span className="muted">(fixed when the app was registered)</span>
          </p>
        ) : (
          <Field
            id={ids.type}
            label="Type"
            hint="Confidential apps run on a server and may have API clients with secrets; public apps (SPAs, mobile) use PKCE alone. It cannot be changed later."
            errors={errors.type}
          >
            {(describedBy) => (
              <select
                id={ids.type}
                value={type}
                onChange={(event) => setType(event.target.value as 'confidential' | 'public')}
                aria-describedby={describedBy}
              >
                <option value="confidential">Confidential</option>
                <option value="public">Public</option>
              </select>
            )}
          </Field>
        )}
        <Field
          id={ids.origins}
          label="Allowed origins"
          hint="One per line, exactly as browsers send them: https://app.example.com (no path, no trailing slash)."
          errors={errors.allowedOrigins}
        >
          {(describedBy, invalid) => (
            <textarea
              id={ids.origins}
              rows={3}
              value={origins}
              onChange={(event) => setOrigins(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field
          id={ids.redirects}
          label="Redirect URIs"
          hint="One per line, compared exactly: https, or http only on localhost, 127.0.0.1 or [::1]; no fragment."
          errors={errors.redirectUris}
        >
          {(describedBy, invalid) => (
            <textarea
              id={ids.redirects}
              rows={3}
              value={redirects}
              onChange={(event) => setRedirects(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field id={ids.logo} label="Logo URL" hint="An https image URL; optional." errors={errors.logoUrl}>
          {(describedBy, invalid) => (
            <input
              id={ids.logo}
              type="url"
              value={logoUrl}
              onChange={(event) => setLogoUrl(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field
          id={ids.homepage}
          label="Homepage URL"
          hint="An https URL; optional."
          errors={errors.homepageUrl}
        >
          {(describedBy, invalid) => (
            <input
              id={ids.homepage}
              type="url"
              value={homepageUrl}
              onChange={(event) => setHomepageUrl(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        {confidential ? (
          <Field
            id={ids.jwks}
            label="Client public keys (JWK Set)"
            hint={
              app?.jwksUri
                ? `The clients' keys are published at ${app.jwksUri}, which the server reads.`
                : 'Optional. With keys, this app\'s clients have no secret: they authenticate with private_key_jwt, signing each assertion with the private half of one of these keys. Paste the public keys as {"keys": [ … ]}: EC P-256, RSA of 2048 bits or more, or Ed25519. Leave empty for clients with secrets.'
            }
            errors={jwksErrors}
          >
            {(describedBy, invalid) => (
              <textarea
                id={ids.jwks}
                rows={4}
                value={jwks}
                spellCheck={false}
                onChange={(event) => setJwks(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className="mono"
              />
            )}
          </Field>
        ) : null}
        {fieldsNamed || jwksUnreadable ? (
          <p className="inline-error" role="alert">
            The server refused some fields: see the messages next to them.
          </p>
        ) : (
          <InlineError error={save.error} />
        )}
      </form>
    </Dialog>
  );
}

type Jwks = NonNullable<AppView['jwks']>;

/** The fields this form shows, so a refusal naming one of them is shown next to it. */
const FORM_FIELDS = new Set([
  'name',
  'type',
  'allowedOrigins',
  'redirectUris',
  'logoUrl',
  'homepageUrl',
  'jwks',
]);

/** The pasted key set as the API takes it, or undefined when it is not JSON of that shape (the server checks the keys). */
function readJwks(text: string): Jwks | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const keys = typeof value === 'object' && value !== null ? (value as { keys?: unknown }).keys : undefined;
    if (!Array.isArray(keys)) return undefined;
    const shaped = keys.every(
      (key: unknown) =>
        typeof key === 'object' && key !== null && typeof (key as { kty?: unknown }).kty === 'string',
    );
    return shaped ? (value as Jwks) : undefined;
  } catch {
    return undefined;
  }
}
