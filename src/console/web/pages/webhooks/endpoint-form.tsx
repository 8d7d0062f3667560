import { type FormEvent, useId, useState } from 'react';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { InlineError, QueryView } from '../../components/states.tsx';
import type { Mode } from '../../workspace.tsx';
import {
  type Endpoint,
  type EndpointWithSecret,
  useEventTypes,
  useWebhookMutation,
  webhookCalls,
} from './api.ts';
import { EventPicker } from './event-picker.tsx';

interface Values {
  url: string;
  description: string;
  events: string[];
}

/**
 * Adding an endpoint (in the workspace's current mode) or changing one: its URL, description and events. A new
 * endpoint's answer carries its signing secret, handed to `onCreated` to be revealed once.
 */
export function EndpointFormDialog({
  open,
  tenantId,
  mode,
  endpoint,
  onClose,
  onCreated,
}: {
  open: boolean;
  tenantId: string;
  mode: Mode;
  /** The endpoint to change; without it, a new one. */
  endpoint?: Endpoint;
  onClose: () => void;
  onCreated?: (created: EndpointWithSecret) => void;
}) {
  const formId = useId();
  const title = endpoint ? 'Edit endpoint' : `Add a ${mode}-mode endpoint`;
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <DialogActions onCancel={onClose} form={formId} label={endpoint ? 'Save changes' : 'Add endpoint'} />
      }
    >
      {open ? (
        <EndpointForm
          formId={formId}
          tenantId={tenantId}
          mode={mode}
          onClose={onClose}
          {...(endpoint ? { endpoint } : {})}
          {...(onCreated ? { onCreated } : {})}
        />
      ) : null}
    </Dialog>
  );
}

function EndpointForm({
  formId,
  tenantId,
  mode,
  endpoint,
  onClose,
  onCreated,
}: {
  formId: string;
  tenantId: string;
  mode: Mode;
  endpoint?: Endpoint;
  onClose: () => void;
  onCreated?: (created: EndpointWithSecret) => void;
}) {
  const urlId = useId();
  const descriptionId = useId();
  const eventTypes = useEventTypes();
  const [values, setValues] = useState<Values>({
    url: endpoint?.url ?? '',
    description: endpoint?.description ?? '',
    events: endpoint?.events ?? [],
  });
  const [noEvents, setNoEvents] = useState(false);
  const save = useWebhookMutation(tenantId, (input: Values) =>
    endpoint
      ? webhookCalls.update(tenantId, endpoint.id, input).then(() => null)
      : webhookCalls.create(tenantId, { ...input, mode }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values.events.length === 0) {
      setNoEvents(true);
      return;
    }
    save.mutate(values, {
      onSuccess: (created) => {
        onClose();
        if (created) onCreated?.(created);
      },
    });
  };
  return (
    <form id={formId} className="endpoint-form" onSubmit={submit} aria-busy={save.isPending}>
      {endpoint ? null : (
        <p className="muted">
          It receives {mode}-mode events only. Portcullis signs every delivery; the signing secret is shown
          once, after you add it.
        </p>
      )}
      <label htmlFor={urlId}>Endpoint URL</label>
      <input
        id={urlId}
        type="url"
        required
        maxLength={2048}
        placeholder="https://example.com/webhooks/portcullis"
        aria-describedby={`${urlId}-hint`}
        value={values.url}
        onChange={(event) => setValues({ ...values, url: event.target.value })}
      />
      <p id={`${urlId}-hint`} className="field-hint">
        A public HTTPS address is best. Private and loopback addresses are refused unless the platform allows
        them.
      </p>
      <label htmlFor={descriptionId}>Description (optional)</label>
      <input
        id={descriptionId}
        maxLength={500}
        value={values.description}
        onChange={(event) => setValues({ ...values, description: event.target.value })}
      />
      <QueryView query={eventTypes} loadingLabel="Loading the event types">
        {(catalogue) => (
          <EventPicker
            eventTypes={catalogue.items}
            selected={values.events}
            onChange={(events) => {
              setNoEvents(false);
              setValues({ ...values, events });
            }}
          />
        )}
      </QueryView>
      {noEvents ? (
        <p className="inline-error" role="alert">
          Choose at least one event, or all events.
        </p>
      ) : null}
      <InlineError error={save.error} />
      {save.isPending ? <p className="muted">Saving…</p> : null}
    </form>
  );
}
