import { Page } from '../components/page.tsx';

export function AppsPage() {
  return (
    <Page title="Apps">
      <p>Coming next.</p>
    </Page>
  );
}
