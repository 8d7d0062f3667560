import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Dialog } from '../../components/dialog.tsx';
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
  };
  const [name, setName] = useState(app?.name ?? '');
  const [type, setType] = useState<'confidential' | 'public'>(app?.type ?? 'confidential');
  const [origins, setOrigins] = useState((app?.allowedOrigins ?? []).join('\n'));
  const [redirects, setRedirects] = useState((app?.redirectUris ?? []).join('\n'));
  const [logoUrl, setLogoUrl] = useState(app?.logoUrl ?? '');
  const [homepageUrl, setHomepageUrl] = useState(app?.homepageUrl ?? '');
  const save = useMutation({
    mutationFn: () => {
      const common = { name: name.trim(), allowedOrigins: lines(origins), redirectUris: lines(redirects) };
      if (app) {
        return unwrap(
          api.PATCH('/api/v1/tenants/{tenantId}/apps/{appId}', {
            params: { path: { tenantId, appId: app.id } },
            body: { ...common, logoUrl: logoUrl.trim() || null, homepageUrl: homepageUrl.trim() || null },
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
  const fieldsNamed = Object.keys(errors).length > 0;
  return (
    <Dialog
      open
      title={app ? `Edit “${app.name}”` : 'Register an app'}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={save.isPending}>
            {app ? 'Save app' : 'Create app'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
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
        {fieldsNamed ? (
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
