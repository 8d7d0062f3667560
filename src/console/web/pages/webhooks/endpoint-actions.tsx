import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmDialog, Dialog, DialogActions } from '../../components/dialog.tsx';
import { formatDate } from '../../components/format.ts';
import { SecretReveal } from '../../components/secret-reveal.tsx';
import { InlineError } from '../../components/states.tsx';
import { useWorkspace } from '../../workspace.tsx';
import {
  type Delivery,
  type Endpoint,
  type EndpointWithSecret,
  useWebhookMutation,
  webhookCalls,
  webhooksKey,
} from './api.ts';
import { responseText } from './deliveries.tsx';
import { EndpointFormDialog } from './endpoint-form.tsx';

type Open = 'edit' | 'disable' | 'rotate' | 'delete' | null;

/** A manager's controls for one endpoint: test, edit, disable or enable, rotate the secret, delete. */
export function EndpointActions({
  tenantId,
  endpoint,
  deliveries,
}: {
  tenantId: string;
  endpoint: Endpoint;
  /** The endpoint's deliveries as listed, to follow a test event to its outcome. */
  deliveries: readonly Delivery[];
}) {
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const [rotated, setRotated] = useState<EndpointWithSecret | null>(null);
  const close = () => setOpen(null);
  const sendTest = useWebhookMutation(tenantId, () => webhookCalls.test(tenantId, endpoint.id));
  const setDisabled = useWebhookMutation(tenantId, (disabled: boolean) =>
    webhookCalls.update(tenantId, endpoint.id, { disabled }),
  );
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => webhookCalls.remove(tenantId, endpoint.id),
    onSuccess: () => {
      // Leave the page first: reading the endpoint again now would answer 404.
      navigate(workspace.href('webhooks'), { replace: true });
      queryClient.removeQueries({ queryKey: [...webhooksKey(tenantId), 'endpoint', endpoint.id] });
      queryClient.removeQueries({ queryKey: [...webhooksKey(tenantId), 'deliveries', endpoint.id] });
      return queryClient.invalidateQueries({ queryKey: [...webhooksKey(tenantId), 'endpoints'] });
    },
  });
  const testDelivery = sendTest.data
    ? (deliveries.find((delivery) => delivery.id === sendTest.data.id) ?? sendTest.data)
    : undefined;

  return (
    <section className="card" aria-labelledby="endpoint-actions-heading">
      <h2 id="endpoint-actions-heading" className="visually-hidden">
        Manage this endpoint
      </h2>
      <div className="endpoint-actions">
        <button
          type="button"
          className="primary"
          disabled={endpoint.disabled || sendTest.isPending}
          onClick={() => sendTest.mutate(undefined)}
        >
          Send test event
        </button>
        <button type="button" onClick={() => setOpen('edit')}>
          Edit
        </button>
        {endpoint.disabled ? (
          <button type="button" disabled={setDisabled.isPending} onClick={() => setDisabled.mutate(false)}>
            Enable
          </button>
        ) : (
          <button type="button" onClick={() => setOpen('disable')}>
            Disable
          </button>
        )}
        <button type="button" onClick={() => setOpen('rotate')}>
          Rotate secret
        </button>
        <button type="button" className="danger" onClick={() => setOpen('delete')}>
          Delete
        </button>
      </div>
      {endpoint.disabled ? (
        <p className="field-hint">
          Nothing is sent while the endpoint is disabled, test events included. Enabling it forgets its past
          failures.
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="test-result" data-testid="test-result">
        {testDelivery ? testOutcome(testDelivery) : ''}
      </p>
      <InlineError error={sendTest.error ?? (open === null ? setDisabled.error : null)} />

      <EndpointFormDialog
        open={open === 'edit'}
        tenantId={tenantId}
        mode={endpoint.mode}
        endpoint={endpoint}
        onClose={close}
      />
      <ConfirmDialog
        open={open === 'disable'}
        title="Disable this endpoint?"
        message={
          <p>
            Nothing is sent to <code className="endpoint-url">{endpoint.url}</code> while it is disabled, and
            its events are not kept for later. You can enable it again at any time.
          </p>
        }
        confirmLabel="Disable endpoint"
        pending={setDisabled.isPending}
        error={<InlineError error={setDisabled.error} />}
        onConfirm={() => setDisabled.mutate(true, { onSuccess: close })}
        onClose={close}
      />
      <RotateDialog
        open={open === 'rotate'}
        tenantId={tenantId}
        endpoint={endpoint}
        onClose={close}
        onRotated={(answer) => {
          close();
          setRotated(answer);
        }}
      />
      <ConfirmDialog
        open={open === 'delete'}
        title="Delete this endpoint?"
        message={
          <p>
            <code className="endpoint-url">{endpoint.url}</code> gets no more events, and its delivery history
            is deleted with it. This cannot be undone.
          </p>
        }
        confirmLabel="Delete endpoint"
        pending={remove.isPending}
        error={<InlineError error={remove.error} />}
        onConfirm={() => remove.mutate()}
        onClose={close}
      />
      <SecretReveal
        open={rotated !== null}
        title="The new signing secret"
        note={rotationNote(rotated)}
        secrets={rotated ? [{ label: 'Signing secret', value: rotated.secret }] : []}
        onClose={() => setRotated(null)}
      />
    </section>
  );
}

function rotationNote(rotated: EndpointWithSecret | null): string {
  const once = 'This is the only time the new signing secret is shown: copy it now.';
  if (!rotated?.previousSecretExpiresAt) {
    return `${once} The previous secret no longer signs deliveries: update your receiver at once.`;
  }
  return `${once} Until ${formatDate(rotated.previousSecretExpiresAt)} every delivery carries a signature with the previous secret too, so your receiver keeps working while you switch it to the new one.`;
}

/** A test event's outcome, as its delivery row says it. */
function testOutcome(delivery: Delivery): string {
  const last = delivery.attempts.at(-1);
  switch (delivery.status) {
    case 'succeeded':
      return `Test event delivered: the endpoint answered ${responseText(last)}.`;
    case 'failed':
      return `The test event failed: ${responseText(last)}. Its delivery is listed below.`;
    default:
      return last
        ? `The endpoint did not accept the test event (${responseText(last)}); it is tried again ${formatDate(delivery.nextAttemptAt)}.`
        : 'Test event sent (webhook.ping). Waiting for the endpoint to answer…';
  }
}

const GRACE_PERIODS = [
  { seconds: 0, label: 'None: the previous secret stops signing now' },
  { seconds: 3_600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 7 * 86_400, label: '7 days' },
  { seconds: 30 * 86_400, label: '30 days' },
];

function RotateDialog({
  open,
  tenantId,
  endpoint,
  onClose,
  onRotated,
}: {
  open: boolean;
  tenantId: string;
  endpoint: Endpoint;
  onClose: () => void;
  onRotated: (answer: EndpointWithSecret) => void;
}) {
  const graceId = useId();
  const [grace, setGrace] = useState(86_400);
  const rotate = useWebhookMutation(tenantId, (seconds: number) =>
    webhookCalls.rotate(tenantId, endpoint.id, seconds),
  );
  return (
    <Dialog
      open={open}
      title="Rotate the signing secret?"
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          label="Rotate secret"
          pending={rotate.isPending}
          onAction={() => rotate.mutate(grace, { onSuccess: onRotated })}
        />
      }
    >
      <p>
        A new signing secret replaces the current one, and is shown once. During the grace period each
        delivery is signed with both secrets (two values in its webhook-signature header), so your receiver
        keeps accepting deliveries while you switch it to the new secret.
      </p>
      <div className="field">
        <label htmlFor={graceId}>Grace period for the previous secret</label>
        <select id={graceId} value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
          {GRACE_PERIODS.map((period) => (
            <option key={period.seconds} value={period.seconds}>
              {period.label}
            </option>
          ))}
        </select>
      </div>
      <InlineError error={rotate.error} />
    </Dialog>
  );
}
