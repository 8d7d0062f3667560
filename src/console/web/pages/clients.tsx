import { Page } from '../components/page.tsx';

export function ClientsPage() {
  return (
    <Page title="API clients">
      <p>Coming next.</p>
    </Page>
  );
}
