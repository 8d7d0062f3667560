import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { ApiError, explainError } from '../api/problem.ts';
import { Loading } from '../components/states.tsx';
import { useSession, useSessionReset } from '../session.tsx';

/** Where a sign-in may send the user back to: a console page, or the OAuth consent of this server. */
export type NextPlace = { inConsole: string } | { outside: string };

/**
 * `next` is a path of this origin. A console path (`/console/…`) is followed inside the app; the OAuth
 * authorization endpoint (an app asked for consent before the user signed in) by a full page load; anything
 * else, another origin included, is ignored.
 */
export function nextPlace(next: string | null): NextPlace {
  if (!next || !/^\/(?![/\\])[^\\\s]*$/.test(next)) return { inConsole: '/' };
  if (next === '/console' || next.startsWith('/console/') || next.startsWith('/console?'))
    return { inConsole: next.slice('/console'.length) || '/' };
  if (next.startsWith('/api/v1/platform/oauth/authorize?')) return { outside: next };
  return { inConsole: '/' };
}

export function SignInPage() {
  const [params] = useSearchParams();
  const next = nextPlace(params.get('next'));
  const session = useSession();
  const resetSession = useSessionReset();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailId = useId();
  const passwordId = useId();
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/session', { body: { email, password } })),
    // Signed in, the page renders again with a session and leaves from there: one navigation, not two
    // (a second `location.assign` would abort the first).
    onSuccess: (answer) => resetSession(answer),
  });
  if (session.isPending) return <Loading label="Opening the console" />;
  if (session.data) {
    if ('outside' in next) return <LeaveFor href={next.outside} />;
    return <Navigate to={next.inConsole} replace />;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main className="centered sign-in">
      <h1>Sign in to the console</h1>
      {params.get('handoff') === 'expired' ? (
        <p className="warning" role="alert">
          That sign-in link is not valid any more: each link works once, for a minute. Open the console again
          from your platform's settings, or sign in with a password below.
        </p>
      ) : null}
      <p>
        Your platform may sign you in for you: open the console from its settings (Settings › Developers).
        With a password of your own, sign in here.
      </p>
      <form onSubmit={submit}>
        <label htmlFor={emailId}>Email</label>
        <input
          id={emailId}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor={passwordId}>Password</label>
        <input
          id={passwordId}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {signIn.isError ? (
          <p className="inline-error" role="alert">
            {signIn.error instanceof ApiError && signIn.error.code === 'invalid_credential'
              ? 'The email or password is not right.'
              : explainError(signIn.error)}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** Leaves the console for a page of the server (the OAuth consent) by a full page load, once. */
function LeaveFor({ href }: { href: string }) {
  useEffect(() => {
    window.location.assign(href);
  }, [href]);
  return <Loading label="Going back to the app" />;
}
