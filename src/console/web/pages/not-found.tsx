import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>There is no console page at this address.</p>
      <p>
        <Link to="/">Back to the console</Link>
      </p>
    </section>
  );
}
