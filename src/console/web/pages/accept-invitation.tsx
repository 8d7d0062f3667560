import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { ApiError, explainError } from '../api/problem.ts';
import { ErrorState, Loading } from '../components/states.tsx';
import { fetchSession, useSession, useSessionReset } from '../session.tsx';
import { workspaceHref } from '../workspace.tsx';

/** The invitation's token: the link carries it in its fragment, which never reaches a server or a log. */
function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}

type Way = 'signed-in' | 'new' | 'existing';

/** Why an acceptance failed, in the words of this page. */
function explainAcceptance(error: unknown, way: Way): string {
  if (error instanceof ApiError) {
    if (error.code === 'not_found')
      return 'This invitation link is not valid: it was used, revoked or has expired. Ask for a new one.';
    if (error.code === 'invalid_credential')
      return way === 'signed-in'
        ? 'This invitation is for another account. Choose “I already have an account” and give its password.'
        : 'The password is not right for the invited account.';
  }
  return explainError(error);
}

export function AcceptInvitationPage() {
  const [token] = useState(tokenFromHash);
  const session = useSession();
  const resetSession = useSessionReset();
  const navigate = useNavigate();
  const [way, setWay] = useState<Way | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const nameId = useId();
  const passwordId = useId();
  const signedIn = session.data ?? null;
  useEffect(() => {
    document.title = 'Accept the invitation · Portcullis';
  }, []);
  const chosen: Way = way ?? (signedIn ? 'signed-in' : 'new');
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/invitations/accept', {
          body:
            chosen === 'new'
              ? { token, name, password }
              : chosen === 'existing'
                ? { token, password }
                : { token },
        }),
      ),
    onSuccess: async (accepted) => {
      resetSession(await fetchSession());
      navigate(workspaceHref(accepted.tenantId, 'live'), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  const choose = (next: Way) => {
    accept.reset();
    setPassword('');
    setWay(next);
  };

  if (!token) {
    return (
      <main className="centered">
        <h1>Accept the invitation</h1>
        <p>
          This address has no invitation in it. Open the whole link you were sent; it ends with a long code
          after a <code>#</code>.
        </p>
      </main>
    );
  }
  if (session.isPending) return <Loading label="Opening the invitation" />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;

  return (
    <main className="centered accept-invitation">
      <h1>Accept the invitation</h1>
      <p>You were invited to a workspace on Portcullis. Accepting it adds the workspace to your console.</p>
      {chosen === 'signed-in' && signedIn ? (
        <form onSubmit={submit}>
          <p>
            You are signed in as <strong>{signedIn.user.name}</strong> ({signedIn.user.email}).
          </p>
          {accept.isError ? (
            <p className="inline-error" role="alert">
              {explainAcceptance(accept.error, chosen)}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={accept.isPending}>
            {accept.isPending ? 'Accepting…' : `Accept as ${signedIn.user.name || signedIn.user.email}`}
          </button>
          <p>
            <button type="button" className="link" onClick={() => choose('existing')}>
              Accept with another account
            </button>
          </p>
        </form>
      ) : (
        <>
          <fieldset className="mode-switch accept-ways">
            <legend className="visually-hidden">How do you want to accept?</legend>
            <button
              type="button"
              aria-pressed={chosen === 'new'}
              className={chosen === 'new' ? 'on' : ''}
              onClick={() => choose('new')}
            >
              I am new here
            </button>
            <button
              type="button"
              aria-pressed={chosen === 'existing'}
              className={chosen === 'existing' ? 'on' : ''}
              onClick={() => choose('existing')}
            >
              I already have an account
            </button>
          </fieldset>
          <form onSubmit={submit}>
            {chosen === 'new' ? (
              <>
                <p>Create your account: the invitation's email address becomes your sign-in.</p>
                <label htmlFor={nameId}>Your name</label>
                <input
                  id={nameId}
                  autoComplete="name"
                  required
                  maxLength={200}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              </>
            ) : (
              <p>Give the password of the account the invitation was sent to.</p>
            )}
            <label htmlFor={passwordId}>{chosen === 'new' ? 'Choose a password' : 'Password'}</label>
            <input
              id={passwordId}
              type="password"
              autoComplete={chosen === 'new' ? 'new-password' : 'current-password'}
              required
              minLength={chosen === 'new' ? 12 : 1}
              maxLength={128}
              aria-describedby={chosen === 'new' ? `${passwordId}-hint` : undefined}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            {chosen === 'new' ? (
              <p id={`${passwordId}-hint`} className="field-hint">
                12 to 128 characters. A long passphrase is easiest to remember.
              </p>
            ) : null}
            {accept.isError ? (
              <p className="inline-error" role="alert">
                {explainAcceptance(accept.error, chosen)}
              </p>
            ) : null}
            <button type="submit" className="primary" disabled={accept.isPending}>
              {accept.isPending ? 'Accepting…' : chosen === 'new' ? 'Create account and join' : 'Join'}
            </button>
          </form>
        </>
      )}
    </main>
  );
}
