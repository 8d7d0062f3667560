import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { InlineError } from '../../components/states.tsx';
import { useWorkspace } from '../../workspace.tsx';
import type { ApiKeyView, IssuedKey } from './keys-api.ts';

/** The grace periods offered; the server takes any number of seconds up to 30 days. */
const GRACE_PERIODS: { seconds: number; label: string }[] = [
  { seconds: 0, label: 'None: the old secret stops now' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 7 * 86_400, label: '7 days' },
  { seconds: 30 * 86_400, label: '30 days' },
];

/**
 * Rolling a key: a new secret for the same key (same id, scopes and feed); the old secret keeps working for the
 * grace period chosen, so deployments can move over.
 */
export function RollKeyDialog({
  target,
  onClose,
  onRolled,
}: {
  target: ApiKeyView | null;
  onClose: () => void;
  onRolled: (key: IssuedKey) => void;
}) {
  const { tenantId } = useWorkspace();
  const graceId = useId();
  const [grace, setGrace] = useState(3600);
  const roll = useMutation({
    mutationFn: (key: ApiKeyView) =>
      unwrap(
        api.POST('/api/v1/tenants/{tenantId}/keys/{keyId}/roll', {
          params: { path: { tenantId, keyId: key.id } },
          body: { gracePeriodSeconds: grace },
        }),
      ),
    onSuccess: (rolled) => {
      roll.reset();
      onRolled(rolled);
    },
  });
  const close = () => {
    roll.reset();
    onClose();
  };
  return (
    <Dialog
      open={target !== null}
      title={`Roll “${target?.name ?? ''}”`}
      onClose={close}
      footer={
        <DialogActions
          onCancel={close}
          label="Roll key"
          pendingLabel="Rolling…"
          pending={roll.isPending}
          onAction={() => target && roll.mutate(target)}
        />
      }
    >
      <p>
        The key gets a new secret, shown once. Its name, scopes and activity stay. Give the old secret a grace
        period if something still uses it.
      </p>
      <div className="field">
        <label htmlFor={graceId}>Old secret keeps working for</label>
        <select id={graceId} value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
          {GRACE_PERIODS.map((period) => (
            <option key={period.seconds} value={period.seconds}>
              {period.label}
            </option>
          ))}
        </select>
      </div>
      <InlineError error={roll.error} />
    </Dialog>
  );
}
