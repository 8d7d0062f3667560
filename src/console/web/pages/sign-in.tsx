import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { explainError } from '../api/problem.ts';
import { Loading } from '../components/states.tsx';
import { useSession, useSessionReset } from '../session.tsx';

/** Only a path inside the console is a place to go back to after signing in. */
export function safeNext(next: string | null): string {
  return next && /^\/(?!\/)[^\\\s]*$/.test(next) ? next : '/';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const resetSession = useSessionReset();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailId = useId();
  const passwordId = useId();
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/session', { body: { email, password } })),
    onSuccess: (answer) => {
      resetSession(answer);
      navigate(next, { replace: true });
    },
  });
  if (session.isPending) return <Loading label="Opening the console" />;
  if (session.data) return <Navigate to={next} replace />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main className="centered sign-in">
      <h1>Sign in to the console</h1>
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
            {explainError(signIn.error)}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
