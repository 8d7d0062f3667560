import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus, closes on Escape (through `onCancel`, which
 * may refuse) and returns focus to the opener.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  dismissible = true,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** When false, Escape does nothing: the footer's buttons are the only way out. */
  dismissible?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-footer">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}

/** "Are you sure?" for destructive actions, naming what will happen. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          label={confirmLabel}
          tone="danger"
          onAction={onConfirm}
          pending={pending ?? false}
        />
      }
    >
      {message}
      {error}
    </Dialog>
  );
}

/**
 * A dialog's footer: Cancel, then its one action, either the submit button of a form (`form`: the form's id,
 * or `submits` inside the form itself) or a button of its own (`onAction`). While `pending` the action is
 * disabled and may say so.
 */
export function DialogActions({
  onCancel,
  label,
  pendingLabel,
  pending = false,
  disabled = false,
  form,
  submits = false,
  onAction,
  tone = 'primary',
}: {
  onCancel: () => void;
  label: string;
  pendingLabel?: string;
  pending?: boolean;
  disabled?: boolean;
  form?: string;
  submits?: boolean;
  onAction?: () => void;
  tone?: 'primary' | 'danger';
}) {
  return (
    <>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button
        type={form || submits ? 'submit' : 'button'}
        form={form}
        className={tone}
        onClick={onAction}
        disabled={pending || disabled}
      >
        {pending && pendingLabel ? pendingLabel : label}
      </button>
    </>
  );
}
