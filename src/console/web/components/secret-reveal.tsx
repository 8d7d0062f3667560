import { useId, useState } from 'react';
import { CopyButton } from './copy-button.tsx';
import { Dialog } from './dialog.tsx';

export interface RevealedSecret {
  label: string;
  value: string;
}

/**
 * The one-time reveal: the server returns a secret once, so the dialog shows it with a copy button and closes
 * only after the user confirms they stored it. Escape does not close it.
 */
export function SecretReveal({
  open,
  title,
  secrets,
  note,
  onClose,
}: {
  open: boolean;
  title: string;
  secrets: RevealedSecret[];
  note?: string;
  onClose: () => void;
}) {
  const [stored, setStored] = useState(false);
  const checkId = useId();
  return (
    <Dialog
      open={open}
      title={title}
      dismissible={false}
      onClose={onClose}
      footer={
        <button
          type="button"
          className="primary"
          disabled={!stored}
          onClick={() => {
            setStored(false);
            onClose();
          }}
        >
          Done
        </button>
      }
    >
      <p className="warning">
        {note ?? 'This is the only time it is shown. Copy it now and store it where you keep secrets.'}
      </p>
      {secrets.map((secret) => (
        <div className="secret" key={secret.label}>
          <span className="secret-label">{secret.label}</span>
          <code className="secret-value" data-testid="revealed-secret">
            {secret.value}
          </code>
          <CopyButton value={secret.value} label={`Copy ${secret.label.toLowerCase()}`} />
        </div>
      ))}
      <p>
        <input id={checkId} type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />{' '}
        <label htmlFor={checkId}>I have copied it and stored it safely</label>
      </p>
    </Dialog>
  );
}
